import type { TestBot } from './e2e.ts';
import { CAST } from './people.ts';

/** What an API request got back: the status, the headers that matter, the parsed body. */
export type ApiResponse = {
  status: number;
  contentType: string | null;
  headers: Headers;
  body: Record<string, unknown>;
};

/** `/release token create <name>` as the Release Manager, through Slack; the secret from the private answer. */
export async function createTokenThroughSlack(t: TestBot, name = 'github-actions'): Promise<string> {
  const outcome = await t.command(CAST.rm.id, `token create ${name}`);
  const secret = /rbt_[A-Za-z0-9_-]{43}/.exec(outcome.visible)?.[0];
  if (!secret) throw new Error(`no token in the answer: ${outcome.visible}`);
  return secret;
}

/** One request to the running bot's API over real HTTP. */
export async function callApi(
  t: Pick<TestBot, 'port'>,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: {
    token?: string;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
  const response = await fetch(`http://127.0.0.1:${t.port}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    body: parsed,
  };
}
