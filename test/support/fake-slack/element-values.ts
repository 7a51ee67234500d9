/**
 * What the Slack client lets a user do with an element, and how it reports it: finding an interactive element on
 * screen, and turning a test's plain value (`'2026-03-02'`, `['a','b']`, `'U123'`) into the state/action fields
 * Slack sends (`selected_date`, `selected_options`, `selected_user`, …). Throws when the UI would not allow it.
 */
import { isJsonObject } from './block-kit-objects.ts';
import type { FakeSlack } from './fake-slack.ts';
import type { Json } from './workspace.ts';

export type UserValue = string | string[] | null;
export type FoundElement = { blockId: string; element: Json; block: Json };

/** Every interactive element in a list of blocks, with the block it sits in. */
export function interactiveElements(blocks: Json[]): FoundElement[] {
  const found: FoundElement[] = [];
  for (const block of blocks) {
    const blockId = String(block.block_id ?? '');
    const candidates = [
      ...(block.type === 'actions' && Array.isArray(block.elements) ? block.elements : []),
      block.accessory,
      block.element,
    ];
    for (const element of candidates) {
      if (isJsonObject(element) && element.type !== 'image') found.push({ blockId, element, block });
    }
  }
  return found;
}

function describe(found: FoundElement[]): string {
  if (found.length === 0) return 'no interactive elements';
  return found
    .map(({ element }) => `${element.type}#${String(element.action_id)}${element.value ? `=${element.value}` : ''}`)
    .join(', ');
}

/** The element with that action_id (and button value) among `types`, or a clear error naming what IS there. */
export function findElement(
  blocks: Json[],
  query: { actionId: string; value?: string; types?: string[] },
  where: string,
): FoundElement {
  const all = interactiveElements(blocks);
  const match = all.find(
    ({ element }) =>
      element.action_id === query.actionId &&
      (query.types === undefined || query.types.includes(String(element.type))) &&
      (query.value === undefined || element.type !== 'button' || element.value === query.value),
  );
  if (!match) {
    const wanted = `${query.types?.join('/') ?? 'element'} with action_id "${query.actionId}"${
      query.value !== undefined ? ` and value "${query.value}"` : ''
    }`;
    throw new Error(`fake-slack driver: no ${wanted} in ${where}; on screen: ${describe(all)}`);
  }
  return match;
}

function optionsOf(element: Json): Json[] {
  const direct = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.flatMap((g) => (isJsonObject(g) && Array.isArray(g.options) ? g.options : []))
    : [];
  return [...direct, ...grouped].filter(isJsonObject);
}

function pickOption(element: Json, value: string, actionId: string): Json {
  const option = optionsOf(element).find((o) => o.value === value);
  if (!option) {
    const offered = optionsOf(element).map((o) => String(o.value));
    throw new Error(`fake-slack driver: ${actionId} has no option "${value}" (options: ${offered.join(', ')})`);
  }
  return structuredClone(option);
}

function asList(value: UserValue, actionId: string): string[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new Error(`fake-slack driver: ${actionId} takes a list of values`);
  return value;
}

function asSingle(value: UserValue, actionId: string): string | null {
  if (Array.isArray(value)) throw new Error(`fake-slack driver: ${actionId} takes a single value`);
  return value;
}

function checkMaxSelected(element: Json, count: number, actionId: string): void {
  if (typeof element.max_selected_items === 'number' && count > element.max_selected_items) {
    throw new Error(`fake-slack driver: ${actionId} allows at most ${element.max_selected_items} selections`);
  }
}

function checkText(element: Json, value: string | null, actionId: string): void {
  if (value === null || value === '') return;
  if (typeof element.max_length === 'number' && value.length > element.max_length) {
    throw new Error(`fake-slack driver: ${actionId} accepts at most ${element.max_length} characters`);
  }
  if (typeof element.min_length === 'number' && value.length < element.min_length) {
    throw new Error(`fake-slack driver: ${actionId} needs at least ${element.min_length} characters`);
  }
}

function checkNumber(element: Json, value: string | null, actionId: string): void {
  if (value === null || value === '') return;
  const n = Number(value);
  const ok = element.is_decimal_allowed === true ? Number.isFinite(n) : /^-?\d+$/.test(value);
  if (!ok) throw new Error(`fake-slack driver: ${actionId} does not accept "${value}"`);
  if (element.min_value !== undefined && n < Number(element.min_value)) {
    throw new Error(`fake-slack driver: ${actionId} minimum is ${String(element.min_value)}`);
  }
  if (element.max_value !== undefined && n > Number(element.max_value)) {
    throw new Error(`fake-slack driver: ${actionId} maximum is ${String(element.max_value)}`);
  }
}

