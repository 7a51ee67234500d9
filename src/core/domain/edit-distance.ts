/**
 * The optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours each cost
 * one, so "stnadup" is one edit from "standup" and "escalte" one from "escalate". Pure.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}

/**
 * The candidates closest to `word`, nearest first: within a third of the word's length (at least one edit, at most
 * three), or starting with it. At most `limit`.
 */
export function closestWords(word: string, candidates: readonly string[], limit = 3): string[] {
  const lower = word.toLowerCase();
  const allowed = Math.min(3, Math.max(1, Math.floor(lower.length / 3)));
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase()) }))
    .filter(({ candidate, distance }) => distance <= allowed || (lower.length >= 2 && candidate.startsWith(lower)))
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .map(({ candidate }) => candidate)
    .filter((candidate, i, all) => all.indexOf(candidate) === i)
    .slice(0, limit);
}
