/** An instant as `2026-11-23 09:00 UTC`: unambiguous in an audit document read anywhere. */
export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Text a person typed, made safe inside a Markdown table cell or line: no HTML, no line breaks, no pipes. */
export function markdownText(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`)
    .trim();
}
