/**
 * The changed lines between two texts, as hunks: what an edit's diff shows, for tests
 * that hold an edit to exactly the lines it should touch.
 *
 * @packageDocumentation
 */

/** Lines removed and added at one place. */
export interface Hunk {
  /** 1-based line of the first removed line in the old text (or where lines were added). */
  readonly line: number;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/** The hunks of a longest-common-subsequence diff of the two texts' lines. */
export function lineDiff(before: string, after: string): Hunk[] {
  const a = before.split("\n");
  const b = after.split("\n");
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const hunks: Hunk[] = [];
  let current: { line: number; removed: string[]; added: string[] } | null = null;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      if (current) hunks.push(current);
      current = null;
      i++;
      j++;
      continue;
    }
    current ??= { line: i + 1, removed: [], added: [] };
    if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!))
      current.added.push(b[j++]!);
    else current.removed.push(a[i++]!);
  }
  if (current) hunks.push(current);
  return hunks;
}
