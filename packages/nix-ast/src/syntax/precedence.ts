/**
 * The one precedence and associativity table of Nix, and the one place that decides
 * where parentheses are needed. Both the printer and the parser read it.
 */
import type { BinaryOp, Expr } from "../ast/nodes.js";

/** Binding strength: a smaller level binds tighter. Terms (literals, lists, sets, ...) are 0. */
export const enum Level {
  Term = 0,
  Select = 1,
  Apply = 2,
  Negate = 3,
  HasAttr = 4,
  Concat = 5,
  Mul = 6,
  Add = 7,
  Not = 8,
  Update = 9,
  Compare = 10,
  Equality = 11,
  And = 12,
  Or = 13,
  Implies = 14,
  /** `if`, `let`, `with`, `assert`, lambdas: never an operand without parentheses. */
  Open = 15,
}

export type Associativity = "left" | "right" | "none";

/** Level and associativity of each binary operator (docs/nix-syntax.md). */
export const BINARY_OPERATORS: Readonly<Record<BinaryOp, { level: Level; assoc: Associativity }>> =
  {
    "++": { level: Level.Concat, assoc: "right" },
    "*": { level: Level.Mul, assoc: "left" },
    "/": { level: Level.Mul, assoc: "left" },
    "+": { level: Level.Add, assoc: "left" },
    "-": { level: Level.Add, assoc: "left" },
    "//": { level: Level.Update, assoc: "right" },
    "<": { level: Level.Compare, assoc: "none" },
    "<=": { level: Level.Compare, assoc: "none" },
    ">": { level: Level.Compare, assoc: "none" },
    ">=": { level: Level.Compare, assoc: "none" },
    "==": { level: Level.Equality, assoc: "none" },
    "!=": { level: Level.Equality, assoc: "none" },
    "&&": { level: Level.And, assoc: "left" },
    "||": { level: Level.Or, assoc: "left" },
    "->": { level: Level.Implies, assoc: "right" },
  };

const INT64_MIN = -(2n ** 63n);

/** How tightly an expression binds, as printed. */
export function levelOf(e: Expr): Level {
  switch (e.kind) {
    case "int":
      // A negative integer prints as unary minus; the minimum prints parenthesized.
      return e.value < 0n && e.value !== INT64_MIN ? Level.Negate : Level.Term;
    case "float":
      return e.value < 0 || Object.is(e.value, -0) ? Level.Negate : Level.Term;
    case "string":
    case "path":
    case "searchPath":
    case "var":
    case "list":
    case "attrs":
    case "paren":
      return Level.Term;
    case "select":
      return Level.Select;
    case "apply":
      return Level.Apply;
    case "unary":
      return e.op === "-" ? Level.Negate : Level.Not;
    case "hasAttr":
      return Level.HasAttr;
    case "binary":
      return BINARY_OPERATORS[e.op].level;
    case "let":
    case "lambda":
    case "if":
    case "with":
    case "assert":
      return Level.Open;
    default: {
      const never: never = e;
      throw new Error(`unknown node ${JSON.stringify(never)}`);
    }
  }
}

/** Where an expression stands, for deciding on parentheses. */
export type Position =
  | { readonly kind: "selectBase"; readonly outerDefault: boolean }
  | { readonly kind: "argument" }
  | { readonly kind: "function" }
  | { readonly kind: "listItem" }
  | { readonly kind: "orDefault" }
  | { readonly kind: "unary"; readonly op: "!" | "-" }
  | { readonly kind: "hasAttrBase" }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly side: "left" | "right" };

/** Whether `e` needs parentheses at `pos` to keep its meaning. */
export function needsParens(e: Expr, pos: Position): boolean {
  const level = levelOf(e);
  switch (pos.kind) {
    case "selectBase":
      // A path literal would swallow the `.name` that follows it (`./a.nix.b` is one path).
      if (e.kind === "path") return true;
      // `x.a.b` re-reads as one selection, so a selection as base keeps its parentheses
      // when either has an `or` default: `(x.a or d).b`, `(x.a).b or d`.
      return (
        level > Level.Select ||
        (e.kind === "select" && (e.default !== undefined || pos.outerDefault))
      );
    case "argument":
    case "listItem":
    case "orDefault":
      return level > Level.Select;
    case "function":
      return level > Level.Apply;
    case "unary":
      // `-./a` would lex as one path: what starts with a path keeps its parentheses after `-`.
      if (pos.op === "-" && startsWithPath(e)) return true;
      // Each operator takes its own kind unparenthesized: `!!x`, `--x`.
      return level > (pos.op === "-" ? Level.Negate : Level.Not);
    case "hasAttrBase":
      return level > Level.HasAttr;
    case "binary": {
      const { level: own, assoc } = BINARY_OPERATORS[pos.op];
      const sameSideAllowed =
        (assoc === "left" && pos.side === "left") || (assoc === "right" && pos.side === "right");
      return sameSideAllowed ? level > own : level >= own;
    }
  }
}

/** Whether the printed expression's first token is a path literal. */
function startsWithPath(e: Expr): boolean {
  switch (e.kind) {
    case "path":
      return true;
    case "apply":
      return startsWithPath(e.fn);
    case "select":
    case "hasAttr":
      return startsWithPath(e.expr);
    case "binary":
      return startsWithPath(e.left);
    default:
      return false;
  }
}
