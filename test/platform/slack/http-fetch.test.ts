import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, onTestFinished, test } from 'vitest';
import { createHttpFetch } from '../../../src/platform/slack/http-fetch.ts';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };

async function server(answer: (seen: Seen, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const sockets = new Set<string>();
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      sockets.add(`${req.socket.remotePort}`);
      const one = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(one);
      answer(one, res);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  );
  return { seen, sockets, base: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

test('a form POST goes out as given and its answer reads like fetch: status, headers, json, over one kept-alive socket', async () => {
  const { seen, sockets, base } = await server((_seen, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' });
    res.end('{"ok":true,"ts":"1.000200"}');
  });
  const client = createHttpFetch();
  onTestFinished(client.close);
  const body = 'channel=C0RELEASE&text=caf%C3%A9';
  for (let i = 0; i < 3; i += 1) {
    const response = await client.fetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-1' },
      body,
    });
    expect([response.ok, response.status, response.headers.get('X-OAuth-Scopes')]).toEqual([true, 200, 'chat:write']);
    expect(await response.json()).toEqual({ ok: true, ts: '1.000200' });
  }
  expect(seen.map((s) => [s.method, s.url, s.body, s.headers.authorization, s.headers['content-length']])).toEqual(
    Array(3).fill(['POST', '/api/chat.postMessage', body, 'Bearer xoxb-1', String(Buffer.byteLength(body))]),
  );
  expect(sockets.size).toBe(1);
});

test('an error status is an answer, not a failure: the client reads its text and headers', async () => {
  const { base } = await server((_seen, res) => {
    res.writeHead(429, { 'retry-after': '3' });
    res.end('slow down');
  });
  const client = createHttpFetch();
  onTestFinished(client.close);
  const response = await client.fetch(`${base}/api/chat.update`, { method: 'POST', body: 'channel=C1' });
  expect([response.ok, response.status, response.headers.get('retry-after'), await response.text()]).toEqual([
    false,
    429,
    '3',
    'slow down',
  ]);
  expect(Object.fromEntries(response.headers.entries())).toMatchObject({ 'retry-after': '3' });
});

test('the signal ends a request that takes too long, with its reason', async () => {
  const { base } = await server(() => {
    // Never answers.
  });
  const client = createHttpFetch();
  onTestFinished(client.close);
  const started = Date.now();
  const failed = await client
    .fetch(`${base}/api/views.open`, { method: 'POST', body: 'view=%7B%7D', signal: AbortSignal.timeout(100) })
    .then(
      () => 'answered',
      (error: Error) => error.name,
    );
  expect(failed).toBe('TimeoutError');
  expect(Date.now() - started).toBeLessThan(5000);
});

test('a multipart upload (FormData) is handed to the fallback fetch untouched', async () => {
  const handed: unknown[] = [];
  const client = createHttpFetch(async (url, init) => {
    handed.push([String(url), init?.body]);
    return new Response('{"ok":true}') as never;
  });
  onTestFinished(client.close);
  const form = new FormData();
  form.append('file', new Blob(['x']), 'a.png');
  const response = await client.fetch('http://127.0.0.1:1/upload', { method: 'POST', body: form });
  expect(await response.json()).toEqual({ ok: true });
  expect(handed).toEqual([['http://127.0.0.1:1/upload', form]]);
});
