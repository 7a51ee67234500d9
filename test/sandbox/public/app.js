// The sandbox page: polls the sandbox server for what the current person sees, renders it like Slack, and sends
// what they do (commands, clicks, selections, modal submissions) back; the server turns them into signed requests.
import { renderBlocks } from './blocks.js';
import { escapeHtml, mrkdwn, plainText } from './mrkdwn.js';

const ui = {
  person: localStorage.getItem('sandbox.person') ?? 'URM',
  /** A channel id, 'dm' (the person's DM with the bot) or 'home' (the App Home tab). */
  place: localStorage.getItem('sandbox.place') ?? 'C0RELEASE',
  thread: undefined,
  state: undefined,
  rendered: { messages: '', thread: '', home: '', modal: '', people: '' },
  homeOpenedFor: undefined,
};

const $ = (id) => document.getElementById(id);

async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error ?? `HTTP ${response.status}`);
  return json;
}

function toast(message) {
  const node = $('toast');
  node.textContent = message;
  node.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    node.hidden = true;
  }, 6000);
}

async function run(action) {
  try {
    await action();
  } catch (error) {
    toast(error.message);
  }
  await refresh();
}

function personTimeZone() {
  return ui.state?.people.find((p) => p.id === ui.person)?.tz ?? 'UTC';
}

function context(extra) {
  const s = ui.state;
  return {
    users: s.users,
    people: s.people,
    channels: s.channels,
    me: ui.person,
    timeZone: personTimeZone(),
    openChannel: (channelId) => {
      if (ui.state.channels.some((c) => c.id === channelId)) go(channelId);
      else toast(`The sandbox has no conversation ${channelId}.`);
    },
    ...extra,
  };
}

// --- polling -----------------------------------------------------------------------------------------------------

async function refresh() {
  const channel = ui.place === 'home' ? 'C0RELEASE' : ui.place;
  const params = new URLSearchParams({ user: ui.person, channel });
  if (ui.thread) params.set('thread', ui.thread);
  try {
    ui.state = await api(`/api/state?${params}`);
  } catch (error) {
    toast(`The sandbox server is not answering: ${error.message}`);
    return;
  }
  globalThis.sandboxNow = Date.parse(ui.state.now);
  render();
}

function render() {
  const s = ui.state;
  renderChrome(s);
  if (ui.place === 'home') renderHome(s);
  else renderConversation(s);
  renderThread(s);
  renderModal(s);
}

function renderChrome(s) {
  const tz = personTimeZone();
  const now = new Date(s.now);
  $('clock').textContent = `${new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(now)} (${tz})`;
  const next = $('travel-next');
  next.disabled = !s.nextScheduled;
  next.title = s.nextScheduled
    ? `Jump to ${s.nextScheduled.what} at ${new Date(s.nextScheduled.at).toLocaleString('en-GB', { timeZone: tz })}`
    : 'Nothing is scheduled yet';
  next.textContent = s.nextScheduled ? `Next: ${s.nextScheduled.what}` : 'Next scheduled thing';

  const peopleKey = JSON.stringify([s.people, ui.person]);
  if (ui.rendered.people !== peopleKey) {
    ui.rendered.people = peopleKey;
    $('person').innerHTML = s.people
      .map(
        (p) =>
          `<option value="${escapeHtml(p.id)}"${p.id === ui.person ? ' selected' : ''}>${escapeHtml(p.realName)} — ${escapeHtml(p.plays)}</option>`,
      )
      .join('');
  }
  const list = $('channel-list');
  const channelsKey = JSON.stringify([s.channels, ui.place]);
  if (list.dataset.key !== channelsKey) {
    list.dataset.key = channelsKey;
    list.innerHTML = s.channels
      .map(
        (c) =>
          `<li><button type="button" class="nav-item${ui.place === c.id ? ' active' : ''}" data-nav="${escapeHtml(c.id)}"><span class="hash">#</span> ${escapeHtml(c.name)}</button></li>`,
      )
      .join('');
  }
  $('nav-home').classList.toggle('active', ui.place === 'home');
  $('nav-dm').classList.toggle('active', ui.place === 'dm');
  const channel = s.channels.find((c) => c.id === ui.place);
  $('conversation-title').textContent =
    ui.place === 'home' ? 'Release Bot' : channel ? `#${channel.name}` : 'Release Bot';
  $('conversation-topic').textContent =
    ui.place === 'home' ? 'Home' : ui.place === 'dm' ? 'Messages' : channel ? `${channel.id}` : '';
  $('composer-input').placeholder =
    ui.place === 'dm' ? 'Message Release Bot' : `Message #${channel?.name ?? ''} — try /release help`;
  const banner = $('banner');
  banner.hidden = !s.banner || localStorage.getItem('sandbox.bannerClosed') === s.banner;
  if (!banner.hidden && banner.dataset.text !== s.banner) {
    banner.dataset.text = s.banner;
    banner.innerHTML = `${s.banner
      .split('\n')
      .map((line) => `<div>${mrkdwn(line, context())}</div>`)
      .join('')}<button type="button" class="close" id="banner-close" aria-label="Close">×</button>`;
  }
}

