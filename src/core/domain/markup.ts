/**
 * Makes text people typed safe inside chat markup (Slack mrkdwn): `<`, `>` and `&` are escaped so nobody can forge a
 * link, a mention or `<!channel>`; a bare `@channel`, `@here` or `@everyone` gets a zero-width space so it pings
 * nobody either. Every message built from typed text goes through this.
 */
export function escapeMrkdwn(text: string): string {
  return stripBidiControls(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u200b$1');
}

/**
 * The invisible characters that reorder text (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, the
 * U+200E/U+200F/U+061C marks): typed into a name they make `exe.txt` read as `txt.exe`, a known spoofing trick.
 * Removed from everything people type, at input and again before display.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * Typed text the bot wraps in its own formatting (a name in bold): escaped, and with mrkdwn's formatting characters
 * replaced by look-alikes that Slack does not interpret, so a `*` in a name cannot end the bold around it.
 */
export function emphasized(text: string): string {
  return escapeMrkdwn(text).replaceAll('*', '∗').replaceAll('_', 'ˍ').replaceAll('~', '∼').replaceAll('`', 'ˋ');
}

/** A release's name in bold, escaped. */
export function releaseLabel(release: { name: string }): string {
  return `*${emphasized(release.name)}*`;
}

/** Typed text shown back as code, e.g. in "`foo` is not a role". */
export function code(text: string): string {
  return `\`${escapeMrkdwn(text.replaceAll('`', "'"))}\``;
}
