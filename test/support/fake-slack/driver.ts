/**
 * Drives a Slack app over HTTP the way Slack does (slack-platform.md §1–4): signed slash commands, button clicks,
 * selections, modal submissions and events. It only lets a test do what a user could do on screen: clicking a
 * button that is not in the current message (or view) throws.
 */
import { createHmac } from 'node:crypto';
import { type IncomingHttpHeaders, request } from 'node:http';
import { INTERACTIVE_ELEMENTS } from './block-kit.ts';
import { elementValue, findElement, type UserValue } from './element-values.ts';
import type { FakeSlack, FakeView, ViewStateValues } from './fake-slack.ts';
import type { AckOutcome } from './modals.ts';
import {
  actionTs,
  commandFields,
  eventCallback,
  messageBlockActions,
  viewBlockActions,
  viewClosed,
  viewSubmission,
} from './payloads.ts';
import { responseUrlsFor, submissionState } from './view-submission.ts';
import type { Json } from './workspace.ts';

export type DriverResponse = { status: number; body: string; json?: unknown; headers: IncomingHttpHeaders };
export type InteractionResponse = DriverResponse & { payload: Json; triggerId: string; responseUrl?: string };

export type MessageTarget = {
  userId: string;
  channelId: string;
  /** The message (or, with `ephemeral`, the ephemeral) clicked; for ephemerals it may be omitted: newest wins. */
  messageTs?: string;
  ephemeral?: boolean;
};

export type SlackDriver = {
  fake: FakeSlack;
  appUrl: string;
  secret: string;
  /** `v0=<hex hmac_sha256(secret, 'v0:' + timestamp + ':' + body)>`. */
  signature(timestamp: number | string, body: string): string;
  /** POSTs a body with Slack's headers; `timestamp`/`signature` override (or, as `null`, omit) them. */
  sendRaw(input: {
    body: string;
    contentType: string;
    timestamp?: number | string | null;
    signature?: string | null;
    headers?: Record<string, string>;
  }): Promise<DriverResponse>;
  command(input: {
    userId: string;
    channelId: string;
    text?: string;
    command?: string;
  }): Promise<DriverResponse & { responseUrl: string; triggerId: string }>;
  clickButton(input: MessageTarget & { actionId: string; value?: string }): Promise<InteractionResponse>;
  selectOption(input: MessageTarget & { actionId: string; value: UserValue }): Promise<InteractionResponse>;
  clickInView(input: {
    userId: string;
    viewId: string;
    actionId: string;
    value?: string;
  }): Promise<InteractionResponse>;
  selectInView(input: {
    userId: string;
    viewId: string;
    actionId: string;
    value: UserValue;
  }): Promise<InteractionResponse>;
  submitView(input: {
    userId: string;
    viewId: string;
    values?: Record<string, Record<string, UserValue>>;
  }): Promise<DriverResponse & { payload: Json; ack: unknown; outcome: AckOutcome | undefined }>;
  /** The user presses Close (or Esc). Sends view_closed only if the view has `notify_on_close`. */
  closeView(input: { userId: string; viewId: string }): Promise<DriverResponse | undefined>;
  openHome(userId: string): Promise<DriverResponse>;
  sendEvent(event: Json): Promise<DriverResponse>;
  sendInteraction(payload: Json): Promise<DriverResponse>;
};

const FORM = 'application/x-www-form-urlencoded';