// --- messages ----------------------------------------------------------------------------------------------------

const AVATAR_COLORS = ['#e8912d', '#2bac76', '#1264a3', '#e01e5a', '#4a154b', '#36c5f0', '#7c3085'];

function avatar(userId, users) {
  const user = users[userId];
  if (user?.isBot && userId === ui.state.bot.id) return '<div class="avatar avatar-bot">R</div>';
  const name = user?.realName ?? userId;
  const initials = name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const color = AVATAR_COLORS[[...userId].reduce((sum, c) => sum + c.charCodeAt(0), 0) % AVATAR_COLORS.length];
  return `<div class="avatar" style="background:${color}">${escapeHtml(initials)}</div>`;
}

function timeOf(ts) {
  return new Intl.DateTimeFormat('en-US', { timeZone: personTimeZone(), hour: 'numeric', minute: '2-digit' }).format(
    new Date(Number(ts) * 1000),
  );
}

function dayOf(ts) {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: personTimeZone(),
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(new Date(Number(ts) * 1000));
}

function messageNode(message, channelId, { inThread, continued }) {
  const s = ui.state;
  const node = document.createElement('div');
  node.className = `message${message.ephemeral ? ' ephemeral' : ''}${continued ? ' continued' : ''}`;
  node.dataset.ts = message.ts;
  const user = s.users[message.user];
  const isApp = message.user === s.bot.id;
  const name = isApp ? s.bot.name : (user?.realName ?? message.user);
  node.innerHTML = `${avatar(message.user, s.users)}<div class="message-body">${
    message.ephemeral ? '<div class="only-you">👁 Only visible to you</div>' : ''
  }<div class="message-meta"><b class="author">${escapeHtml(name)}</b>${isApp ? '<span class="app-badge">APP</span>' : ''}<span class="ts" title="${escapeHtml(
    new Date(Number(message.ts) * 1000).toISOString(),
  )}">${timeOf(message.ts)}</span>${message.edited ? '<span class="edited">(edited)</span>' : ''}</div></div>`;
  const body = node.querySelector('.message-body');
  const blocks = message.blocks ?? [];
  const ctx = context({
    act: (action) =>
      run(() =>
        api('/api/action', {
          user: ui.person,
          channel: channelId,
          ts: message.ts,
          ephemeral: message.ephemeral === true,
          ...action,
        }),
      ),
  });
  if (blocks.length > 0) body.append(renderBlocks(blocks, ctx));
  else {
    const text = document.createElement('div');
    text.className = 'bk-text';
    text.innerHTML = mrkdwn(message.text, ctx);
    body.append(text);
  }
  if (message.files?.length > 0) body.append(renderFiles(message.files));
  if (!inThread && message.replyCount > 0) {
    const replies = document.createElement('button');
    replies.type = 'button';
    replies.className = 'replies';
    replies.textContent = `${message.replyCount} ${message.replyCount === 1 ? 'reply' : 'replies'}`;
    replies.addEventListener('click', () => openThread(message.ts));
    body.append(replies);
  }
  if (!inThread && !message.ephemeral) {
    const reply = document.createElement('button');
    reply.type = 'button';
    reply.className = 'hover-action';
    reply.title = 'Reply in thread';
    reply.textContent = '💬';
    reply.addEventListener('click', () => openThread(message.ts));
    node.append(reply);
  }
  return node;
}

