/**
 * `print`: a tree (or a plain JavaScript value) as Nix source in the official format.
 */
import { toExpr, type ExprLike, type ExprLikeOf } from "../ast/builders.js";
import { fixup, layout } from "./doc.js";
import { isStackOverflow } from "../deep/run.js";
import { printDeep } from "./deep.js";
import { Pretty } from "./pretty.js";
import { NixAstError } from "../errors.js";
import { RAW_NEWLINE } from "./strings.js";
import { checkTree } from "../ast/check.js";
import { describe } from "../ast/plain.js";

/** Options of {@link print}. */
export interface PrintOptions {
  /**
   * Line width, not counting indentation: a whole number from 1 (the official format's
   * 100). Anything else is a `NixAstError`.
   */
  readonly width?: number;
}

/** The width `options` ask for, checked (a width of 0, -5 or NaN would lay out nonsense). */
function widthOf(options: PrintOptions): number {
  if (typeof options !== "object" || options === null) {
    throw new NixAstError(`print's options must be an object, got ${describe(options)}`);
  }
  const width = options.width ?? 100;
  if (typeof width !== "number" || !Number.isSafeInteger(width) || width < 1) {
    throw new NixAstError(
      `print's width must be a whole number of at least 1, got ${describe(width)}`,
    );
  }
  return width;
}

/**
 * Prints an expression as a Nix file in the official format (nixfmt, RFC 166), ending
 * with one newline. Plain values convert with {@link toExpr}. Throws `NixAstError`, saying
 * what and where, for anything Nix cannot represent (a value that contains itself, an object
 * that is not plain data, a hole in an array, a node of the wrong shape included). A tree nested deeper than the
 * stack allows (lists some hundreds deep, operator chains some thousands long) is printed
 * on a worker thread with a larger stack, for the caller synchronously; what even that
 * stack cannot hold, or text longer than a JavaScript string can be (lists nested 20,000
 * deep, whose indentation alone is 400 MB), is a `NixAstError` too.
 *
 * @example
 * ```ts
 * import { print, ref, apply } from "@atbb/nix-ast";
 * print({ enable: true, port: 8080, hosts: ["a", "b"] });
 * // {
 * //   enable = true;
 * //   port = 8080;
 * //   hosts = [
 * //     "a"
 * //     "b"
 * //   ];
 * // }
 * ```
 */
export function print(expr: ExprLike, options?: PrintOptions): string;
export function print<T>(expr: T & ExprLikeOf<T>, options?: PrintOptions): string;
export function print(expr: ExprLike, options: PrintOptions = {}): string {
  const width = widthOf(options);
  // Cycles, objects that are not plain data, holes and malformed nodes are refused here,
  // with their location, before the printer (which trusts the tree's shape) sees them.
  checkTree(expr);
  return printChecked(expr, width);
}

/**
 * {@link print} of a tree whose shape is known to be sound (the parser's own output), at
 * a checked width: `nix-ast fmt` skips the walk that checks what callers pass.
 * @internal
 */
export function printChecked(expr: ExprLike, width: number): string {
  try {
    return printFile(expr, width);
  } catch (error) {
    // The printer recurses over the tree: a tree nested thousands deep exhausts the
    // stack. It is printed again on a thread with a larger one.
    if (!isStackOverflow(error)) throw error;
  }
  const text = printDeep(expr, width);
  if (text === undefined) {
    throw new NixAstError("nested too deeply to print (the printer ran out of stack)");
  }
  return text;
}

/**
 * {@link print} on this thread's stack.
 * @internal
 */
export function printFile(expr: ExprLike, width: number): string {
  try {
    return layOut(expr, width);
  } catch (error) {
    if (error instanceof RangeError && /invalid string length/i.test(error.message)) {
      throw new NixAstError("the printed text would be longer than a JavaScript string can be");
    }
    throw error;
  }
}

function layOut(expr: ExprLike, width: number): string {
  const pretty = new Pretty(width);
  const fast = pretty.file(expr);
  if (fast !== undefined) return withRawNewlines(fast);
  const tree = toExpr(expr);
  const doc = fixup(pretty.top(tree));
  const text = layout(doc, width, 2);
  // A `/*nixfmt:disable*/` region that runs to the end of the file ends it as written.
  const after = tree.trivia?.after;
  const last = after?.[after.length - 1];
  if (last?.kind === "block" && last.toEnd && last.verbatim !== undefined) {
    return withRawNewlines(text.trimStart());
  }
  // Copying a large text to trim it costs: trim only when there is something to trim.
  const clean = /^\s|\s$/.test(text.slice(0, 1) + text.slice(-1)) ? text.trim() : text;
  return withRawNewlines(clean + "\n");
}

/** The newlines of double-quoted strings written across lines put in (see RAW_NEWLINE). */
function withRawNewlines(text: string): string {
  return text.includes(RAW_NEWLINE) ? text.replaceAll(RAW_NEWLINE, "\n") : text;
}
