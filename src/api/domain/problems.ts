/**
 * The API's errors, as RFC 9457 problem details: a kind (its `type` URI and HTTP status), a title that names the
 * kind, and a `detail` a person can act on. Use cases return them; the HTTP adapter writes them as
 * `application/problem+json`.
 */
export const PROBLEM_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  gate_closed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gate_pending: 409,
  deployment_blocked: 409,
  idempotency_in_progress: 409,
  too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  idempotency_mismatch: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ProblemKind = keyof typeof PROBLEM_STATUS;

export const PROBLEM_TITLES: Record<ProblemKind, string> = {
  bad_request: 'Bad request',
  unauthorized: 'Missing, unknown or revoked token',
  gate_closed: 'The deployment gate is closed',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict with the release’s state',
  gate_pending: 'The deployment gate is pending',
  deployment_blocked: 'Deployment refused by the deployment gate',
  idempotency_in_progress: 'A request with this Idempotency-Key is still running',
  too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported media type',
  invalid: 'Invalid request body',
  idempotency_mismatch: 'Idempotency-Key reused for a different request',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
  unavailable: 'The bot is restarting',
};

export type ApiProblem = {
  ok: false;
  kind: ProblemKind;
  detail: string;
  /** Extension members (RFC 9457 §3.2), e.g. the gate and its reasons, or the invalid fields. */
  extra?: Record<string, unknown>;
  /** Sent as `Retry-After` (429, 503). */
  retryAfterSeconds?: number;
};

export function problem(
  kind: ProblemKind,
  detail: string,
  more: Pick<ApiProblem, 'extra' | 'retryAfterSeconds'> = {},
): ApiProblem {
  return { ok: false, kind, detail, ...more };
}

/** The `type` URI of a kind: stable, documented in the OpenAPI document. */
export function problemType(kind: ProblemKind): string {
  return `urn:release-bot:problem:${kind.replaceAll('_', '-')}`;
}

/**
 * A message the other modules wrote for Slack (mrkdwn), as plain text for an HTTP client: no bold, no escapes,
 * mentions as ids.
 */
export function plainText(mrkdwn: string): string {
  return mrkdwn
    .replace(/<@([A-Z0-9]+)(\|[^>]*)?>/g, '@$1')
    .replace(/<#([A-Z0-9]+)(\|[^>]*)?>/g, '#$1')
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/(^|\s)_([^_\n]+)_(?=\s|[.,;:]|$)/g, '$1$2')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replaceAll('\u200b', '');
}
