/**
 * Makes text people typed safe inside chat markup (Slack mrkdwn): `<`, `>` and `&` are escaped so nobody can forge a
 * link, a mention or `<!channel>`; a bare `@channel`, `@here` or `@everyone` gets a zero-width space so it pings
 * nobody either. Every message built from typed text goes through this.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u200b$1');
}

/** A release's name in bold, escaped. */
export function releaseLabel(release: { name: string }): string {
  return `*${escapeMrkdwn(release.name)}*`;
}

/** Typed text shown back as code, e.g. in "`foo` is not a role". */
export function code(text: string): string {
  return `\`${escapeMrkdwn(text.replaceAll('`', "'"))}\``;
}
