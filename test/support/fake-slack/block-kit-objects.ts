/** Block Kit's composition objects (text, options, confirm dialogs) and the checks the block validators share. */

export type Json = Record<string, unknown>;
export type Errors = string[];

export function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function at(message: string, pointer: string): string {
  return `${message} [json-pointer:${pointer}]`;
}

export function selectOptions(value: Json, pointer: string, errors: Errors): void {
  if (value.options === undefined && value.option_groups === undefined) {
    errors.push(at('missing required field: options', pointer));
    return;
  }
  if (value.options !== undefined) {
    optionList(value, pointer, { min: 1, max: 100, textType: 'plain_text', allowUrl: false }, errors);
  }
  optional(value.option_groups, () => {
    if (!array(value.option_groups, `${pointer}/option_groups`, errors)) return;
    const groups = value.option_groups as unknown[];
    if (groups.length > 100) errors.push(at('no more than 100 items allowed', `${pointer}/option_groups`));
    groups.forEach((group, i) => {
      const groupPointer = `${pointer}/option_groups/${i}`;
      if (!isJsonObject(group)) {
        errors.push(at('must provide an object', groupPointer));
        return;
      }
      required(group, 'label', groupPointer, errors, () => plainText(group.label, `${groupPointer}/label`, 75, errors));
      optionList(group, groupPointer, { min: 1, max: 100, textType: 'plain_text', allowUrl: false }, errors);
    });
  });
}

export type OptionRules = { min: number; max: number; textType: 'plain_text' | 'any'; allowUrl: boolean };

export function optionList(container: Json, pointer: string, rules: OptionRules, errors: Errors): void {
  const listPointer = `${pointer}/options`;
  required(container, 'options', pointer, errors, () => {
    if (!array(container.options, listPointer, errors)) return;
    const options = container.options as unknown[];
    if (options.length < rules.min) errors.push(at(`must provide at least ${rules.min} items`, listPointer));
    if (options.length > rules.max) errors.push(at(`no more than ${rules.max} items allowed`, listPointer));
    options.forEach((option, i) => {
      optionObject(option, `${listPointer}/${i}`, rules, errors);
    });
  });
}

export function optionObject(option: unknown, pointer: string, rules: OptionRules, errors: Errors): void {
  if (!isJsonObject(option)) {
    errors.push(at('must provide an object', pointer));
    return;
  }
  required(option, 'text', pointer, errors, () => {
    if (rules.textType === 'plain_text') plainText(option.text, `${pointer}/text`, 75, errors);
    else textObject(option.text, `${pointer}/text`, 75, errors);
  });
  required(option, 'value', pointer, errors, () => stringLength(option.value, `${pointer}/value`, 0, 150, errors));
  optional(option.description, () => textObject(option.description, `${pointer}/description`, 75, errors));
  if (option.url !== undefined) {
    if (!rules.allowUrl) errors.push(at('url is only allowed in overflow options', `${pointer}/url`));
    maxString(option.url, `${pointer}/url`, 3000, errors);
  }
}

export function confirmDialog(value: unknown, pointer: string, errors: Errors): void {
  if (!isJsonObject(value)) {
    errors.push(at('must provide an object', pointer));
    return;
  }
  optional(value.title, () => plainText(value.title, `${pointer}/title`, 100, errors));
  optional(value.text, () => textObject(value.text, `${pointer}/text`, 300, errors));
  optional(value.confirm, () => plainText(value.confirm, `${pointer}/confirm`, 30, errors));
  optional(value.deny, () => plainText(value.deny, `${pointer}/deny`, 30, errors));
}

export function textObject(value: unknown, pointer: string, max: number, errors: Errors): void {
  if (!isJsonObject(value)) {
    errors.push(at('must provide an object', pointer));
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    errors.push(at('must be a valid enum value', `${pointer}/type`));
    return;
  }
  required(value, 'text', pointer, errors, () => stringLength(value.text, `${pointer}/text`, 1, max, errors));
}

export function plainText(value: unknown, pointer: string, max: number, errors: Errors): void {
  if (isJsonObject(value) && value.type !== 'plain_text') {
    errors.push(at('must be a valid enum value (plain_text)', `${pointer}/type`));
    return;
  }
  textObject(value, pointer, max, errors);
}

export function stringLength(value: unknown, pointer: string, min: number, max: number, errors: Errors): void {
  if (typeof value !== 'string') {
    errors.push(at('must provide a string', pointer));
    return;
  }
  if (value.length < min) errors.push(at(`must be more than ${min - 1} characters`, pointer));
  if (value.length > max) errors.push(at(`must be less than ${max + 1} characters`, pointer));
}

export function maxString(value: unknown, pointer: string, max: number, errors: Errors): void {
  if (value === undefined) return;
  stringLength(value, pointer, 0, max, errors);
}

export function boolean(value: unknown, pointer: string, errors: Errors): void {
  if (typeof value !== 'boolean') errors.push(at('must provide a boolean', pointer));
}

export function array(value: unknown, pointer: string, errors: Errors): boolean {
  if (Array.isArray(value)) return true;
  errors.push(at('must provide an array', pointer));
  return false;
}

export function required(container: Json, field: string, pointer: string, errors: Errors, check: () => void): void {
  if (container[field] === undefined) {
    errors.push(at(`missing required field: ${field}`, pointer));
    return;
  }
  check();
}

export function optional(value: unknown, check: () => void): void {
  if (value !== undefined) check();
}
