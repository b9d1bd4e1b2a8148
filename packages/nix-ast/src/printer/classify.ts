/**
 * What the official format's rules ask of a node: is it a term, absorbable onto the line
 * that opens it, simple enough to keep a short call on one line; and the parentheses the
 * precedence table puts around a child.
 */
import type {
  Apply,
  AttrName,
  Attrs,
  Expr,
  Formals,
  Paren,
  Select,
  Str,
  Trivia,
} from "../ast/nodes.js";
import { NODE } from "../ast/mark.js";
import { isIdentifier } from "../syntax/names.js";
import { needsParens, type Position } from "../syntax/precedence.js";
import { stringForm } from "./strings.js";

export const INT64_MIN = -(2n ** 63n);

/** A parenthesized child the printer adds (never in the user's tree). */
export function paren(expr: Expr): Paren {
  return { kind: "paren", expr, [NODE]: true };
}

/**
 * The child as printed at `pos`: wrapped in parentheses when its meaning needs them. Its
 * comments then go before the `(`, so that they are printed once, where a caller that
 * prints the child's comments itself expects them.
 */
export function operand(e: Expr, pos: Position): Expr {
  if (!needsParens(e, pos)) return e;
  if (!e.trivia) return paren(e);
  const { trivia, ...bare } = e;
  return { kind: "paren", expr: bare as Expr, trivia, [NODE]: true };
}

/** `f a b c` as the function and its arguments, nested applications flattened. */
export function spine(e: Apply): [Expr, Expr[]] {
  let args: Expr[] = [];
  let head: Expr = e;
  while (head.kind === "apply") {
    args.unshift(...head.args);
    head = head.fn;
  }
  if (args.some(isOrVariable)) [head, args] = orArguments(head, args);
  return [operand(head, FUNCTION), args.map((a) => operand(a, ARGUMENT))];
}

// (Positions made once: `spine` runs for every call in a tree.)
const FUNCTION: Position = { kind: "function" };
const ARGUMENT: Position = { kind: "argument" };

/**
 * The variable `or` as an argument: Nix reads `f or` as `f` applied to a variable named
 * `or` (an allowance for old code), and only right after the function: `f a or` is
 * `f (a or)`, and `a.b or` starts a default. So a call that passes `or` later is split,
 * `(f a) or`, and a selection before it is parenthesized, `(a.b) or`.
 */
function orArguments(head: Expr, args: Expr[]): [Expr, Expr[]] {
  let h = head;
  let rest = args;
  for (let k = rest.findIndex(isOrVariable); k >= 0; k = rest.findIndex(isOrVariable)) {
    if (k > 0) {
      h = paren({
        kind: "apply",
        fn: h,
        args: rest.slice(0, k) as [Expr, ...Expr[]],
        [NODE]: true,
      });
      rest = rest.slice(k);
    }
    if (h.kind === "select") h = paren(h);
    OR_ARGUMENTS.add(rest[0]!);
    if (rest.length === 1) break;
    // Any later `or` needs the call so far in parentheses.
    const later = rest.slice(1).findIndex(isOrVariable);
    if (later < 0) break;
    h = paren({
      kind: "apply",
      fn: h,
      args: rest.slice(0, later + 1) as [Expr, ...Expr[]],
      [NODE]: true,
    });
    rest = rest.slice(later + 1);
  }
  return [h, rest];
}

function isOrVariable(e: Expr): boolean {
  return e.kind === "var" && e.name === "or";
}

/** The `or` variables that stand right after a function, where Nix reads them. */
const OR_ARGUMENTS = new WeakSet<Expr>();

/** Whether this variable `or` stands where Nix reads it as a variable (see {@link spine}). */
export function isOrArgument(e: Expr): boolean {
  return OR_ARGUMENTS.has(e);
}

/** The child an expression starts with, for the kinds that start with one. */
export function firstPart(e: Expr): Expr | undefined {
  switch (e.kind) {
    case "binary":
      return e.left;
    case "select":
    case "hasAttr":
      return e.expr;
    case "apply":
      return e.fn;
    default:
      return undefined;
  }
}

/** Whether comments stand before `e`: its own, or those of its first parts (`hoist.ts`). */
export function hasComments(e: Expr): boolean {
  if (e.trivia) return true;
  for (let x = firstPart(e); x !== undefined; x = firstPart(x))
    if (x.trivia?.leading?.length) return true;
  return false;
}

export function hasLeading(t: Trivia | undefined): boolean {
  return !!(t && (t.leading?.length || t.blankLineBefore));
}

// ---------------------------------------------------------------- classification

