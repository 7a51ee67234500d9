/**
 * HTTP routing of the fake: `POST /api/<method>` (Web API), `POST /upload/v1/<file id>` (the uploadV2 upload
 * step), `POST /response/<id>` (response_url). Auth, injected faults and call recording happen here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RecordedCall, ResponseUrlPost } from './fake-slack.ts';
import { type Faults, isChannelPostTooSoon, recordChannelPost, takeFault } from './faults.ts';
import { servedFile } from './files.ts';
import { mediaType, parseMultipart, parseParams, readBody, sendJson, sendText } from './http-body.ts';
import { METHODS } from './methods/registry.ts';
import { respondToResponseUrl } from './response-url.ts';
import { type Json, peekChannelId, type Workspace } from './workspace.ts';

export type ServerState = {
  ws: Workspace;
  faults: Faults;
  calls: RecordedCall[];
  responseUrlPosts: ResponseUrlPost[];
  enforceChannelPostRate: boolean;
};

export function createFakeSlackServer(state: ServerState): Server {
  return createServer((req, res) => {
    route(state, req, res).catch((error: unknown) => {
      console.error('[fake-slack] request failed', error);
      if (!res.headersSent) sendText(res, 500, 'fake-slack internal error');
    });
  });
}

async function route(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://fake').pathname;
  if (req.method === 'GET' && path.startsWith('/files/')) {
    const served = servedFile(state.ws, path, bearerToken(req));
    res.writeHead(served.status, served.headers);
    return void res.end(served.body);
  }
  if (req.method !== 'POST') return sendText(res, 405, 'method_not_allowed');
  const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(path);
  if (api?.[1]) return handleApi(state, api[1], req, res);
  const upload = /^\/upload\/v1\/([A-Z0-9]+)$/.exec(path);
  if (upload?.[1]) return handleUpload(state, upload[1], req, res);
  const response = /^\/response\/([A-Za-z0-9_-]+)$/.exec(path);
  if (response?.[1]) return handleResponseUrl(state, response[1], req, res);
  return sendText(res, 404, 'not_found');
}

function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** Holds a request `ms`; false when the caller hung up meanwhile (then Slack never acted on it). */
function hold(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

async function handleApi(state: ServerState, method: string, req: IncomingMessage, res: ServerResponse) {
  const { ws, faults } = state;
  const raw = await readBody(req);
  const parsed = parseParams(raw, mediaType(req));
  const { token: bodyToken, ...params } = parsed ?? {};
  const record = (status: number, body: Json, answer?: RecordedCall['answer']) => {
    const call: RecordedCall = { method, params, at: new Date(ws.now()), ok: body.ok === true, status };
    if (typeof body.error === 'string') call.error = body.error;
    if (answer) call.answer = answer;
    state.calls.push(call);
  };
  const answer = (status: number, body: Json, headers: Record<string, string> = {}) => {
    record(status, body);
    sendJson(res, status, body, headers);
  };

  if (parsed === undefined) return answer(200, { ok: false, error: 'invalid_json' });
  const handler = METHODS[method];
  if (!handler) return answer(200, { ok: false, error: 'unknown_method' });
  const token = bearerToken(req) ?? (typeof bodyToken === 'string' ? bodyToken : undefined);
  if (!token) return answer(200, { ok: false, error: 'not_authed' });
  if (token !== ws.token) return answer(200, { ok: false, error: 'invalid_auth' });

  const channelParam = typeof params.channel === 'string' ? params.channel : undefined;
  const target = channelParam === undefined ? undefined : (peekChannelId(ws, channelParam) ?? channelParam);
  let fault = takeFault(faults, method, target);
  if (fault?.kind === 'hang') {
    if (!(await hold(res, fault.ms))) return record(0, { ok: false, error: 'caller_hung_up' }, 'abandoned');
    fault = undefined;
  }
  if (fault?.kind === 'rateLimit') {
    return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfterSeconds) });
  }
  if (method === 'chat.postMessage' && target && state.enforceChannelPostRate) {
    if (isChannelPostTooSoon(faults, target, ws.now())) {
      return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    }
  }
  if (fault?.kind === 'failure') return answer(200, { ok: false, error: fault.error });

  let result: Json;
  try {
    result = handler(ws, params);
  } catch (error) {
    console.error(`[fake-slack] ${method} threw`, error);
    result = { ok: false, error: 'fatal_error', detail: String(error) };
  }
  if (method === 'chat.postMessage' && result.ok === true && typeof result.channel === 'string') {
    recordChannelPost(faults, result.channel, ws.now());
  }
  if (fault?.kind === 'lostAnswer') {
    // Slack did the work; the caller learns nothing of it.
    if (fault.as === 'http_500') {
      record(500, result, 'http_500');
      return sendText(res, 500, 'Internal Server Error');
    }
    record(0, result, 'drop');
    res.socket?.destroy();
    return;
  }
  return answer(200, result);
}

async function handleUpload(state: ServerState, fileId: string, req: IncomingMessage, res: ServerResponse) {
  const file = state.ws.files.get(fileId);
  const raw = await readBody(req);
  if (!file || file.completed) return sendText(res, 404, 'file_not_found');
  let content = raw;
  if (mediaType(req) === 'multipart/form-data') {
    const parts = parseMultipart(raw, req.headers['content-type'] ?? '');
    const part = parts.find((p) => p.name === 'body') ?? parts.find((p) => p.filename !== undefined);
    if (!part) return sendText(res, 400, 'missing_file_data');
    content = part.data;
  }
  file.content = content;
  return sendText(res, 200, `OK - ${content.length}`);
}

async function handleResponseUrl(state: ServerState, id: string, req: IncomingMessage, res: ServerResponse) {
  const raw = (await readBody(req)).toString('utf8');
  const outcome = respondToResponseUrl(state.ws, id, raw);
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // keep the raw text in the log
  }
  const post: ResponseUrlPost = {
    url: `${state.ws.baseUrl}/response/${id}`,
    body,
    status: outcome.status,
    at: new Date(state.ws.now()),
  };
  if (outcome.action) post.action = outcome.action;
  if (outcome.errors) post.errors = outcome.errors;
  state.responseUrlPosts.push(post);
  return sendText(res, outcome.status, outcome.body);
}