function post(url: string, body: string, headers: Record<string, string>): Promise<DriverResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const response: DriverResponse = { status: res.statusCode ?? 0, body: text, headers: res.headers };
        try {
          if (text !== '') response.json = JSON.parse(text);
        } catch {
          // not JSON: leave `json` unset
        }
        resolve(response);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function createSlackDriver(opts: { fake: FakeSlack; appUrl: string; signingSecret: string }): SlackDriver {
  const { fake, appUrl, signingSecret } = opts;

  const signature = (timestamp: number | string, body: string) =>
    `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

  const sendRaw: SlackDriver['sendRaw'] = ({ body, contentType, timestamp, signature: sig, headers = {} }) => {
    const ts = timestamp === undefined ? Math.floor(Date.now() / 1000) : timestamp;
    const all: Record<string, string> = {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...headers,
    };
    if (ts !== null) all['x-slack-request-timestamp'] = String(ts);
    const computed = ts === null ? undefined : signature(ts, body);
    const finalSignature = sig === undefined ? computed : sig;
    if (finalSignature !== null && finalSignature !== undefined) all['x-slack-signature'] = finalSignature;
    return post(appUrl, body, all);
  };

  const sendInteraction = (payload: Json) =>
    sendRaw({ body: `payload=${encodeURIComponent(JSON.stringify(payload))}`, contentType: FORM });

  const sendEvent = (event: Json) =>
    sendRaw({ body: JSON.stringify(eventCallback(fake, event)), contentType: 'application/json' });

  /** The message or ephemeral the user is looking at, holding the element. */
  function locateOnScreen(target: MessageTarget, find: (blocks: Json[], where: string) => unknown) {
    const { userId, channelId, messageTs } = target;
    if (target.ephemeral) {
      const visible = fake
        .ephemerals({ userId, channelId })
        .filter((e) => messageTs === undefined || e.ts === messageTs)
        .reverse();
      if (visible.length === 0) {
        throw new Error(`fake-slack driver: ${userId} sees no ephemeral ${messageTs ?? ''} in ${channelId}`);
      }
      const errors: string[] = [];
      for (const ephemeral of visible) {
        try {
          find(ephemeral.blocks, `ephemeral ${ephemeral.ts}`);
          return { kind: 'ephemeral' as const, ephemeral };
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
      throw new Error(errors.join('\n'));
    }
    if (messageTs === undefined) throw new Error('fake-slack driver: messageTs is required for a channel message');
    const message = fake.message(channelId, messageTs);
    if (!message)
      throw new Error(`fake-slack driver: no message ${messageTs} in ${channelId} (deleted or never posted)`);
    const channel = fake.channel(channelId);
    if (!channel?.members.includes(userId)) {
      throw new Error(`fake-slack driver: ${userId} is not in ${channelId} and cannot see message ${messageTs}`);
    }
    find(message.blocks, `message ${messageTs}`);
    return { kind: 'message' as const, message };
  }

  async function interactWithMessage(
    target: MessageTarget,
    query: { actionId: string; value?: string; types?: string[] },
    value: UserValue | undefined,
  ): Promise<InteractionResponse> {
    const find = (blocks: Json[], where: string) => findElement(blocks, query, where);
    const source = locateOnScreen(target, find);
    const blocks: Json[] = source.kind === 'message' ? source.message.blocks : source.ephemeral.blocks;
    const { element, blockId } = find(blocks, 'message');
    const { action, stateEntry } = buildAction(element, blockId, value);
    const ts = source.kind === 'message' ? source.message.ts : source.ephemeral.ts;
    const responseUrl = fake.newResponseUrl({
      channelId: target.channelId,
      userId: target.userId,
      messageTs: ts,
      isEphemeral: source.kind === 'ephemeral',
    });
    const triggerId = fake.newTriggerId(target.userId);
    const state = stateEntry ? { values: { [blockId]: { [String(element.action_id)]: stateEntry } } } : { values: {} };
    const payload = messageBlockActions(fake, {
      userId: target.userId,
      source,
      action,
      state,
      responseUrl,
      triggerId,
    });
    return { ...(await sendInteraction(payload)), payload, triggerId, responseUrl };
  }

  function buildAction(element: Json, blockId: string, value: UserValue | undefined) {
    const base = { action_id: element.action_id, block_id: blockId, action_ts: actionTs() };
    if (element.type === 'button') {
      const action: Json = { ...base, type: 'button', text: element.text };
      for (const key of ['value', 'style', 'url'] as const) if (element[key] !== undefined) action[key] = element[key];
      return { action, stateEntry: undefined };
    }
    if (value === undefined) throw new Error(`fake-slack driver: a value is required for ${String(element.type)}`);
    const entry = elementValue(fake, element, value);
    const action: Json = { ...entry, ...base };
    if (element.placeholder !== undefined) action.placeholder = element.placeholder;
    // overflow menus hold no state
    return { action, stateEntry: element.type === 'overflow' ? undefined : entry };
  }

  function visibleView(userId: string, viewId: string): FakeView {
    const stack = fake.openViews(userId);
    const top = stack.at(-1);
    if (top?.id === viewId) return top;
    const home = fake.homeView(userId);
    if (home?.id === viewId) return home;
    const where = stack.length > 0 ? `top modal is ${String(top?.id)}` : 'no modal is open';
    throw new Error(`fake-slack driver: view ${viewId} is not on ${userId}'s screen (${where})`);
  }

  async function interactWithView(
    input: { userId: string; viewId: string; actionId: string; value?: string },
    types: string[] | undefined,
    value: UserValue | undefined,
  ): Promise<InteractionResponse> {
    const view = visibleView(input.userId, input.viewId);
    const query = { actionId: input.actionId, value: input.value, types };
    const { element, blockId } = findElement(view.blocks as Json[], query, `view ${input.viewId}`);
    const { action, stateEntry } = buildAction(element, blockId, value);
    if (stateEntry) {
      const values = structuredClone((view.state as { values: ViewStateValues }).values);
      values[blockId] = { ...values[blockId], [String(element.action_id)]: stateEntry };
      fake.setViewState(input.viewId, values);
    }
    const triggerId = fake.newTriggerId(input.userId, { fromView: view.type === 'modal' });
    const current = fake.view(input.viewId) ?? view;
    const payload = viewBlockActions(fake, { userId: input.userId, view: current, action, triggerId });
    return { ...(await sendInteraction(payload)), payload, triggerId };
  }

  return {
    fake,
    appUrl,
    secret: signingSecret,
    signature,
    sendRaw,
    sendEvent,
    sendInteraction,

    async command({ userId, channelId, text = '', command = '/release' }) {
      const responseUrl = fake.newResponseUrl({ channelId, userId });
      const triggerId = fake.newTriggerId(userId);
      const fields = commandFields(fake, { userId, channelId, text, command, responseUrl, triggerId });
      const response = await sendRaw({ body: new URLSearchParams(fields).toString(), contentType: FORM });
      return { ...response, responseUrl, triggerId };
    },

    clickButton: ({ actionId, value, ...target }) =>
      interactWithMessage(target, { actionId, value, types: ['button'] }, undefined),

    selectOption: ({ actionId, value, ...target }) =>
      interactWithMessage(target, { actionId, types: NON_BUTTON_TYPES }, value),

    clickInView: (input) => interactWithView(input, ['button'], undefined),

    selectInView: ({ value, ...input }) => interactWithView(input, NON_BUTTON_TYPES, value),

    async submitView({ userId, viewId, values = {} }) {
      const view = visibleView(userId, viewId);
      if (view.type !== 'modal') throw new Error(`fake-slack driver: view ${viewId} is a ${String(view.type)}`);
      if (!view.submit) throw new Error(`fake-slack driver: view ${viewId} has no submit button`);
      const state = submissionState(fake, view, values);
      fake.setViewState(viewId, state);
      const submitted = fake.view(viewId) ?? view;
      const payload = viewSubmission(fake, {
        userId,
        view: submitted,
        triggerId: fake.newTriggerId(userId, { fromView: true }),
        responseUrls: responseUrlsFor(fake, submitted, state, userId),
      });
      const response = await sendInteraction(payload);
      const ack = response.json ?? (response.body === '' ? undefined : response.body);
      const outcome = response.status === 200 ? fake.applyViewSubmissionAck(userId, viewId, ack) : undefined;
      return { ...response, payload, ack, outcome };
    },

    async closeView({ userId, viewId }) {
      const view = visibleView(userId, viewId);
      if (view.type !== 'modal') throw new Error(`fake-slack driver: view ${viewId} is not a modal`);
      const isCleared = view.clear_on_close === true;
      fake.closeView(userId, { clear: isCleared });
      if (view.notify_on_close !== true) return undefined;
      return sendInteraction(viewClosed(fake, { userId, view, isCleared }));
    },

    openHome(userId) {
      const home = fake.homeView(userId);
      const event: Json = { type: 'app_home_opened', user: userId, channel: fake.dmChannelId(userId), tab: 'home' };
      if (home) event.view = home;
      return sendEvent(event);
    },
  };
}

/** What a person can pick or type in: every interactive element but a button, plus the text inputs. */
const NON_BUTTON_TYPES = [
  ...INTERACTIVE_ELEMENTS.filter((type) => type !== 'button'),
  'plain_text_input',
  'number_input',
];
