// Slack's mrkdwn and plain_text to safe HTML. Everything is HTML-escaped first; only the markup we add is HTML.

const EMOJI = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  warning: '⚠️',
  rotating_light: '🚨',
  rocket: '🚀',
  tada: '🎉',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  alarm_clock: '⏰',
  clock1: '🕐',
  calendar: '📅',
  date: '📅',
  spiral_calendar_pad: '🗓️',
  memo: '📝',
  clipboard: '📋',
  bell: '🔔',
  mega: '📣',
  loudspeaker: '📢',
  fire: '🔥',
  bug: '🐛',
  lock: '🔒',
  key: '🔑',
  eyes: '👀',
  wave: '👋',
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  '-1': '👎',
  raised_hand: '✋',
  question: '❓',
  grey_question: '❔',
  exclamation: '❗',
  information_source: 'ℹ️',
  bulb: '💡',
  large_green_circle: '🟢',
  green_circle: '🟢',
  red_circle: '🔴',
  large_yellow_circle: '🟡',
  yellow_circle: '🟡',
  white_circle: '⚪',
  black_circle: '⚫',
  large_blue_circle: '🔵',
  arrow_right: '➡️',
  arrow_forward: '▶️',
  arrow_up: '⬆️',
  arrow_down: '⬇️',
  leftwards_arrow_with_hook: '↩️',
  repeat: '🔁',
  stopwatch: '⏱️',
  busts_in_silhouette: '👥',
  bust_in_silhouette: '👤',
  ship: '🚢',
  package: '📦',
  checkered_flag: '🏁',
  construction: '🚧',
  chart_with_upwards_trend: '📈',
  bar_chart: '📊',
  scales: '⚖️',
  ballot_box_with_check: '☑️',
  pushpin: '📌',
  link: '🔗',
  speech_balloon: '💬',
  thinking_face: '🤔',
  sos: '🆘',
  fast_forward: '⏩',
  zzz: '💤',
  robot_face: '🤖',
  shield: '🛡️',
  skull: '💀',
};

