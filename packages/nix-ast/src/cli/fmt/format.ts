/**
 * One source formatted, and `--verify`'s checks of the result: what `nix-ast fmt` does
 * to each file, on whichever thread formats it.
 *
 * @packageDocumentation
 */
import type { Expr } from "../../ast/nodes.js";
import { commentTexts } from "../../ast/comment-texts.js";
import { NixAstError } from "../../errors.js";
import { NixParseError } from "../../parser/error.js";
import { strip } from "../../parser/normalize.js";
import { parse } from "../../parser/parser.js";
import { printChecked } from "../../printer/print.js";

/** How to format. */
export interface FormatSettings {
  readonly width: number;
  readonly verify: boolean;
}

/** The formatted text, or the report (one line, or a parse error with its caret) saying why not. */
export type Formatted = { readonly text: string } | { readonly report: string };

/**
 * `source` in the official format, or why it has none: a parse error as
 * `FILE:LINE:COLUMN: MESSAGE` with the source line and a caret, a tree Nix cannot hold
 * as `FILE: cannot format: ...`, a failed `--verify` check as `FILE: --verify: ...`.
 */
export function formatSource(source: string, file: string, settings: FormatSettings): Formatted {
  let tree: Expr;
  let text: string;
  try {
    tree = parse(source, { file });
    // (A tree the parser made needs no check of its shape; the options checked the width.)
    text = printChecked(tree, settings.width);
  } catch (e) {
    if (e instanceof NixParseError) return { report: e.format() };
    if (e instanceof NixAstError) return { report: `${file}: cannot format: ${e.message}` };
    throw e;
  }
  if (settings.verify) {
    const problem = verifyFormatted(tree, text, settings.width);
    if (problem !== undefined) {
      return {
        report: `${file}: --verify: ${problem} (a bug in nix-ast, please report it); the file is left as it was`,
      };
    }
  }
  return { text };
}

/**
 * What is wrong with `text` as the formatted form of `tree` (parsed from the input), or
 * undefined: it must parse, mean the same (the trees equal without parentheses, layout
 * and comments: `strip` of `normalize.ts`), keep every comment, and come back unchanged
 * when formatted again.
 */
export function verifyFormatted(tree: Expr, text: string, width: number): string | undefined {
  let again: Expr;
  try {
    again = parse(text);
  } catch (e) {
    if (e instanceof NixParseError) {
      return `the formatted text does not parse (${e.line}:${e.column}: ${e.message})`;
    }
    throw e;
  }
  if (!sameValue(strip(tree), strip(again))) {
    return "the formatted text means something else than the input";
  }
  const before = commentTexts(tree);
  const after = commentTexts(again);
  if (before.length !== after.length || before.some((c, i) => c !== after[i])) {
    return "the formatted text does not keep every comment as it was";
  }
  const twice = printChecked(again, width);
  if (twice !== text) {
    return `formatting the formatted text again changes its line ${firstDifferentLine(text, twice)}`;
  }
  return undefined;
}

/** The 1-based number of the first line where `a` and `b` differ. */
function firstDifferentLine(a: string, b: string): number {
  let line = 1;
  for (let i = 0; i < a.length && a[i] === b[i]; i++) if (a[i] === "\n") line++;
  return line;
}

/** Structural equality of plain data (objects, arrays, strings, numbers, bigints), without recursion. */
function sameValue(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (Object.is(x, y)) continue;
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const keys = Object.keys(xo).filter((k) => xo[k] !== undefined);
    const other = Object.keys(yo).filter((k) => yo[k] !== undefined);
    if (keys.length !== other.length) return false;
    for (const k of keys) {
      if (!Object.prototype.hasOwnProperty.call(yo, k)) return false;
      stack.push([xo[k], yo[k]]);
    }
  }
  return true;
}
