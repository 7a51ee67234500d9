import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { TestBot } from '../helpers/e2e.ts';
import { CAST } from '../helpers/people.ts';

/** The test secret the bot is configured with; GitHub signs each delivery with the webhook's secret. */
export const WEBHOOK_SECRET = 'test-github-webhook-secret';
export const REPO = 'acme/shop';

/** GitHub's JSON, which the tests edit field by field as another delivery would differ. */
// biome-ignore lint/suspicious/noExplicitAny: a payload is whatever GitHub sent; tests reach into it freely
export type Payload = Record<string, any>;

type Example = { name: string; examples: Array<Record<string, unknown>> };
const EXAMPLES = createRequire(import.meta.url)('@octokit/webhooks-examples') as Example[];

/**
 * A real payload GitHub documented (`@octokit/webhooks-examples`), copied, with its repository rewritten to `repo`
 * (name, owner, full name and every URL that names it), the way the same event from a linked repository looks.
 */
export function examplePayload(event: string, pick: (payload: Payload) => boolean = () => true, repo = REPO): Payload {
  const found = EXAMPLES.find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example matches`);
  const original = (found.repository as { full_name: string } | undefined)?.full_name;
  let text = JSON.stringify(found);
  if (original) text = text.replaceAll(original, repo);
  const payload = JSON.parse(text) as Payload;
  if (payload.repository) {
    const [owner, name] = repo.split('/') as [string, string];
    payload.repository.full_name = repo;
    payload.repository.name = name;
    if (payload.repository.owner) payload.repository.owner.login = owner;
  }
  return payload;
}

/** GitHub's `X-Hub-Signature-256` of a body: HMAC-SHA256 with the webhook's secret, hex, after `sha256=`. */
export function githubSignature(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

let deliveries = 0;
export function newDeliveryId(): string {
  deliveries += 1;
  return `72d3162e-cc78-11e3-81ab-${String(deliveries).padStart(12, '0')}`;
}

export type Delivered = { status: number; contentType: string | null; body: Payload; deliveryId: string };

/** POSTs one delivery to the running bot as GitHub does: JSON, its event and delivery headers, signed. */
export async function deliver(
  t: TestBot,
  event: string,
  payload: unknown,
  options: { deliveryId?: string; signature?: string | null; raw?: string; contentType?: string } = {},
): Promise<Delivered> {
  const body = options.raw ?? JSON.stringify(payload);
  const deliveryId = options.deliveryId ?? newDeliveryId();
  const signature = options.signature === undefined ? githubSignature(body) : options.signature;
  const response = await fetch(`http://127.0.0.1:${t.port}/github/webhook`, {
    method: 'POST',
    headers: {
      'Content-Type': options.contentType ?? 'application/json',
      'User-Agent': 'GitHub-Hookshot/044aadd',
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': deliveryId,
      'X-GitHub-Hook-ID': '292430182',
      ...(signature ? { 'X-Hub-Signature-256': signature } : {}),
    },
    body,
  });
  const text = await response.text();
  let parsed: Payload = { text };
  try {
    parsed = JSON.parse(text) as Payload;
  } catch {}
  return { status: response.status, contentType: response.headers.get('content-type'), body: parsed, deliveryId };
}

/** `/release link github …` by the RM; throws unless it linked. */
export async function linkRepo(t: TestBot, args = `github ${REPO}`, userId: string = CAST.rm.id): Promise<string> {
  const linked = await t.command(userId, `link ${args}`);
  if (!linked.visible.includes('Linked') && !linked.visible.includes('Updated the link')) {
    throw new Error(`link failed: ${linked.visible}`);
  }
  return linked.visible;
}
