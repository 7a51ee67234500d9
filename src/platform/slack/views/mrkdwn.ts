/** Cuts text to Slack's limits without splitting an escape sequence or a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.length - 6 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  // Nor a mention, a channel or a link (`<@U123>`, `<#C1>`, `<https://…|label>`): cut before its `<`.
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export function mention(userId: string): string {
  return `<@${userId}>`;
}

export function mentionAll(userIds: readonly string[], none = '_nobody_'): string {
  return userIds.length === 0 ? none : userIds.map(mention).join(', ');
}
