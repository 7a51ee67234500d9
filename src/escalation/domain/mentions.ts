/** A user (`U…`/`W…`) or user group (`S…`) id as a mention that pings them. */
export function formatPing(id: string): string {
  return id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`;
}

export function formatPingList(ids: readonly string[], none = '_nobody_'): string {
  return ids.length === 0 ? none : ids.map(formatPing).join(' ');
}