export function escapeHtml(text) {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Slack escapes &, < and > in message text; the reader sees the characters. */
function decodeSlackEntities(text) {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

function emojify(html) {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}

/** `{ users: {id: {realName}}, channels: [{id, name}], timeZone }` */
function renderToken(token, ctx) {
  const [target, label] = splitOnce(token, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const user = ctx.users?.[id];
    const name = user ? (user.realName ?? user.name) : (label ?? id);
    return `<span class="mention${id === ctx.me ? ' mention-me' : ''}" data-user="${escapeHtml(id)}">@${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    const channel = ctx.channels?.find((c) => c.id === id);
    const name = channel ? channel.name : (label ?? id);
    return `<span class="mention channel-mention">#${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('!subteam^')) {
    const name = label ? label.replace(/^@/, '') : target.slice('!subteam^'.length);
    return `<span class="mention">@${escapeHtml(name)}</span>`;
  }
  if (target === '!here' || target === '!channel' || target === '!everyone') {
    return `<span class="mention mention-me">@${target.slice(1)}</span>`;
  }
  if (target.startsWith('!date^')) {
    const [, seconds, format, link] = target.split('^');
    const text = formatSlackDate(Number(seconds), format ?? '', ctx.timeZone) ?? label ?? '';
    return link && /^https?:/.test(link)
      ? `<a href="${escapeHtml(link)}" target="_blank" rel="noopener">${escapeHtml(text)}</a>`
      : `<span class="date" title="${escapeHtml(label ?? '')}">${escapeHtml(text)}</span>`;
  }
  if (/^(https?:|mailto:)/.test(target)) {
    const text = label ?? target.replace(/^mailto:/, '');
    return `<a href="${escapeHtml(target)}" target="_blank" rel="noopener">${escapeHtml(text)}</a>`;
  }
  return escapeHtml(label ?? target);
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

const ORDINAL = (n) => {
  const rem = n % 100;
  if (rem >= 11 && rem <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
};

/** `<!date^…^{date_short} at {time}|…>` in the reader's time zone. */
export function formatSlackDate(seconds, format, timeZone) {
  if (!Number.isFinite(seconds)) return undefined;
  const at = new Date(seconds * 1000);
  const part = (options) => new Intl.DateTimeFormat('en-US', { timeZone, ...options }).format(at);
  const day = Number(part({ day: 'numeric' }));
  const month = part({ month: 'long' });
  const monthShort = part({ month: 'short' });
  const year = part({ year: 'numeric' });
  const weekday = part({ weekday: 'long' });
  const dayOf = (d) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(d);
  const now = new Date(globalThis.sandboxNow ?? Date.now());
  const today = dayOf(now);
  const target = dayOf(at);
  const pretty = (fallback) => {
    if (target === today) return 'Today';
    if (target === dayOf(new Date(now.getTime() + 86_400_000))) return 'Tomorrow';
    if (target === dayOf(new Date(now.getTime() - 86_400_000))) return 'Yesterday';
    return fallback;
  };
  const tokens = {
    date_num: target,
    date: `${month} ${ORDINAL(day)}, ${year}`,
    date_short: `${monthShort} ${day}, ${year}`,
    date_long: `${weekday}, ${month} ${ORDINAL(day)}, ${year}`,
    date_pretty: pretty(`${month} ${ORDINAL(day)}, ${year}`),
    date_short_pretty: pretty(`${monthShort} ${day}, ${year}`),
    date_long_pretty: pretty(`${weekday}, ${month} ${ORDINAL(day)}, ${year}`),
    time: part({ hour: 'numeric', minute: '2-digit' }),
    time_secs: part({ hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    ago: relative(at, now),
  };
  return format.replace(/\{(\w+)\}/g, (whole, name) => tokens[name] ?? whole);
}

function relative(at, now) {
  const minutes = Math.round((now.getTime() - at.getTime()) / 60_000);
  if (Math.abs(minutes) < 1) return 'just now';
  const unit = Math.abs(minutes) < 60 ? 'minute' : Math.abs(minutes) < 1440 ? 'hour' : 'day';
  const size = unit === 'minute' ? 1 : unit === 'hour' ? 60 : 1440;
  const n = Math.round(Math.abs(minutes) / size);
  const words = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return minutes > 0 ? `${words} ago` : `in ${words}`;
}

/** mrkdwn → HTML: tokens (<@U…>, <#C…>, <!date…>, links), code, *bold*, _italic_, ~strike~, quotes, newlines. */
export function mrkdwn(text, ctx = {}) {
  const held = [];
  const hold = (html) => {
    held.push(html);
    return `\uE000${held.length - 1}\uE000`;
  };
  // 1. Slack's angle-bracket tokens (user-typed < and > arrive as &lt; &gt;, so these are the app's markup).
  let source = String(text ?? '').replace(/<([^<>\n]+)>/g, (_, token) => hold(renderToken(token, ctx)));
  source = decodeSlackEntities(source);
  // 2. Code blocks and inline code: their content is shown as typed.
  source = source.replace(/```\n?([\s\S]*?)```/g, (_, code) =>
    hold(`<pre class="code-block">${escapeHtml(code)}</pre>`),
  );
  source = source.replace(/`([^`\n]+)`/g, (_, code) => hold(`<code>${escapeHtml(code)}</code>`));
  let html = escapeHtml(source);
  // 3. Inline styles: a marker opens after a non-word character and closes before one.
  const style = (marker, tag) => {
    const m = marker === '*' ? '\\*' : marker;
    const pattern = new RegExp(`(^|[^\\w${m}])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?![\\w${m}])`, 'g');
    html = html.replace(pattern, (_, lead, inner) => `${lead}<${tag}>${inner}</${tag}>`);
  };
  style('*', 'b');
  style('_', 'i');
  style('~', 's');
  html = emojify(html);
  // 4. Block quotes (`> ` at a line start) and line breaks.
  html = html
    .split('\n')
    .map((line) => (line.startsWith('&gt; ') ? `<span class="quote">${line.slice(5)}</span>` : line))
    .join('<br>');
  // Held pieces may hold others (a token inside inline code): substitute until none is left.
  const placeholder = /\uE000(\d+)\uE000/g;
  while (placeholder.test(html)) html = html.replace(placeholder, (_, i) => held[Number(i)]);
  return html;
}

export function plainText(text, withEmoji = true) {
  const html = escapeHtml(text ?? '');
  return withEmoji ? emojify(html) : html;
}

/** A Block Kit text object (`plain_text` or `mrkdwn`) as HTML. */
export function textObject(object, ctx) {
  if (!object) return '';
  if (object.type === 'mrkdwn') return mrkdwn(object.text, ctx);
  return plainText(object.text, object.emoji !== false);
}
