// Block Kit → DOM. Messages, Home tabs and modals share the renderers; interactive elements call `ctx.act(...)`,
// input blocks (modals) register a reader in `ctx.inputs` so the form can be submitted.
import { escapeHtml, plainText, textObject } from './mrkdwn.js';

function el(tag, className, html) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (html !== undefined) node.innerHTML = html;
  return node;
}

function optionLabel(option, ctx) {
  return option?.text ? textObject(option.text, ctx) : '';
}

function optionsOf(element) {
  const direct = element.options ?? [];
  const grouped = (element.option_groups ?? []).flatMap((g) => g.options ?? []);
  return [...direct, ...grouped];
}

/**
 * A link button: Slack's client opens `https://slack.com/app_redirect?channel=C…` as that conversation in the client
 * itself (no browser tab); any other link opens in a new tab.
 */
function openUrl(url, ctx) {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const channel =
    parsed?.hostname === 'slack.com' && parsed.pathname === '/app_redirect' && parsed.searchParams.get('channel');
  if (channel && ctx.openChannel) ctx.openChannel(channel);
  else window.open(url, '_blank', 'noopener');
}

function confirmed(element) {
  const c = element.confirm;
  if (!c) return true;
  const title = c.title?.text ?? 'Are you sure?';
  return window.confirm(`${title}\n\n${c.text?.text ?? ''}`);
}

/** A `<select>` of the options (or users/channels) with a placeholder entry. */
function selectBox(element, ctx, { multiple = false } = {}) {
  const select = el('select', 'bk-select');
  select.multiple = multiple;
  if (!multiple) {
    const placeholder = el('option', '', escapeHtml(element.placeholder?.text ?? 'Select an item'));
    placeholder.value = '';
    select.append(placeholder);
  }
  const type = element.type.replace(/^multi_/, '');
  let choices;
  if (type === 'users_select') {
    choices = ctx.people.map((p) => ({ value: p.id, label: escapeHtml(p.realName) }));
  } else if (type === 'conversations_select' || type === 'channels_select') {
    choices = ctx.channels.map((c) => ({ value: c.id, label: `#${escapeHtml(c.name)}` }));
  } else {
    choices = optionsOf(element).map((o) => ({ value: o.value, label: optionLabel(o, ctx) }));
  }
  const initial = new Set(
    [
      element.initial_option?.value,
      ...(element.initial_options ?? []).map((o) => o.value),
      element.initial_user,
      ...(element.initial_users ?? []),
      element.initial_conversation,
      element.initial_channel,
      ...(element.initial_conversations ?? []),
      ...(element.initial_channels ?? []),
    ].filter(Boolean),
  );
  if (multiple) return multiSelect(element, choices, initial);
  for (const choice of choices) {
    const option = el('option', '', choice.label.replace(/<[^>]*>/g, ''));
    option.value = choice.value;
    option.selected = initial.has(choice.value);
    select.append(option);
  }
  const read = () => (select.value === '' ? null : select.value);
  return { node: select, read };
}

/**
 * A multi-select as Slack draws it: the picked items as removable tokens in one box, and a menu (with the
 * placeholder) that adds one more. `onChange` runs after each pick or removal.
 */
function multiSelect(element, choices, initial) {
  const picked = choices.filter((c) => initial.has(c.value)).map((c) => c.value);
  const box = el('div', 'bk-multi');
  const tokens = el('span', 'bk-tokens');
  const menu = el('select', 'bk-select bk-multi-menu');
  menu.setAttribute('aria-label', element.placeholder?.text ?? 'Select items');
  const max = element.max_selected_items ?? Number.POSITIVE_INFINITY;
  const listeners = [];
  const changed = () => {
    draw();
    for (const listener of listeners) listener();
  };
  const draw = () => {
    tokens.replaceChildren();
    for (const value of picked) {
      const choice = choices.find((c) => c.value === value);
      const token = el('span', 'bk-token', choice.label);
      const remove = el('button', 'bk-token-remove', '×');
      remove.type = 'button';
      remove.setAttribute('aria-label', `Remove ${choice.label.replace(/<[^>]*>/g, '')}`);
      remove.addEventListener('click', () => {
        picked.splice(picked.indexOf(value), 1);
        changed();
      });
      token.append(remove);
      tokens.append(token);
    }
    menu.replaceChildren();
    const placeholder = el('option', '', escapeHtml(element.placeholder?.text ?? 'Select items'));
    placeholder.value = '';
    menu.append(placeholder);
    for (const choice of choices.filter((c) => !picked.includes(c.value))) {
      const option = el('option', '', choice.label.replace(/<[^>]*>/g, ''));
      option.value = choice.value;
      menu.append(option);
    }
    menu.value = '';
    menu.disabled = picked.length >= max;
  };
  menu.addEventListener('change', () => {
    if (menu.value !== '' && !picked.includes(menu.value)) picked.push(menu.value);
    changed();
  });
  draw();
  box.append(tokens, menu);
  return { node: box, read: () => [...picked], onChange: (listener) => listeners.push(listener) };
}

