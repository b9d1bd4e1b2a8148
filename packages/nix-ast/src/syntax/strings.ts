/**
 * The exact escaping of Nix's two string kinds.
 *
 * Both functions take a string's value (the text Nix should read back) and return
 * source text. They escape only what Nix would otherwise misread, and each rule is
 * proved against real Nix by the property tests next to this file.
 *
 * @packageDocumentation
 */
import type { Expr, StringPart } from "../ast/nodes.js";

/** The characters that {@link escapeDoubleQuoted} may have to escape. */
const NEEDS_DOUBLE_QUOTED_ESCAPE = /[\\"\n\r\t$]/;

/**
 * The body text of one literal segment of a double-quoted string `"..."`.
 *
 * Writes `\` as `\\`, `"` as `\"`, newline as `\n`, carriage return as `\r`, tab as
 * `\t`, and a `$` as `\$` when a `{` or another `$` follows it (so `${` becomes `\${`
 * and a run of `$` can never pair up with an interpolation), or when it is the last
 * character and an interpolation follows (`\$${x}`). Nothing else is escaped: other
 * control characters and all of Unicode stay raw. NUL cannot appear in Nix strings;
 * the caller validates that.
 *
 * @param text - the segment's value (unescaped).
 * @param followedByInterpolation - whether an interpolation `${...}` comes right after
 *   this segment.
 *
 * @example
 * ```ts
 * escapeDoubleQuoted('say "hi" ${x}', false); // 'say \\"hi\\" \\${x}'
 * escapeDoubleQuoted("cost: $", true); // "cost: \\$" (then the printer adds ${...})
 * ```
 */
export function escapeDoubleQuoted(text: string, followedByInterpolation: boolean): string {
  if (!NEEDS_DOUBLE_QUOTED_ESCAPE.test(text)) return text;
  let out = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let esc: string;
    switch (c) {
      case 0x5c: // \
        esc = "\\\\";
        break;
      case 0x22: // "
        esc = '\\"';
        break;
      case 0x0a:
        esc = "\\n";
        break;
      case 0x0d:
        esc = "\\r";
        break;
      case 0x09:
        esc = "\\t";
        break;
      case 0x24: {
        // $
        const next = text.charCodeAt(i + 1);
        const last = i === text.length - 1;
        if (next === 0x7b || next === 0x24 || (last && followedByInterpolation)) esc = "\\$";
        else continue;
        break;
      }
      default:
        continue;
    }
    out += text.slice(start, i) + esc;
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}

/**
 * One line of an indented string: escaped text pieces and interpolated expressions.
 * An empty line is an empty array.
 */
export type IndentedLine = readonly (string | Expr)[];

/**
 * Splits a string's value at its newlines into the lines of an indented string
 * `''...''`, each text piece already escaped.
 *
 * The printer writes the result like this. One line: `''` + line + `''`. Several lines:
 * `''`, a newline, then each line on its own line prefixed by the current indentation
 * (nothing at all for an empty line), and the closing `''` right after the last line's
 * content; when the value ends with a newline the last line is empty and `''` stands
 * alone on its line, at the outer indentation. Nix reads that back as exactly the value,
 * whatever the indentation.
 *
 * The escapes, only where needed:
 * - `''` in the value is written `'''`.
 * - A `'` that would otherwise stand just before a `'` (of an escape, or of the closing
 *   `''`) is written `''\'`.
 * - A `$` followed by `{`, or the last `$` before an interpolation, is written `''$`.
 * - A carriage return is written `''\r` (a raw one would not survive editors and Git).
 * - Leading spaces are escaped only where Nix's indentation stripping would eat them
 *   (`''\ ` ends the run of spaces it strips): a line holding only spaces, and, when
 *   every line with content starts with a space, the first of them.
 *
 * Tabs stay raw: Nix's indentation stripping counts spaces only, so a tab is content.
 *
 * @example
 * ```ts
 * indentedStringLines(["echo ${HOME}\n  done\n"]);
 * // [["echo ''${HOME}"], ["  done"], []]
 * ```
 */
export function indentedStringLines(parts: readonly StringPart[]): IndentedLine[] {
  // split into lines of raw text and expressions, adjacent text merged
  const raw: (string | Expr)[][] = [[]];
  for (const part of parts) {
    if (typeof part !== "string") {
      raw[raw.length - 1]!.push(part);
      continue;
    }
    const pieces = part.split("\n");
    pieces.forEach((piece, k) => {
      if (k > 0) raw.push([]);
      if (piece === "") return;
      const line = raw[raw.length - 1]!;
      const prev = line[line.length - 1];
      if (typeof prev === "string") line[line.length - 1] = prev + piece;
      else line.push(piece);
    });
  }
  const guarded = linesNeedingGuard(raw);
  return raw.map((line, n) => {
    const lastLine = n === raw.length - 1;
    return line.map((piece, k) => {
      if (typeof piece !== "string") return piece;
      const next: Next = k < line.length - 1 ? "interpolation" : lastLine ? "close" : "newline";
      return escapeIndentedPiece(piece, k === 0 && guarded.has(n), next);
    });
  });
}

/**
 * The lines whose first space must be escaped so that Nix's indentation stripping (which
 * removes the smallest run of leading spaces over the lines with content) leaves every
 * line as it is: every line that holds only spaces (Nix would strip it, or drop it when
 * it is the first or last line), and, when every line with content starts with a space,
 * the first of those (its escape ends the run, so nothing of the value is stripped).
 */
function linesNeedingGuard(lines: readonly (readonly (string | Expr)[])[]): Set<number> {
  const guarded = new Set<number>();
  const content: number[] = [];
  lines.forEach((line, n) => {
    if (line.length === 0) return;
    const spacesOnly = line.every((p) => typeof p === "string" && /^ *$/.test(p));
    if (spacesOnly) guarded.add(n);
    else content.push(n);
  });
  const startsWithSpace = (n: number): boolean => {
    const first = lines[n]![0];
    return typeof first === "string" && first.startsWith(" ");
  };
  if (content.length > 0 && content.every(startsWithSpace)) guarded.add(content[0]!);
  return guarded;
}

/** What comes right after a text piece of an indented string. */
type Next = "interpolation" | "newline" | "close";

/** Escapes one text piece (no newlines) of an indented string line. */
function escapeIndentedPiece(text: string, atLineStart: boolean, next: Next): string {
  // Most pieces hold nothing to escape: no copy then.
  if (!/['$\r]/.test(text) && !(atLineStart && text.startsWith(" "))) return text;
  const chunks: string[] = [];
  /** Indexes in `chunks` of lone `'` quotes, to fix once the following chunk is known. */
  const lone: number[] = [];
  /** Where the run of text that needs no escape began (sliced once, not built by characters). */
  let plain = 0;
  const flush = (end: number): void => {
    if (end > plain) chunks.push(text.slice(plain, end));
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 39 /* ' */) {
      let j = i;
      while (text.charCodeAt(j) === 39) j++;
      const n = j - i;
      flush(i);
      if (n >= 2) chunks.push("'''".repeat(n >> 1));
      if (n % 2 === 1) {
        lone.push(chunks.length);
        chunks.push("'");
      }
      i = j - 1;
      plain = j;
    } else if (c === 36 /* $ */) {
      const last = i === text.length - 1;
      if (text.charCodeAt(i + 1) === 123 /* { */ || (last && next === "interpolation")) {
        flush(i);
        chunks.push("''$");
        plain = i + 1;
      }
    } else if (c === 13 /* \r */) {
      flush(i);
      chunks.push("''\\r");
      plain = i + 1;
    } else if (c === 32 && i === 0 && atLineStart) {
      chunks.push("''\\ ");
      plain = 1;
    }
  }
  flush(text.length);
  for (const k of lone) {
    // what follows in the source: the next chunk, or the interpolation's `$`, the
    // newline, or the closing `''`
    const following = k + 1 < chunks.length ? chunks[k + 1]![0] : next === "close" ? "'" : "";
    if (following === "'") chunks[k] = "''\\'";
  }
  return chunks.join("");
}