/** Terms are what may stand as list items and arguments without parentheses. */
export function isTerm(e: Expr): boolean {
  switch (e.kind) {
    case "int":
      return e.value >= 0n || e.value === INT64_MIN;
    case "float":
      return !(e.value < 0 || Object.is(e.value, -0));
    case "string":
    case "path":
    case "searchPath":
    case "var":
    case "select":
    case "list":
    case "attrs":
    case "paren":
      return true;
    default:
      return false;
  }
}

/** Whether a string prints as an indented string (see `strings.ts`). */
export function stringStyle(s: Str): "double" | "indented" {
  return stringForm(s).style;
}

/**
 * Whether a set, list or `let` has comments or a blank line before its closing bracket
 * or `in`: then its end is laid out by the document IR, never on one line.
 */
export function hasClosingTrivia(
  e: Pick<Attrs, "closingComments" | "blankLineBeforeClose">,
): boolean {
  return !!e.closingComments?.length || !!e.blankLineBeforeClose;
}

/**
 * Sets, lists and multi-line indented strings: kept on the line that opens them. One with
 * comments before it is not absorbed, so that they stay before it.
 */
export function isAbsorbable(e: Expr): boolean {
  if (hasLeading(e.trivia)) return false;
  switch (e.kind) {
    case "select": {
      const set = oldLetSet(e);
      return set !== undefined && isAbsorbable(set);
    }
    case "string":
      return stringStyle(e) === "indented" && stringForm(e).lines.length >= 2;
    case "attrs":
      return e.bindings.length > 0 || !!e.multiline || !!e.closingComments?.length;
    case "list":
      return e.items.length > 0 || !!e.multiline || !!e.closingComments?.length;
    case "paren":
      return (
        !hasClosingTrivia(e) && !hasLeading(e.expr.trivia) && isTerm(e.expr) && isAbsorbable(e.expr)
      );
    default:
      return false;
  }
}

/** Formals that may stay on one line: at most two names, no defaults, no comments. */
export function canFlattenFormals(f: Formals): boolean {
  const ellipsisComments = hasLeading(f.ellipsisTrivia) || !!f.ellipsisTrivia?.trailing;
  if (f.multiline || ellipsisComments || hasClosingTrivia(f)) return false;
  if (
    f.formals.some((x) => x.default !== undefined || hasLeading(x.trivia) || x.trivia?.trailing)
  ) {
    return false;
  }
  return f.formals.length <= 2;
}

export function isAbsorbableExpr(e: Expr): boolean {
  if (isTerm(e)) return isAbsorbable(e);
  if (e.kind === "with")
    return isTerm(e.body) && isAbsorbable(e.body) && !hasLeading(e.body.trivia);
  if (e.kind === "lambda") {
    if (typeof e.param === "string") {
      if (isTerm(e.body)) return isAbsorbable(e.body);
      if (e.body.kind === "lambda") return isAbsorbableExpr(e.body);
      return false;
    }
    // Comments before the `{`, or an `@` name, keep the pattern on a line of its own.
    return (
      !e.bodyOnNewLine &&
      e.param.bind === undefined &&
      !hasLeading(e.trivia) &&
      canFlattenFormals(e.param) &&
      isAbsorbableExpr(e.body)
    );
  }
  return false;
}

export function isSimpleName(n: AttrName): boolean {
  return n.kind === "name" && !n.quoted && isIdentifier(n.name);
}

/** Short things that a call of at most two arguments keeps on one line. */
export function isSimple(e: Expr): boolean {
  if (e.trivia && (hasLeading(e.trivia) || e.trivia.trailing)) return false;
  switch (e.kind) {
    case "string":
      return e.language === undefined;
    case "path":
    case "var":
    case "searchPath":
      return true;
    case "int":
    case "float":
      return isTerm(e);
    case "select":
      return (
        isSimple(operand(e.expr, { kind: "selectBase", outerDefault: false })) &&
        e.path.every(isSimpleName) &&
        e.default === undefined
      );
    case "paren":
      return !hasClosingTrivia(e) && isSimple(e.expr);
    case "apply": {
      const [head, args] = spine(e);
      return args.length <= 2 && isSimple(head) && args.every(isSimple);
    }
    default:
      return false;
  }
}

/** The set of an old `let { ... }` (see {@link Select.oldLet}), while the node has that shape. */
export function oldLetSet(e: Select): Attrs | undefined {
  const set = e.expr;
  const [n, ...more] = e.path;
  return e.oldLet &&
    set.kind === "attrs" &&
    set.rec &&
    !set.trivia &&
    more.length === 0 &&
    n.kind === "name" &&
    n.name === "body" &&
    e.default === undefined
    ? set
    : undefined;
}
