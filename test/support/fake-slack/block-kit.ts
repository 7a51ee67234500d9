/**
 * Block Kit validation, as Slack's Web API applies it (slack-platform.md §6).
 * Pure functions: each returns Slack-style messages such as
 * `must be less than 3001 characters [json-pointer:/blocks/0/text/text]`; an empty array means valid.
 */

import {
  array,
  at,
  boolean,
  confirmDialog,
  type Errors,
  isJsonObject,
  type Json,
  maxString,
  optional,
  optionList,
  plainText,
  required,
  selectOptions,
  stringLength,
  textObject,
} from './block-kit-objects.ts';

export type BlockSurface = 'message' | 'modal' | 'home';

const BLOCK_TYPES = ['section', 'header', 'divider', 'context', 'actions', 'input', 'image', 'rich_text', 'markdown'];
const MAX_BLOCKS: Record<BlockSurface, number> = { message: 50, modal: 100, home: 100 };

export const INTERACTIVE_ELEMENTS = [
  'button',
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'overflow',
  'checkboxes',
  'radio_buttons',
];
const ACCESSORY_ELEMENTS = [...INTERACTIVE_ELEMENTS, 'image'];
const INPUT_ELEMENTS = [
  ...INTERACTIVE_ELEMENTS.filter((type) => type !== 'button' && type !== 'overflow'),
  'plain_text_input',
  'number_input',
  'email_text_input',
  'url_text_input',
  'rich_text_input',
  'file_input',
];

/** Validates a `blocks` array for a surface; pointers are rooted at `/blocks` (or at `basePointer`). */
export function validateBlocks(blocks: unknown, surface: BlockSurface, basePointer = '/blocks'): string[] {
  const errors: Errors = [];
  if (!Array.isArray(blocks)) {
    return [at('must provide an array', basePointer)];
  }
  const max = MAX_BLOCKS[surface];
  if (blocks.length > max) {
    errors.push(at(`no more than ${max} items allowed`, basePointer));
  }
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const pointer = `${basePointer}/${index}`;
    if (!isJsonObject(block)) {
      errors.push(at('must provide an object', pointer));
      return;
    }
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) {
        errors.push(at(`duplicate block_id: ${block.block_id}`, `${pointer}/block_id`));
      }
      blockIds.add(block.block_id);
    }
    validateBlock(block, pointer, errors);
  });
  if (surface === 'message') {
    const total = blockText(blocks);
    if (total > MAX_MESSAGE_BLOCK_TEXT) {
      errors.push(
        at(`the blocks hold ${total} characters of text; a message may hold ${MAX_MESSAGE_BLOCK_TEXT}`, basePointer),
      );
    }
  }
  return errors;
}

/**
 * What Slack accepts of block text in one message in practice (it refuses more with `invalid_blocks`, although no
 * single element is over its own limit): the text of every text object, counted as sent.
 */
export const MAX_MESSAGE_BLOCK_TEXT = 12_000;

export function blockText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blockText(item), 0);
  if (!isJsonObject(value)) return 0;
  let sum = 0;
  if ((value.type === 'mrkdwn' || value.type === 'plain_text') && typeof value.text === 'string')
    sum += value.text.length;
  for (const [key, child] of Object.entries(value))
    if (key !== 'text' || typeof child !== 'string') sum += blockText(child);
  return sum;
}

/** Validates a view object (`views.open|push|update|publish`); pointers are rooted at `/view`. */
export function validateView(view: unknown, expectedType?: 'modal' | 'home'): string[] {
  const pointer = '/view';
  if (!isJsonObject(view)) {
    return [at('must provide an object', pointer)];
  }
  const errors: Errors = [];
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    errors.push(at('must be a valid enum value', `${pointer}/type`));
    return errors;
  }
  if (expectedType !== undefined && type !== expectedType) {
    errors.push(at(`view type must be ${expectedType}`, `${pointer}/type`));
  }
  if (type === 'modal') {
    if (view.title === undefined) {
      errors.push(at('missing required field: title', pointer));
    } else {
      plainText(view.title, `${pointer}/title`, 24, errors);
    }
    optional(view.submit, () => plainText(view.submit, `${pointer}/submit`, 24, errors));
    optional(view.close, () => plainText(view.close, `${pointer}/close`, 24, errors));
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isJsonObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) {
      errors.push(at('missing required field: submit (required when the view has input blocks)', pointer));
    }
  }
  maxString(view.private_metadata, `${pointer}/private_metadata`, 3000, errors);
  maxString(view.callback_id, `${pointer}/callback_id`, 255, errors);
  maxString(view.external_id, `${pointer}/external_id`, 255, errors);
  if (view.blocks === undefined) {
    errors.push(at('missing required field: blocks', pointer));
  } else {
    errors.push(...validateBlocks(view.blocks, type, `${pointer}/blocks`));
  }
  return errors;
}