/** One interactive element. `interactive`: changes are sent at once (blocks outside input blocks). */
function renderElement(element, blockId, ctx, { interactive }) {
  const send = (extra) => ctx.act({ actionId: element.action_id, blockId, ...extra });
  switch (element.type) {
    case 'button': {
      const button = el('button', `bk-button${element.style ? ` bk-${element.style}` : ''}`);
      button.type = 'button';
      button.innerHTML = plainText(element.text?.text);
      button.dataset.actionId = element.action_id ?? '';
      if (element.value !== undefined) button.dataset.value = element.value;
      button.addEventListener('click', () => {
        if (!confirmed(element)) return;
        if (element.url) openUrl(element.url, ctx);
        send({ kind: 'button', value: element.value });
      });
      return { node: button };
    }
    case 'overflow': {
      const wrap = el('div', 'bk-overflow');
      const toggle = el('button', 'bk-button bk-overflow-toggle', '⋮');
      toggle.type = 'button';
      toggle.title = 'More actions';
      const menu = el('div', 'bk-menu');
      menu.hidden = true;
      toggle.addEventListener('click', () => {
        menu.hidden = !menu.hidden;
      });
      for (const option of element.options ?? []) {
        const item = el('button', 'bk-menu-item', optionLabel(option, ctx));
        item.type = 'button';
        item.addEventListener('click', () => {
          menu.hidden = true;
          if (option.url) openUrl(option.url, ctx);
          if (confirmed(element)) send({ kind: 'select', selected: option.value });
        });
        menu.append(item);
      }
      wrap.append(toggle, menu);
      return { node: wrap };
    }
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
    case 'multi_static_select':
    case 'multi_external_select':
    case 'multi_users_select':
    case 'multi_conversations_select':
    case 'multi_channels_select': {
      const box = selectBox(element, ctx, { multiple: element.type.startsWith('multi_') });
      const report = () => send({ kind: 'select', selected: box.read() });
      if (interactive && box.onChange) box.onChange(report);
      else if (interactive) box.node.addEventListener('change', report);
      return box;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const isRadio = element.type === 'radio_buttons';
      const group = el('div', 'bk-choices');
      const name = `${blockId}-${element.action_id}-${Math.random().toString(36).slice(2, 7)}`;
      const initial = new Set(
        [element.initial_option?.value, ...(element.initial_options ?? []).map((o) => o.value)].filter(Boolean),
      );
      const inputs = [];
      for (const option of element.options ?? []) {
        const label = el('label', 'bk-choice');
        const input = el('input');
        input.type = isRadio ? 'radio' : 'checkbox';
        input.name = name;
        input.value = option.value;
        input.checked = initial.has(option.value);
        const text = el('span', '', optionLabel(option, ctx));
        if (option.description) text.append(el('div', 'bk-choice-description', textObject(option.description, ctx)));
        label.append(input, text);
        group.append(label);
        inputs.push(input);
      }
      const read = () => {
        const picked = inputs.filter((i) => i.checked).map((i) => i.value);
        return isRadio ? (picked[0] ?? null) : picked;
      };
      if (interactive) group.addEventListener('change', () => send({ kind: 'select', selected: read() }));
      return { node: group, read };
    }
    case 'datepicker':
    case 'timepicker': {
      const input = el('input', 'bk-input bk-picker');
      input.type = element.type === 'datepicker' ? 'date' : 'time';
      input.value = element.initial_date ?? element.initial_time ?? '';
      const read = () => (input.value === '' ? null : input.value.slice(0, element.type === 'timepicker' ? 5 : 10));
      if (interactive) input.addEventListener('change', () => send({ kind: 'select', selected: read() }));
      return { node: input, read };
    }
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const multiline = element.multiline === true;
      const input = el(multiline ? 'textarea' : 'input', 'bk-input');
      if (!multiline) {
        input.type =
          element.type === 'number_input'
            ? 'number'
            : element.type === 'email_text_input'
              ? 'email'
              : element.type === 'url_text_input'
                ? 'url'
                : 'text';
      }
      if (element.type === 'number_input') {
        input.step = element.is_decimal_allowed ? 'any' : '1';
        if (element.min_value !== undefined) input.min = element.min_value;
        if (element.max_value !== undefined) input.max = element.max_value;
      }
      if (element.max_length) input.maxLength = element.max_length;
      input.placeholder = element.placeholder?.text ?? '';
      input.value = element.initial_value ?? '';
      const read = () => (input.value === '' ? null : input.value);
      if (interactive) input.addEventListener('change', () => send({ kind: 'select', selected: read() }));
      return { node: input, read };
    }
    case 'image': {
      const img = el('img', 'bk-image-accessory');
      img.src = element.image_url ?? '';
      img.alt = element.alt_text ?? '';
      img.title = element.alt_text ?? '';
      return { node: img };
    }
    default:
      return { node: el('span', 'bk-unsupported', `[${escapeHtml(element.type)} is not shown in the sandbox]`) };
  }
}