function checkFormat(value: string | null, pattern: RegExp, format: string, actionId: string): void {
  if (value !== null && !pattern.test(value)) {
    throw new Error(`fake-slack driver: ${actionId} expects ${format}, got "${value}"`);
  }
}

function checkUser(fake: FakeSlack, userId: string | null, actionId: string): void {
  if (userId !== null && !fake.user(userId)) throw new Error(`fake-slack driver: ${actionId}: no user ${userId}`);
}

function checkConversation(fake: FakeSlack, channelId: string | null, actionId: string): void {
  if (channelId !== null && !fake.channel(channelId)) {
    throw new Error(`fake-slack driver: ${actionId}: no conversation ${channelId}`);
  }
}

/** The state/action entry for `value` entered into `element` (`null` = left empty). */
export function elementValue(fake: FakeSlack, element: Json, value: UserValue): Json {
  const type = String(element.type);
  const actionId = String(element.action_id);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input': {
      const text = asSingle(value, actionId);
      checkText(element, text, actionId);
      return { type, value: text === '' ? null : text };
    }
    case 'number_input': {
      const text = asSingle(value, actionId);
      checkNumber(element, text, actionId);
      return { type, value: text === '' ? null : text };
    }
    case 'datepicker': {
      const date = asSingle(value, actionId);
      checkFormat(date, /^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD', actionId);
      return { type, selected_date: date };
    }
    case 'timepicker': {
      const time = asSingle(value, actionId);
      checkFormat(time, /^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm', actionId);
      return { type, selected_time: time };
    }
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
    case 'overflow': {
      const picked = asSingle(value, actionId);
      return { type, selected_option: picked === null ? null : pickOption(element, picked, actionId) };
    }
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes': {
      const picked = asList(value, actionId);
      checkMaxSelected(element, picked.length, actionId);
      return { type, selected_options: picked.map((v) => pickOption(element, v, actionId)) };
    }
    case 'users_select': {
      const user = asSingle(value, actionId);
      checkUser(fake, user, actionId);
      return { type, selected_user: user };
    }
    case 'multi_users_select': {
      const users = asList(value, actionId);
      checkMaxSelected(element, users.length, actionId);
      for (const u of users) checkUser(fake, u, actionId);
      return { type, selected_users: users };
    }
    case 'conversations_select':
    case 'channels_select': {
      const key = type === 'channels_select' ? 'selected_channel' : 'selected_conversation';
      const channel = asSingle(value, actionId);
      checkConversation(fake, channel, actionId);
      return { type, [key]: channel };
    }
    case 'multi_conversations_select':
    case 'multi_channels_select': {
      const key = type === 'multi_channels_select' ? 'selected_channels' : 'selected_conversations';
      const channels = asList(value, actionId);
      checkMaxSelected(element, channels.length, actionId);
      for (const c of channels) checkConversation(fake, c, actionId);
      return { type, [key]: channels };
    }
    default:
      throw new Error(`fake-slack driver: cannot enter a value into a ${type} (${actionId})`);
  }
}

/** What the client pre-fills from `initial_*` (and so submits when the user does not touch the element). */
export function initialValue(element: Json): UserValue {
  const optionValue = (o: unknown) => (isJsonObject(o) ? String(o.value) : null);
  switch (element.type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return typeof element.initial_value === 'string' ? element.initial_value : null;
    case 'datepicker':
      return typeof element.initial_date === 'string' ? element.initial_date : null;
    case 'timepicker':
      return typeof element.initial_time === 'string' ? element.initial_time : null;
    case 'static_select':
    case 'radio_buttons':
      return optionValue(element.initial_option);
    case 'multi_static_select':
    case 'checkboxes':
      return Array.isArray(element.initial_options) ? element.initial_options.map((o) => String(optionValue(o))) : [];
    case 'users_select':
      return typeof element.initial_user === 'string' ? element.initial_user : null;
    case 'multi_users_select':
      return Array.isArray(element.initial_users) ? element.initial_users.map(String) : [];
    case 'conversations_select':
      return typeof element.initial_conversation === 'string' ? element.initial_conversation : null;
    case 'channels_select':
      return typeof element.initial_channel === 'string' ? element.initial_channel : null;
    case 'multi_conversations_select':
      return Array.isArray(element.initial_conversations) ? element.initial_conversations.map(String) : [];
    case 'multi_channels_select':
      return Array.isArray(element.initial_channels) ? element.initial_channels.map(String) : [];
    default:
      return null;
  }
}

/** True when a state entry carries no user input (what makes a required input block block submission). */
export function isEmptyValue(entry: Json): boolean {
  return Object.entries(entry).every(
    ([key, v]) => key === 'type' || v === null || v === undefined || (Array.isArray(v) && v.length === 0),
  );
}