function validateBlock(block: Json, pointer: string, errors: Errors): void {
  const type = block.type;
  if (typeof type !== 'string') {
    errors.push(at('missing required field: type', pointer));
    return;
  }
  if (!BLOCK_TYPES.includes(type)) {
    errors.push(at(`unsupported block type: ${type}`, `${pointer}/type`));
    return;
  }
  maxString(block.block_id, `${pointer}/block_id`, 255, errors);
  const validate = BLOCK_VALIDATORS[type];
  validate?.(block, pointer, errors);
}

type BlockValidator = (block: Json, pointer: string, errors: Errors) => void;

const BLOCK_VALIDATORS: Record<string, BlockValidator> = {
  section: (block, pointer, errors) => validateSection(block, pointer, errors),
  header: (block, pointer, errors) =>
    required(block, 'text', pointer, errors, () => plainText(block.text, `${pointer}/text`, 150, errors)),
  context: (block, pointer, errors) => validateContext(block, pointer, errors),
  actions: (block, pointer, errors) => validateActions(block, pointer, errors),
  input: (block, pointer, errors) => validateInput(block, pointer, errors),
  image: (block, pointer, errors) => validateImage(block, pointer, errors),
  rich_text: (block, pointer, errors) =>
    required(block, 'elements', pointer, errors, () => {
      array(block.elements, `${pointer}/elements`, errors);
    }),
  markdown: (block, pointer, errors) =>
    required(block, 'text', pointer, errors, () => stringLength(block.text, `${pointer}/text`, 1, 12000, errors)),
  divider: () => undefined,
};

function validateSection(block: Json, pointer: string, errors: Errors): void {
  if (block.text === undefined && block.fields === undefined) {
    errors.push(at('missing required field: text', pointer));
  }
  optional(block.text, () => textObject(block.text, `${pointer}/text`, 3000, errors));
  optional(block.fields, () => {
    if (!array(block.fields, `${pointer}/fields`, errors)) return;
    const fields = block.fields as unknown[];
    if (fields.length > 10) errors.push(at('no more than 10 items allowed', `${pointer}/fields`));
    fields.forEach((field, i) => {
      textObject(field, `${pointer}/fields/${i}`, 2000, errors);
    });
  });
  optional(block.accessory, () => element(block.accessory, `${pointer}/accessory`, ACCESSORY_ELEMENTS, errors));
}

function validateContext(block: Json, pointer: string, errors: Errors): void {
  required(block, 'elements', pointer, errors, () => {
    const elements = block.elements;
    if (!array(elements, `${pointer}/elements`, errors)) return;
    const list = elements as unknown[];
    if (list.length === 0) errors.push(at('must provide at least 1 items', `${pointer}/elements`));
    if (list.length > 10) errors.push(at('no more than 10 items allowed', `${pointer}/elements`));
    list.forEach((item, i) => {
      const itemPointer = `${pointer}/elements/${i}`;
      if (isJsonObject(item) && item.type === 'image') {
        element(item, itemPointer, ['image'], errors);
      } else {
        textObject(item, itemPointer, 3000, errors);
      }
    });
  });
}

function validateActions(block: Json, pointer: string, errors: Errors): void {
  required(block, 'elements', pointer, errors, () => {
    const elements = block.elements;
    if (!array(elements, `${pointer}/elements`, errors)) return;
    const list = elements as unknown[];
    if (list.length === 0) errors.push(at('must provide at least 1 items', `${pointer}/elements`));
    if (list.length > 25) errors.push(at('no more than 25 items allowed', `${pointer}/elements`));
    const actionIds = new Set<string>();
    list.forEach((item, i) => {
      const itemPointer = `${pointer}/elements/${i}`;
      element(item, itemPointer, INTERACTIVE_ELEMENTS, errors);
      if (isJsonObject(item) && typeof item.action_id === 'string') {
        if (actionIds.has(item.action_id)) {
          errors.push(at(`duplicate action_id: ${item.action_id}`, `${itemPointer}/action_id`));
        }
        actionIds.add(item.action_id);
      }
    });
  });
}