function renderText(text, ctx) {
  return el('div', 'bk-text', textObject(text, ctx));
}

function renderSection(block, ctx) {
  const node = el('div', 'bk-section');
  if (block.block_id) node.dataset.blockId = block.block_id;
  const body = el('div', 'bk-section-body');
  if (block.text) body.append(renderText(block.text, ctx));
  if (block.fields?.length) {
    const fields = el('div', 'bk-fields');
    for (const field of block.fields) fields.append(el('div', 'bk-field', textObject(field, ctx)));
    body.append(fields);
  }
  node.append(body);
  if (block.accessory) {
    const accessory = el('div', 'bk-accessory');
    accessory.append(renderElement(block.accessory, block.block_id, ctx, { interactive: true }).node);
    node.append(accessory);
  }
  return node;
}

function renderContext(block, ctx) {
  const node = el('div', 'bk-context');
  for (const element of block.elements ?? []) {
    if (element.type === 'image') {
      const img = el('img', 'bk-context-image');
      img.src = element.image_url ?? '';
      img.alt = element.alt_text ?? '';
      node.append(img);
    } else {
      node.append(el('span', 'bk-context-text', textObject(element, ctx)));
    }
  }
  return node;
}

function richTextHtml(elements, ctx) {
  return (elements ?? [])
    .map((part) => {
      if (part.type === 'text') {
        let html = escapeHtml(part.text).replaceAll('\n', '<br>');
        if (part.style?.code) html = `<code>${html}</code>`;
        if (part.style?.bold) html = `<b>${html}</b>`;
        if (part.style?.italic) html = `<i>${html}</i>`;
        if (part.style?.strike) html = `<s>${html}</s>`;
        return html;
      }
      if (part.type === 'user')
        return `<span class="mention">@${escapeHtml(ctx.users?.[part.user_id]?.realName ?? part.user_id)}</span>`;
      if (part.type === 'channel') return `<span class="mention">#${escapeHtml(part.channel_id)}</span>`;
      if (part.type === 'link')
        return `<a href="${escapeHtml(part.url)}" target="_blank" rel="noopener">${escapeHtml(part.text ?? part.url)}</a>`;
      if (part.type === 'emoji') return `:${escapeHtml(part.name)}:`;
      if (part.elements) return richTextHtml(part.elements, ctx);
      return '';
    })
    .join('');
}

function renderInput(block, ctx) {
  const node = el('div', 'bk-input-block');
  node.dataset.blockId = block.block_id;
  const label = el('label', 'bk-label', plainText(block.label?.text));
  if (block.optional) label.append(el('span', 'bk-optional', ' (optional)'));
  const element = block.element;
  const rendered = renderElement(element, block.block_id, ctx, { interactive: block.dispatch_action === true });
  node.append(label, rendered.node);
  if (block.hint) node.append(el('div', 'bk-hint', plainText(block.hint.text)));
  const error = el('div', 'bk-error');
  error.hidden = true;
  node.append(error);
  if (rendered.read && ctx.inputs) {
    ctx.inputs.push({
      blockId: block.block_id,
      actionId: element.action_id,
      optional: block.optional === true,
      read: rendered.read,
      showError(message) {
        error.textContent = message ?? '';
        error.hidden = !message;
        node.classList.toggle('has-error', Boolean(message));
      },
    });
  }
  return node;
}

export function renderBlock(block, ctx) {
  switch (block.type) {
    case 'section':
      return renderSection(block, ctx);
    case 'header':
      return el('div', 'bk-header', plainText(block.text?.text));
    case 'divider':
      return el('hr', 'bk-divider');
    case 'context':
      return renderContext(block, ctx);
    case 'actions': {
      const node = el('div', 'bk-actions');
      if (block.block_id) node.dataset.blockId = block.block_id;
      for (const element of block.elements ?? []) {
        node.append(renderElement(element, block.block_id, ctx, { interactive: true }).node);
      }
      return node;
    }
    case 'image': {
      const figure = el('figure', 'bk-image');
      if (block.title) figure.append(el('figcaption', '', plainText(block.title.text)));
      const img = el('img');
      img.src = block.image_url ?? '';
      img.alt = block.alt_text ?? '';
      figure.append(img);
      return figure;
    }
    case 'input':
      return renderInput(block, ctx);
    case 'rich_text':
      return el(
        'div',
        'bk-text',
        (block.elements ?? []).map((section) => richTextHtml(section.elements ?? [section], ctx)).join('<br>'),
      );
    default:
      return el('div', 'bk-unsupported', `[${escapeHtml(block.type)} block is not shown in the sandbox]`);
  }
}

export function renderBlocks(blocks, ctx) {
  const node = el('div', 'bk-blocks');
  for (const block of blocks ?? []) node.append(renderBlock(block, ctx));
  return node;
}
