/**
 * Strings as written: the official format keeps a string's text exactly as the file wrote
 * it (`"$$x"`, `"a\.b"`, a raw tab, `''\t`), so the parser records that text
 * ({@link Str.source}) and the printer writes it back, but only after checking here that it
 * still reads as the string's value.
 *
 * @packageDocumentation
 */
import type { Expr, StringPart } from "../ast/nodes.js";
import { Lexer, T, type IndPiece } from "./lexer.js";

/** A piece of an indented string as the lexer cuts it, or an interpolation. */
export type IndentedPiece = IndPiece | Expr;

/**
 * Nix 2.8's `stripIndentation`: the smallest indentation (in spaces) of the lines
 * with content is removed; escapes and interpolations end a line's indentation; the
 * last line is dropped when it holds only spaces.
 */
export function stripIndentation(pieces: readonly IndentedPiece[]): StringPart[] {
  const n = pieces.length;
  if (n === 0) return [];
  let atStart = true;
  let minIndent = 1000000;
  let cur = 0;
  for (const p of pieces) {
    if (!("indent" in p) || !p.indent) {
      if (atStart) {
        atStart = false;
        if (cur < minIndent) minIndent = cur;
      }
      continue;
    }
    const t = p.text;
    for (let j = 0; j < t.length; j++) {
      const c = t.charCodeAt(j);
      if (atStart) {
        if (c === 32) cur++;
        else if (c === 10) cur = 0;
        else {
          atStart = false;
          if (cur < minIndent) minIndent = cur;
        }
      } else if (c === 10) {
        atStart = true;
        cur = 0;
      }
    }
  }
  const out: StringPart[] = [];
  atStart = true;
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    const p = pieces[i]!;
    if (!("indent" in p)) {
      atStart = false;
      dropped = 0;
      out.push(p);
      continue;
    }
    const t = p.text;
    let s = "";
    let run = 0;
    for (let j = 0; j < t.length; j++) {
      const c = t.charCodeAt(j);
      if (atStart) {
        if (c === 32) {
          if (dropped++ < minIndent) {
            s += t.slice(run, j);
            run = j + 1;
          }
        } else if (c === 10) dropped = 0;
        else {
          atStart = false;
          dropped = 0;
        }
      } else if (c === 10) atStart = true;
    }
    s += t.slice(run);
    if (i === n - 1) {
      const nl = s.lastIndexOf("\n");
      if (nl >= 0 && /^ *$/.test(s.slice(nl + 1))) s = s.slice(0, nl + 1);
    }
    if (s === "") continue;
    const last = out[out.length - 1];
    if (typeof last === "string") out[out.length - 1] = last + s;
    else out.push(s);
  }
  return out;
}

/**
 * The source of an indented string as the official format keeps it, from the text between
 * its quotes as written (`raw`: text as written, and interpolations): a first line of
 * spaces dropped, a last line of spaces emptied, and the indentation common to the lines
 * with content removed (spaces only; a line led by an interpolation has none).
 */
export function indentedSource(raw: readonly (string | Expr)[]): StringPart[] {
  // Lines of pieces.
  const lines: (string | Expr)[][] = [[]];
  for (const p of raw) {
    if (typeof p !== "string") {
      lines[lines.length - 1]!.push(p);
      continue;
    }
    p.split("\n").forEach((piece, k) => {
      if (k > 0) lines.push([]);
      if (piece !== "") lines[lines.length - 1]!.push(piece);
    });
  }
  const spacesOnly = (l: readonly (string | Expr)[]): boolean =>
    l.length === 0 || (l.length === 1 && typeof l[0] === "string" && /^ *$/.test(l[0]));
  if (lines.length > 1 && spacesOnly(lines[0]!)) lines.shift();
  if (spacesOnly(lines[lines.length - 1]!)) lines[lines.length - 1] = [];
  let common: string | undefined;
  for (const l of lines) {
    if (spacesOnly(l)) continue;
    const head = l[0];
    const lead = typeof head === "string" ? /^ */.exec(head)![0] : "";
    common = common === undefined || lead.length < common.length ? lead : common;
  }
  const cut = common?.length ?? 0;
  const out: StringPart[] = [];
  lines.forEach((l, k) => {
    if (k > 0) out.push("\n");
    l.forEach((p, j) => {
      if (j === 0 && typeof p === "string") {
        // A line of spaces shorter than the common indentation becomes empty.
        const leading = /^ */.exec(p)![0].length;
        out.push(p.slice(Math.min(cut, leading)));
      } else out.push(p);
    });
  });
  return merge(out);
}

/** Adjacent texts joined, empty ones dropped. */
function merge(parts: readonly StringPart[]): StringPart[] {
  const out: StringPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else if (p !== "") out.push(p);
  }
  return out;
}

/** Marks an interpolation in the text handed to the lexer: NUL never occurs in a string. */
const HOLE = "${\0}";

/**
 * What Nix reads from a string written with `source` (texts as written, and
 * interpolations) between `"` or `''` quotes, as the printer writes it: the parts, with
 * each interpolation standing for the one at the same place in `source`; undefined when
 * that text would not read as a string with exactly those interpolations (a stray quote,
 * an escape cut in two, a `$` that would swallow an interpolation).
 */
export function readSource(
  style: "double" | "indented",
  source: readonly StringPart[],
): StringPart[] | undefined {
  const holes: Expr[] = [];
  let body = "";
  for (const p of source) {
    if (typeof p === "string") body += p;
    else {
      holes.push(p);
      body += HOLE;
    }
  }
  const text =
    style === "double"
      ? `"${body}"`
      : // Printed as the printer does: several lines start on the line after `''`, each line
        // with content indented alike, the closing `''` after the last line's content.
        body.includes("\n")
        ? `''\n${body.replace(/^(?=.)/gm, "  ")}''`
        : `''${body}''`;
  try {
    const lx = new Lexer(text);
    lx.next();
    const read: (IndPiece | Expr)[] = [];
    let next = 0;
    const hole = (): boolean => {
      // After `${`: our marker must follow, or the text itself opened an interpolation.
      if (!text.startsWith("\0}", lx.pos) || next >= holes.length) return false;
      read.push(holes[next++]!);
      lx.pos += 2;
      return true;
    };
    if (style === "double") {
      if (lx.type !== T.DQ) return undefined;
      for (;;) {
        const k = lx.scanDq();
        if (lx.text !== "") read.push({ text: lx.text, indent: false });
        if (k === "end") break;
        if (!hole()) return undefined;
      }
      if (lx.pos !== text.length || next !== holes.length) return undefined;
      return merge(read.map((p) => ("indent" in p ? p.text : p)));
    }
    if (lx.type !== T.IND) return undefined;
    lx.pos = lx.end;
    for (;;) {
      const k = lx.scanInd(read as IndPiece[]);
      if (k === "end") break;
      if (!hole()) return undefined;
    }
    if (lx.pos !== text.length || next !== holes.length) return undefined;
    return stripIndentation(read);
  } catch {
    return undefined;
  }
}

/** Whether two strings' parts are the same texts with interpolations at the same places. */
export function sameShape(a: readonly StringPart[], b: readonly StringPart[]): boolean {
  const x = merge(a);
  const y = merge(b);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i];
    const q = y[i];
    if (typeof p === "string" || typeof q === "string") {
      if (p !== q) return false;
    }
  }
  return true;
}