function validateInput(block: Json, pointer: string, errors: Errors): void {
  required(block, 'label', pointer, errors, () => plainText(block.label, `${pointer}/label`, 2000, errors));
  required(block, 'element', pointer, errors, () =>
    element(block.element, `${pointer}/element`, INPUT_ELEMENTS, errors),
  );
  optional(block.hint, () => plainText(block.hint, `${pointer}/hint`, 2000, errors));
  optional(block.optional, () => boolean(block.optional, `${pointer}/optional`, errors));
  optional(block.dispatch_action, () => boolean(block.dispatch_action, `${pointer}/dispatch_action`, errors));
}

function validateImage(block: Json, pointer: string, errors: Errors): void {
  if (block.image_url === undefined && block.slack_file === undefined) {
    errors.push(at('missing required field: image_url', pointer));
  }
  maxString(block.image_url, `${pointer}/image_url`, 3000, errors);
  required(block, 'alt_text', pointer, errors, () =>
    stringLength(block.alt_text, `${pointer}/alt_text`, 1, 2000, errors),
  );
  optional(block.title, () => plainText(block.title, `${pointer}/title`, 2000, errors));
}

function element(value: unknown, pointer: string, allowed: string[], errors: Errors): void {
  if (!isJsonObject(value)) {
    errors.push(at('must provide an object', pointer));
    return;
  }
  const type = value.type;
  if (typeof type !== 'string') {
    errors.push(at('missing required field: type', pointer));
    return;
  }
  if (!allowed.includes(type)) {
    errors.push(at(`unsupported element type here: ${type}`, `${pointer}/type`));
    return;
  }
  maxString(value.action_id, `${pointer}/action_id`, 255, errors);
  optional(value.placeholder, () => plainText(value.placeholder, `${pointer}/placeholder`, 150, errors));
  optional(value.confirm, () => confirmDialog(value.confirm, `${pointer}/confirm`, errors));
  switch (type) {
    case 'button':
      required(value, 'text', pointer, errors, () => plainText(value.text, `${pointer}/text`, 75, errors));
      maxString(value.value, `${pointer}/value`, 2000, errors);
      maxString(value.url, `${pointer}/url`, 3000, errors);
      maxString(value.accessibility_label, `${pointer}/accessibility_label`, 75, errors);
      if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger') {
        errors.push(at('must be a valid enum value', `${pointer}/style`));
      }
      return;
    case 'static_select':
    case 'multi_static_select':
      selectOptions(value, pointer, errors);
      return;
    case 'overflow':
      optionList(value, pointer, { min: 1, max: 5, textType: 'plain_text', allowUrl: true }, errors);
      return;
    case 'checkboxes':
    case 'radio_buttons':
      optionList(value, pointer, { min: 1, max: 10, textType: 'any', allowUrl: false }, errors);
      return;
    case 'datepicker':
      if (value.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(value.initial_date))) {
        errors.push(at('must match the format YYYY-MM-DD', `${pointer}/initial_date`));
      }
      return;
    case 'timepicker':
      if (value.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(value.initial_time))) {
        errors.push(at('must match the format HH:mm', `${pointer}/initial_time`));
      }
      return;
    case 'plain_text_input':
      maxString(value.initial_value, `${pointer}/initial_value`, 3000, errors);
      if (value.max_length !== undefined && (typeof value.max_length !== 'number' || value.max_length > 3000)) {
        errors.push(at('must be a number no greater than 3000', `${pointer}/max_length`));
      }
      return;
    case 'number_input':
      if (typeof value.is_decimal_allowed !== 'boolean') {
        errors.push(at('missing required field: is_decimal_allowed', pointer));
      }
      return;
    case 'image':
      if (value.image_url === undefined && value.slack_file === undefined) {
        errors.push(at('missing required field: image_url', pointer));
      }
      required(value, 'alt_text', pointer, errors, () =>
        stringLength(value.alt_text, `${pointer}/alt_text`, 1, 2000, errors),
      );
      return;
    default:
      return;
  }
}