/** Uploaded files, as Slack shows them: images inline (click to open full size), other files as a card; each opens and downloads. */
function renderFiles(files) {
  const list = document.createElement('div');
  list.className = 'files';
  for (const file of files) {
    const card = document.createElement('div');
    card.className = file.isImage ? 'file file-image' : 'file';
    const kb = `${Math.max(1, Math.round(file.size / 1024))} kB`;
    card.innerHTML =
      `${
        file.isImage
          ? `<a href="${escapeHtml(file.url)}" target="_blank" rel="noopener"><img src="${escapeHtml(file.url)}" alt="${escapeHtml(file.altText)}" title="${escapeHtml(file.altText)}"></a>`
          : '<div class="file-icon">📄</div>'
      }<div class="file-meta"><b class="file-title">${escapeHtml(file.title)}</b><span class="file-name">${escapeHtml(file.name)} · ${kb}</span>` +
      `<span class="file-actions"><a class="file-open" href="${escapeHtml(file.url)}" target="_blank" rel="noopener">Open</a>` +
      `<a class="file-download" href="${escapeHtml(file.download)}" download="${escapeHtml(file.name)}">Download</a></span></div>`;
    list.append(card);
  }
  return list;
}

function renderMessageList(container, messages, channelId, { inThread }) {
  const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
  container.replaceChildren();
  let lastDay;
  let previous;
  for (const message of messages) {
    const day = dayOf(message.ts);
    if (!inThread && day !== lastDay) {
      const divider = document.createElement('div');
      divider.className = 'day-divider';
      divider.innerHTML = `<span>${escapeHtml(day)}</span>`;
      container.append(divider);
      lastDay = day;
      previous = undefined;
    }
    // Like Slack: the same author's messages within five minutes share one avatar and name.
    const continued =
      previous !== undefined &&
      previous.user === message.user &&
      !previous.ephemeral &&
      !message.ephemeral &&
      !(previous.replyCount > 0) &&
      Number(message.ts) - Number(previous.ts) < 300;
    container.append(messageNode(message, channelId, { inThread, continued }));
    previous = message;
  }
  if (messages.length === 0 && !inThread) {
    container.innerHTML =
      '<div class="empty">Nothing here yet. Type <code>/release help</code> below, or <code>/release create 2.4.0 target:2026-12-10</code>.</div>';
  }
  if (atBottom || container.dataset.first !== 'no') container.scrollTop = container.scrollHeight;
  container.dataset.first = 'no';
}

function renderConversation(s) {
  $('messages').hidden = false;
  $('composer').hidden = false;
  $('home').hidden = true;
  const key = JSON.stringify([s.channel, s.messages, s.users, ui.person, personTimeZone()]);
  if (ui.rendered.messages === key) return;
  if (ui.rendered.channel !== s.channel) $('messages').dataset.first = 'yes';
  ui.rendered.channel = s.channel;
  ui.rendered.messages = key;
  renderMessageList($('messages'), s.messages, s.channel, { inThread: false });
}

function renderThread(s) {
  const pane = $('thread');
  if (!ui.thread || !s.thread?.root) {
    pane.hidden = true;
    return;
  }
  pane.hidden = false;
  const key = JSON.stringify([s.thread, ui.person]);
  if (ui.rendered.thread === key) return;
  ui.rendered.thread = key;
  const channel = s.channels.find((c) => c.id === s.channel);
  $('thread-channel').textContent = channel ? `#${channel.name}` : '';
  const root = { ...s.thread.root, replyCount: 0 };
  renderMessageList($('thread-messages'), [root, ...s.thread.replies], s.channel, { inThread: true });
}

function openThread(ts) {
  ui.thread = ts;
  ui.rendered.thread = '';
  refresh();
}

// --- App Home ----------------------------------------------------------------------------------------------------

function renderHome(s) {
  $('messages').hidden = true;
  $('composer').hidden = true;
  const home = $('home');
  home.hidden = false;
  const key = JSON.stringify([s.home, ui.person, s.users]);
  if (ui.rendered.home === key) return;
  ui.rendered.home = key;
  home.replaceChildren();
  if (!s.home) {
    home.innerHTML = '<div class="empty">Opening the App Home…</div>';
    return;
  }
  const viewId = s.home.id;
  home.append(
    renderBlocks(
      s.home.blocks,
      context({ act: (action) => run(() => api('/api/action', { user: ui.person, viewId, ...action })) }),
    ),
  );
}

// --- modals ------------------------------------------------------------------------------------------------------

