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

/** the first position in an ascending list whose value is at least `x` */
function lowerBound(list: Int32Array, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createNameIndex(input: readonly string[]): NameIndex {
  // ids in order of length: a name within reach has a length within `max` of the text's, so
  // each posting list is read only over that range of ids
  const names = [...input].sort((a, b) => a.length - b.length);
  const longest = names.length ? names[names.length - 1]!.length : 0;
  const firstOfLength = new Int32Array(longest + 2);
  for (let len = 0, id = 0; len <= longest + 1; len++) {
    while (id < names.length && names[id]!.length < len) id++;
    firstOfLength[len] = id;
  }
  const lists = new Map<string, number[]>();
  names.forEach((name, id) => {
    for (const g of trigrams(name)) {
      const list = lists.get(g);
      if (list) list.push(id);
      else lists.set(g, [id]);
    }
  });
  const postings = new Map<string, Int32Array>();
  for (const [g, list] of lists) postings.set(g, Int32Array.from(list));
  const counts = new Uint16Array(names.length);
  const touched: number[] = [];

  return {
    size: names.length,
    close(folded) {
      if (folded.length < 2) return [];
      const max = allowedEdits(folded.length);
      const from = firstOfLength[Math.max(0, Math.min(longest + 1, folded.length - max))]!;
      const to = firstOfLength[Math.min(longest + 1, folded.length + max + 1)]!;
      if (from >= to) return [];
      const grams = trigrams(folded);
      // Each edit destroys at most three trigrams of the text: a name within `max` edits
      // shares at least this many (no name within reach is missed).
      const need = Math.max(1, grams.length - 3 * max);
      touched.length = 0;
      for (const g of grams) {
        const list = postings.get(g);
        if (!list) continue;
        for (let i = lowerBound(list, from); i < list.length; i++) {
          const id = list[i]!;
          if (id >= to) break;
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
        const distance = boundedDistance(folded, name, max);
        if (distance <= max) found.push({ name, distance });
      }
      return found.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
    },
  };
}
