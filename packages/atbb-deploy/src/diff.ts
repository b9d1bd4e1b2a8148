/**
 * A small unified diff of two texts (line-based, longest common subsequence), for
 * `build:nix --check`.
 *
 * @packageDocumentation
 */

type Op = { readonly kind: " " | "-" | "+"; readonly line: string };

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The edit script from `a` to `b` (a longest common subsequence of lines). */
function edits(a: readonly string[], b: readonly string[]): Op[] {
  // common prefix and suffix first: generated files usually differ in a few places
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  // lcs[i][j]: LCS length of a[start+i..endA) and b[start+j..endB)
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const next = lcs[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] =
        a[start + i] === b[start + j]
          ? (next[j + 1] as number) + 1
          : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const ops: Op[] = a.slice(0, start).map((line) => ({ kind: " ", line }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      ops.push({ kind: " ", line: a[start + i] as string });
      i++;
      j++;
    } else if (i < n && (j === m || (lcs[i + 1]![j] as number) >= (lcs[i]![j + 1] as number))) {
      ops.push({ kind: "-", line: a[start + i] as string });
      i++;
    } else {
      ops.push({ kind: "+", line: b[start + j] as string });
      j++;
    }
  }
  for (const line of a.slice(endA)) ops.push({ kind: " ", line });
  return ops;
}

function range(startLine: number, count: number): string {
  return count === 1 ? `${startLine}` : `${count === 0 ? startLine - 1 : startLine},${count}`;
}

/**
 * The unified diff (`--- a`, `+++ b`, `@@` hunks with `context` lines around each
 * change) that turns `oldText` into `newText`; the empty string when they are equal.
 */
export function unifiedDiff(
  oldText: string,
  newText: string,
  oldName: string,
  newName: string,
  context = 3,
): string {
  if (oldText === newText) return "";
  const ops = edits(splitLines(oldText), splitLines(newText));
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  // positions (in ops) of changes, grouped into hunks
  let k = 0;
  let oldLine = 1;
  let newLine = 1;
  const lineAt: { old: number; new: number }[] = ops.map((op) => {
    const at = { old: oldLine, new: newLine };
    if (op.kind !== "+") oldLine++;
    if (op.kind !== "-") newLine++;
    return at;
  });
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.kind === " ") k++;
    if (k >= ops.length) break;
    const from = Math.max(0, k - context);
    let to = k;
    // extend while the next change is within 2*context lines
    for (;;) {
      while (to < ops.length && ops[to]!.kind !== " ") to++;
      let next = to;
      while (next < ops.length && ops[next]!.kind === " ") next++;
      if (next < ops.length && next - to <= 2 * context) to = next;
      else break;
    }
    const end = Math.min(ops.length, to + context);
    const hunk = ops.slice(from, end);
    const oldCount = hunk.filter((o) => o.kind !== "+").length;
    const newCount = hunk.filter((o) => o.kind !== "-").length;
    const first = lineAt[from]!;
    out.push(`@@ -${range(first.old, oldCount)} +${range(first.new, newCount)} @@`);
    for (const o of hunk) out.push(o.kind + o.line);
    k = end;
  }
  const endsWithoutNewline = (t: string) => t !== "" && !t.endsWith("\n");
  if (endsWithoutNewline(oldText) || endsWithoutNewline(newText)) {
    out.push("\\ (the files differ in their final newline)");
  }
  return out.join("\n") + "\n";
}