function renderModal(s) {
  const backdrop = $('modal-backdrop');
  const view = s.modal;
  if (!view) {
    backdrop.hidden = true;
    ui.rendered.modal = '';
    return;
  }
  backdrop.hidden = false;
  const key = `${view.id}:${view.hash}:${ui.person}`;
  if (ui.rendered.modal === key) return;
  ui.rendered.modal = key;
  const form = $('modal');
  const inputs = [];
  const ctx = context({
    inputs,
    // Like Slack's client, an action in a modal reports what has been typed so far in `view.state`.
    act: (action) =>
      run(() => api('/api/action', { user: ui.person, viewId: view.id, values: formValues(inputs), ...action })),
  });
  form.replaceChildren();
  const header = document.createElement('div');
  header.className = 'modal-header';
  header.innerHTML = `<h2>${plainText(view.title?.text)}</h2><button type="button" class="close" aria-label="Close">×</button>`;
  header.querySelector('button').addEventListener('click', () => closeModal(view.id));
  const body = document.createElement('div');
  body.className = 'modal-body';
  body.append(renderBlocks(view.blocks, ctx));
  const footer = document.createElement('div');
  footer.className = 'modal-footer';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'bk-button';
  cancel.innerHTML = plainText(view.close?.text ?? 'Cancel');
  cancel.addEventListener('click', () => closeModal(view.id));
  footer.append(cancel);
  if (view.submit) {
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.className = 'bk-button bk-primary';
    submit.innerHTML = plainText(view.submit.text);
    footer.append(submit);
  }
  form.append(header, body, footer);
  form.onsubmit = (event) => {
    event.preventDefault();
    submitModal(view, inputs);
  };
  const first = form.querySelector('input, textarea, select');
  if (first) first.focus();
}

function formValues(inputs) {
  const values = {};
  for (const input of inputs) {
    const value = input.read();
    if (!isEmpty(value)) values[input.blockId] = { ...values[input.blockId], [input.actionId]: value };
  }
  return values;
}

function isEmpty(value) {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

async function submitModal(view, inputs) {
  const values = {};
  let missing = false;
  for (const input of inputs) {
    const value = input.read();
    // Slack's client refuses to submit a form with a required field left empty.
    if (!input.optional && isEmpty(value)) {
      input.showError('Please complete this required field.');
      missing = true;
      continue;
    }
    input.showError(undefined);
    values[input.blockId] = { ...values[input.blockId], [input.actionId]: value };
  }
  if (missing) return;
  try {
    const result = await api('/api/submit', { user: ui.person, viewId: view.id, values });
    if (result.outcome?.kind === 'errors') {
      for (const input of inputs) input.showError(result.outcome.errors[input.blockId]);
      return;
    }
    if (result.outcome?.kind === 'rejected') toast(`Slack rejected the app's answer: ${result.outcome.reason}`);
    if (result.status !== 200) toast(`The app did not answer the submission (HTTP ${result.status}).`);
  } catch (error) {
    toast(error.message);
  }
  await refresh();
}

function closeModal(viewId) {
  run(() => api('/api/close', { user: ui.person, viewId }));
}

// --- wiring ------------------------------------------------------------------------------------------------------

function go(place) {
  ui.place = place;
  ui.thread = undefined;
  localStorage.setItem('sandbox.place', place);
  ui.rendered.messages = '';
  ui.rendered.home = '';
  if (place === 'home') openHome();
  else refresh();
}

function openHome() {
  ui.homeOpenedFor = ui.person;
  run(() => api('/api/home', { user: ui.person }));
}

document.addEventListener('click', (event) => {
  const nav = event.target.closest('[data-nav]');
  if (nav) go(nav.dataset.nav);
  if (event.target.id === 'banner-close') {
    localStorage.setItem('sandbox.bannerClosed', ui.state?.banner ?? '');
    $('banner').hidden = true;
  }
  const travel = event.target.closest('.travel');
  if (travel) {
    const body = travel.dataset.next ? { next: true } : { ms: Number(travel.dataset.ms) };
    run(async () => {
      const moved = await api('/api/travel', body);
      if (moved.reachedNothing) toast('Nothing is scheduled.');
    });
  }
});

$('person').addEventListener('change', (event) => {
  ui.person = event.target.value;
  localStorage.setItem('sandbox.person', ui.person);
  ui.thread = undefined;
  ui.rendered = { messages: '', thread: '', home: '', modal: '', people: '' };
  if (ui.place === 'home') openHome();
  else refresh();
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('composer-input');
  const text = input.value;
  if (text.trim() === '') return;
  input.value = '';
  run(() => api('/api/send', { user: ui.person, channel: ui.state?.channel ?? ui.place, text }));
});

$('thread-composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('thread-input');
  const text = input.value;
  if (text.trim() === '' || !ui.thread) return;
  input.value = '';
  run(() => api('/api/send', { user: ui.person, channel: ui.state.channel, text, threadTs: ui.thread }));
});

$('thread-close').addEventListener('click', () => {
  ui.thread = undefined;
  refresh();
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && ui.state?.modal) closeModal(ui.state.modal.id);
});

if (ui.place === 'home') openHome();
else refresh();
setInterval(refresh, 500);
