// "Did you mean" for place names: a trigram index over all folded names, built once, so that a
// typo is compared with the few names that share enough trigrams instead of every name.

export interface CloseName {
  readonly name: string;
  readonly distance: number;
}

export interface NameIndex {
  /** folded names within the allowed edit distance of the folded text, nearest first */
  close(folded: string): CloseName[];
  readonly size: number;
}

/** Edits allowed for a text of this length: 1 up to 7 letters, 2 up to 11, then 3. */
export function allowedEdits(length: number): number {
  return Math.max(1, Math.min(3, Math.floor(length / 4)));
}

const rowA = new Uint8Array(256);
const rowB = new Uint8Array(256);

/**
 * The edit distance of a and b if it is at most `max`, else max + 1: only the band of width
 * 2·max+1 around the diagonal is computed, and it stops as soon as a whole row exceeds `max`.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const n = b.length;
  if (Math.abs(a.length - n) > max) return max + 1;
  if (a.length > 254 || n > 254) return max + 1;
  const over = max + 1;
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = Math.min(j, over);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(n, i + max);
    cur[0] = Math.min(i, over);
    if (from > 1) cur[from - 1] = over;
    let best = from === 1 ? cur[0] : over;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = j <= i - 1 + max ? prev[j]! + 1 : over;
      const ins = j > from ? cur[j - 1]! + 1 : over;
      const d = Math.min(sub, del, ins, over);
      cur[j] = d;
      if (d < best) best = d;
    }
    if (to < n) cur[to + 1] = over;
    if (best > max) return over;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n]!, over);
}

/** The trigrams of "^^name$$", each once. */
function trigrams(folded: string): string[] {
  const padded = `\u0002\u0002${folded}\u0003\u0003`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams];
}

export function createNameIndex(names: readonly string[]): NameIndex {
  const postings = new Map<string, number[]>();
  names.forEach((name, id) => {
    for (const g of trigrams(name)) {
      const list = postings.get(g);
      if (list) list.push(id);
      else postings.set(g, [id]);
    }
  });
  const counts = new Uint16Array(names.length);
  const touched: number[] = [];

  return {
    size: names.length,
    close(folded) {
      if (folded.length < 2) return [];
      const max = allowedEdits(folded.length);
      const grams = trigrams(folded);
      // Each edit destroys at most three trigrams of the text: a name within `max` edits
      // shares at least this many (no name within reach is missed).
      const need = Math.max(1, grams.length - 3 * max);
      touched.length = 0;
      for (const g of grams) {
        const list = postings.get(g);
        if (!list) continue;
        for (const id of list) {
          if (counts[id] === 0) touched.push(id);
          counts[id]!++;
        }
      }
      const found: CloseName[] = [];
      for (const id of touched) {
        const shared = counts[id]!;
        counts[id] = 0;
        if (shared < need) continue;
        const name = names[id]!;
        if (Math.abs(name.length - folded.length) > max) continue;
        const distance = boundedDistance(folded, name, max);
        if (distance <= max) found.push({ name, distance });
      }
      return found.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
    },
  };
}
