import { truncate } from './mrkdwn.ts';

/**
 * Slack's limits on what a message or view may carry, measured on the text as sent (escaped: `<` is `&lt;`, four
 * characters). Block Kit reference; the total is what Slack accepts in practice (it answers `invalid_blocks` or
 * `msg_blocks_too_long` above about 12,000 characters of block text in one message).
 */
export const SLACK_LIMITS = {
  sectionText: 3000,
  sectionField: 2000,
  contextElement: 2000,
  header: 150,
  buttonText: 75,
  optionText: 75,
  placeholder: 150,
  label: 2000,
  /** Block text across one message or view; a little under what Slack takes, to leave room for the note. */
  blockTextTotal: 11_500,
  /** The fallback `text` of `chat.update` (4,000) and of a post (40,000): the smaller for both. */
  messageText: 3000,
  messageBlocks: 50,
} as const;

/** Said under a message whose text had to be shortened: where the whole of it is. */
export const SHORTENED_NOTE =
  ':scissors: Some text here was shortened (…) to fit Slack’s limits. `/release export` has all of it.';

type TextObject = { type?: unknown; text?: unknown };
type Slot = { object: { text: string }; max: number };

function isTextObject(value: unknown): value is { type: string; text: string } {
  const object = value as TextObject | null;
  return (
    typeof object === 'object' &&
    object !== null &&
    (object.type === 'mrkdwn' || object.type === 'plain_text') &&
    typeof object.text === 'string'
  );
}

/** Every text object of a block with the most Slack lets it hold, in the order a reader meets them. */
function slotsOf(block: Record<string, unknown>): Slot[] {
  const slots: Slot[] = [];
  const add = (value: unknown, max: number) => {
    if (isTextObject(value)) slots.push({ object: value, max });
  };
  const element = (value: unknown) => {
    const e = value as Record<string, unknown> | null;
    if (!e || typeof e !== 'object') return;
    add(e.text, e.type === 'button' ? SLACK_LIMITS.buttonText : SLACK_LIMITS.label);
    add(e.placeholder, SLACK_LIMITS.placeholder);
    for (const option of (e.options as unknown[] | undefined) ?? []) {
      add((option as TextObject).text, SLACK_LIMITS.optionText);
    }
  };
  switch (block.type) {
    case 'header':
      add(block.text, SLACK_LIMITS.header);
      break;
    case 'section':
      add(block.text, SLACK_LIMITS.sectionText);
      for (const field of (block.fields as unknown[] | undefined) ?? []) add(field, SLACK_LIMITS.sectionField);
      element(block.accessory);
      break;
    case 'context':
      for (const item of (block.elements as unknown[] | undefined) ?? []) add(item, SLACK_LIMITS.contextElement);
      break;
    case 'actions':
      for (const item of (block.elements as unknown[] | undefined) ?? []) element(item);
      break;
    case 'input':
      add(block.label, SLACK_LIMITS.label);
      add(block.hint, SLACK_LIMITS.label);
      element(block.element);
      break;
  }
  return slots;
}

/** The longest text length `cap` such that cutting every longer text to `cap` brings the total within `budget`. */
function capFor(lengths: number[], budget: number): number {
  let low = 0;
  let high = Math.max(0, ...lengths);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const total = lengths.reduce((sum, n) => sum + Math.min(n, mid), 0);
    if (total <= budget) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * A copy of `blocks` within Slack's limits: each text cut to its element's limit, then, if the message as a whole is
 * too long, the longest texts cut to a common length (so the short ones, and every button, stay whole). A note saying
 * so is added at the end when anything was cut. Texts are cut with `truncate`, which never splits an escape, a
 * mention or a link.
 */
export function fitBlocks<T>(blocks: readonly T[], maxBlocks: number = SLACK_LIMITS.messageBlocks): T[] {
  // Nearly every message is within its limits: then nothing is copied (a deep copy of a poll's blocks cost more
  // than the rest of the check), and the blocks go out as built.
  const original = (blocks as unknown as Array<Record<string, unknown>>).flatMap(slotsOf);
  const within =
    original.every((slot) => slot.object.text.length <= slot.max) &&
    original.reduce((sum, slot) => sum + slot.object.text.length, 0) <= SLACK_LIMITS.blockTextTotal;
  if (within) return blocks as T[];
  const copy = structuredClone(blocks as unknown[]) as Array<Record<string, unknown>>;
  const slots = copy.flatMap(slotsOf);
  let shortened = false;
  for (const slot of slots) {
    const cut = truncate(slot.object.text, slot.max);
    if (cut !== slot.object.text) {
      slot.object.text = cut;
      shortened = true;
    }
  }
  const lengths = slots.map((s) => s.object.text.length);
  const total = lengths.reduce((sum, n) => sum + n, 0);
  const budget =
    SLACK_LIMITS.blockTextTotal - (shortened || total > SLACK_LIMITS.blockTextTotal ? SHORTENED_NOTE.length : 0);
  if (total > SLACK_LIMITS.blockTextTotal) {
    const cap = Math.max(capFor(lengths, budget), 40);
    for (const slot of slots) if (slot.object.text.length > cap) slot.object.text = truncate(slot.object.text, cap);
    shortened = true;
  }
  if (shortened && copy.length < maxBlocks) {
    copy.push({ type: 'context', elements: [{ type: 'mrkdwn', text: SHORTENED_NOTE }] });
  }
  return copy as T[];
}

/** A message's blocks and fallback text within Slack's limits. */
export function fitMessage<M extends { text?: string | undefined; blocks?: readonly unknown[] | undefined }>(
  message: M,
): M {
  const fitted: M = { ...message };
  if (typeof message.text === 'string') fitted.text = truncate(message.text, SLACK_LIMITS.messageText);
  if (Array.isArray(message.blocks)) fitted.blocks = fitBlocks(message.blocks);
  return fitted;
}

/** A modal or Home tab within Slack's limits (100 blocks). */
export function fitView<V extends { blocks?: readonly unknown[] | undefined }>(view: V): V {
  if (!Array.isArray(view.blocks)) return view;
  return { ...view, blocks: fitBlocks(view.blocks, 100) };
}

/** What a Web API call sends, fitted: the message methods' text and blocks, the view methods' view. */
export function fitApiArguments(method: string, options: Record<string, unknown> | undefined) {
  if (!options) return options;
  if (method === 'chat.postMessage' || method === 'chat.update' || method === 'chat.postEphemeral') {
    return fitMessage(options as { text?: string; blocks?: unknown[] });
  }
  if (method.startsWith('views.') && typeof options.view === 'object' && options.view !== null) {
    return { ...options, view: fitView(options.view as { blocks?: unknown[] }) };
  }
  return options;
}
