// Corrects one-letter typos ("delte", "shwo", "usres") towards the words the classifier was trained on.

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two adjacent
 * letters each cost 1, the swap being the commonest typo of fast typists. Stops early above `limit`.
 */
export function typoDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMinimum = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2][j - 2] + 1);
      }
      rows[i][j] = best;
      rowMinimum = Math.min(rowMinimum, best);
    }
    if (rowMinimum > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}

/** Words shorter than this are too ambiguous to correct: "bo" is as close to "to" as to "bob". */
const SHORTEST_CORRECTABLE = 3;

/**
 * The closest keyword within one edit (two for words of 8+ letters), or undefined when there is none or
 * when two keywords tie, since guessing between them would invent meaning.
 */
export function correctTypo(word: string, keywords: readonly string[]): string | undefined {
  if (word.length < SHORTEST_CORRECTABLE) return undefined;
  const limit = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tied = false;
  for (const keyword of keywords) {
    const distance = typoDistance(word, keyword, limit);
    if (distance < bestDistance) {
      [best, bestDistance, tied] = [keyword, distance, false];
    } else if (distance === bestDistance && distance <= limit) {
      tied = true;
    }
  }
  return best !== undefined && !tied ? best : undefined;
}
