/**
 * Short, typed builders for every node kind, and the conversion of plain JavaScript
 * values (string, number, bigint, boolean, null, array, plain object) to Nix.
 *
 * @example
 * ```ts
 * import { apply, print, ref } from "@atbb/nix-ast";
 * print(apply(ref("lib.mkIf"), ref("cfg.enable"), { enable: true, ports: [80, 443] }));
 * // lib.mkIf cfg.enable {
 * //   enable = true;
 * //   ports = [
 * //     80
 * //     443
 * //   ];
 * // }
 * ```
 */
import { NixAstError } from "../errors.js";
import { isStackOverflow } from "../deep/run.js";
import { checkTree } from "./check.js";
import { codeArg, conditionArg, type Condition } from "./code.js";
import { isNode, NODE } from "./mark.js";
import { nonPlain } from "./plain.js";
import { checkFloat, checkInt, checkNoNul, checkPathText, checkSearchPath } from "./validate.js";
import { formatAttrName, isIdentifier } from "../syntax/names.js";
import type {
  Apply,
  Assert,
  Assign,
  AttrName,
  AttrPath,
  Attrs,
  Binary,
  BinaryOp,
  Binding,
  Comment,
  Expr,
  Float,
  Formal,
  Formals,
  HasAttr,
  If,
  Inherit,
  Int,
  Lambda,
  Let,
  List,
  Paren,
  Path,
  SearchPath,
  Select,
  Str,
  StringPart,
  Trivia,
  Unary,
  Var,
  With,
} from "./nodes.js";

export { isNode, node, NODE } from "./mark.js";

const NULL: Var = { kind: "var", name: "null", [NODE]: true };
const TRUE: Var = { kind: "var", name: "true", [NODE]: true };
const FALSE: Var = { kind: "var", name: "false", [NODE]: true };

/** A plain JavaScript value that converts to a Nix expression, or a node. */
export type ExprLike =
  | Expr
  | string
  | number
  | bigint
  | boolean
  | null
  | readonly ExprLike[]
  | { readonly [name: string]: ExprLike | undefined };

/**
 * What {@link ExprLike} accepts, for a value of any type `T`: also objects typed by an
 * `interface` (which TypeScript gives no index signature, so they are not `ExprLike`),
 * checked key by key. {@link toExpr} and `print` take it: `print(config)` compiles for
 * `config: MyConfig`; a key holding a function, a `Date` or a symbol does not.
 */
export type ExprLikeOf<T> = T extends Expr
  ? T
  : T extends string | number | bigint | boolean | null
    ? T
    : T extends readonly (infer U)[]
      ? readonly ExprLikeOf<U>[]
      : T extends (...args: never[]) => unknown
        ? never
        : T extends object
          ? {
              readonly [K in keyof T]:
                ExprLikeOf<T[K]> | (undefined extends T[K] ? undefined : never);
            }
          : never;

/**
 * Converts a plain value to a node: strings to strings, bigints and safe integers to
 * integers, other numbers to floats, booleans and `null` to `true`/`false`/`null`,
 * arrays to lists, plain objects to sets (keys are single names, never paths; `undefined`
 * values are left out). Nodes pass through unchanged (see {@link isNode}); an object
 * with a `kind` key but no node mark is data like any other.
 *
 * Throws a `NixAstError` saying what and where for what has no Nix counterpart: a value
 * that contains itself, an object that is not plain data (a `Date`, `Map`, `Set`,
 * `RegExp`, `Buffer`, typed array, class instance, `new String(...)`), a hole in a
 * sparse array, `undefined` in an array, a function or a symbol.
 *
 * @example
 * ```ts
 * import { print, toExpr } from "@atbb/nix-ast";
 * print(toExpr({ kind: "int", value: 5 })); // data, not a node
 * // {
 * //   kind = "int";
 * //   value = 5;
 * // }
 * ```
 */
export function toExpr(value: ExprLike): Expr;
export function toExpr<T>(value: T & ExprLikeOf<T>): Expr;
export function toExpr(value: unknown): Expr {
  try {
    return convert(value as ExprLike);
  } catch (error) {
    // The conversion keeps no location, so that good data converts fast: find it now.
    // A cycle makes the conversion recurse until the stack runs out: the check names it.
    if (error instanceof NixAstError && error.location.length === 0) {
      checkTree(value);
      locate(value as ExprLike, []);
    } else if (isStackOverflow(error)) checkTree(value);
    throw error;
  }
}

function convert(value: ExprLike): Expr {
  if (value === null) return NULL;
  switch (typeof value) {
    case "string":
      // The hot path of large data: a one-part string, checked, without the template logic.
      checkNoNul(value, []);
      return { kind: "string", parts: value === "" ? [] : [value], [NODE]: true };
    case "number":
      // Beyond 2^53 a JavaScript number is a float already: keep it one.
      return Number.isSafeInteger(value)
        ? { kind: "int", value: BigInt(value), [NODE]: true }
        : float(value);
    case "bigint":
      return int(value);
    case "boolean":
      return value ? TRUE : FALSE;
    case "object": {
      if (isNode(value)) return value;
      if (Array.isArray(value)) {
        const array = value as readonly ExprLike[];
        const items: Expr[] = new Array<Expr>(array.length);
        for (let i = 0; i < array.length; i++) items[i] = convert(array[i]!);
        return { kind: "list", items, [NODE]: true };
      }
      if (nonPlain(value) !== undefined) throw new NixAstError("not plain data");
      const bindings: Binding[] = [];
      for (const key of Object.keys(value)) {
        const v = (value as { readonly [name: string]: ExprLike | undefined })[key];
        if (v === undefined) continue;
        checkNoNul(key, []);
        bindings.push({ kind: "assign", path: [{ kind: "name", name: key }], value: convert(v) });
      }
      return { kind: "attrs", bindings, [NODE]: true };
    }
    default:
      // `undefined` (a hole in an array too), a function, a symbol: the check names it.
      throw new NixAstError(`${typeof value} has no Nix counterpart`);
  }
}

/**
 * Throws the conversion's error for the first bad value in `value`, with its location
 * named as the printer names it (`binding a > value > list item 2`). Runs after
 * {@link checkTree}, which found no cycle, hole or object that is not plain data.
 */
function locate(value: ExprLike, at: readonly string[]): void {
  if (typeof value === "object" && value !== null && !isNode(value)) {
    if (Array.isArray(value)) {
      const array = value as readonly ExprLike[];
      for (let i = 0; i < array.length; i++) locate(array[i]!, [...at, `list item ${i + 1}`]);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const binding = `binding ${formatAttrName(key)}`;
      try {
        checkNoNul(key, []);
      } catch (error) {
        if (error instanceof NixAstError) throw new NixAstError(error.problem, [...at, binding]);
      }
      locate(v, [...at, binding, "value"]);
    }
    return;
  }
  try {
    convert(value);
  } catch (error) {
    if (error instanceof NixAstError && at.length > 0) throw new NixAstError(error.problem, at);
    throw error;
  }
}

// ---------------------------------------------------------------- literals

/** An integer literal (signed 64-bit). `int(-7)` prints `-7`. */
export function int(value: number | bigint): Int {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new NixAstError(
      `${value} is not a safe integer: pass a bigint for integers beyond 2^53, float() for floats`,
    );
  }
  const big = BigInt(value);
  checkInt(big, []);
  return { kind: "int", value: big, [NODE]: true };
}

/** A float literal: `float(2)` prints `2.0`. NaN, infinities and subnormals are refused. */
export function float(value: number): Float {
  checkFloat(value, []);
  return { kind: "float", value, [NODE]: true };
}

type TemplateArgs = [TemplateStringsArray, ...ExprLike[]];

function isTemplate(args: readonly unknown[]): args is TemplateArgs {
  return Array.isArray(args[0]) && "raw" in (args[0] as object);
}

function templateParts([strings, ...values]: TemplateArgs, spliceStrings = true): StringPart[] {
  const parts: StringPart[] = [];
  strings.forEach((text, i) => {
    if (text !== "") parts.push(text);
    if (i < values.length) {
      const value = values[i] as ExprLike;
      const e = typeof value === "string" ? value : toExpr(value);
      // A string inside a string reads better spliced in: `"${"${a}/bin"} x"` is `"${a}/bin x"`.
      if (spliceStrings && typeof e !== "string" && e.kind === "string" && !e.trivia) {
        parts.push(...e.parts);
      } else parts.push(e);
    }
  });
  return mergeText(parts);
}

/**
 * Adjacent text parts joined and empty ones dropped: a string's canonical parts (the
 * printer relies on it: a hand-made `["$", "{x}"]` must not print `${x}`).
 */
export function mergeText(parts: readonly StringPart[]): StringPart[] {
  const out: StringPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (typeof part === "string" && typeof last === "string") out[out.length - 1] = last + part;
    else if (part !== "") out.push(part);
  }
  return out;
}

function stringNode(parts: readonly StringPart[], style?: Str["style"]): Str {
  for (const part of parts) if (typeof part === "string") checkNoNul(part, []);
  const merged = mergeText(parts);
  return style
    ? { kind: "string", parts: merged, style, [NODE]: true }
    : { kind: "string", parts: merged, [NODE]: true };
}

/**
 * A string. Called with text, it holds exactly that text; as a tagged template,
 * `` str`${pkgs.hello}/bin/hello` `` interpolates nodes (and plain values converted with
 * {@link toExpr}; a plain string value, or a string node, is spliced in as its text and
 * interpolations, which means the same).
 */
export function str(text: string): Str;
export function str(strings: TemplateStringsArray, ...values: ExprLike[]): Str;
export function str(...args: [string] | TemplateArgs): Str {
  return isTemplate(args) ? stringNode(templateParts(args)) : stringNode([args[0] as string]);
}

/** A string always printed as an indented string `''...''` (same call forms as {@link str}). */
export function indented(text: string): Str;
export function indented(strings: TemplateStringsArray, ...values: ExprLike[]): Str;
export function indented(...args: [string] | TemplateArgs): Str {
  return isTemplate(args)
    ? stringNode(templateParts(args), "indented")
    : stringNode([args[0] as string], "indented");
}

/** A string built from parts: text and interpolated expressions. */
export function strParts(parts: readonly (string | ExprLike)[], style?: Str["style"]): Str {
  return stringNode(
    parts.map((p) => (typeof p === "string" ? p : toExpr(p))),
    style,
  );
}

/**
 * A path literal, written as Nix shows it: `path("./nix/module.nix")`, `path("../.")`,
 * or as a template `` path`./hosts/${name}.nix` ``. Characters outside
 * `[A-Za-z0-9._+-/]` are refused (use `./. + "/a b"` for those).
 */
export function path(text: string): Path;
export function path(strings: TemplateStringsArray, ...values: ExprLike[]): Path;
export function path(...args: [string] | TemplateArgs): Path {
  const parts = isTemplate(args) ? templateParts(args, false) : [args[0] as string];
  checkPathText(parts, []);
  return { kind: "path", parts, [NODE]: true };
}

/** A search path `<nixpkgs>`: `searchPath("nixpkgs")`. */
export function searchPath(name: string): SearchPath {
  checkSearchPath(name, []);
  return { kind: "searchPath", path: name, [NODE]: true };
}

// ---------------------------------------------------------------- names and selection

/**
 * A variable, or a selection from one when the name has dots:
 * `ref("x")` is `x`, `ref("lib.types.str")` is `lib.types.str`.
 */
export function ref(name: string): Var | Select {
  const [head, ...rest] = name.split(".");
  if (head === undefined || !isIdentifier(head) || rest.some((r) => !isIdentifier(r))) {
    throw new NixAstError(
      `"${name}" is not a variable or a dotted path of identifiers${refHint(name)}`,
    );
  }
  const variable: Var = { kind: "var", name: head, [NODE]: true };
  return rest.length === 0 ? variable : select(variable, rest as [string, ...string[]]);
}

/**
 * For a name with `${...}` (`self.packages.${system}.default`): the `select` that writes
 * it, as a hint. Nothing for other bad names.
 */
function refHint(name: string): string {
  const m = /^([^$]*?)\.?\$\{([^}]*)\}(.*)$/.exec(name);
  if (m === null) return "";
  const [, before, inner, after] = m as unknown as [string, string, string, string];
  const base = before === "" ? "…" : `ref(${JSON.stringify(before)})`;
  const rest = after
    .split(".")
    .filter((p) => p !== "")
    .map((p) => (p.startsWith("${") ? "dynamic(…)" : JSON.stringify(p)));
  const dyn =
    isIdentifier(inner) || /^[A-Za-z_][\w.]*$/.test(inner) ? `ref(${JSON.stringify(inner)})` : "…";
  return ` (an interpolated name is a selection: select(${base}, [dynamic(${dyn})${rest.map((r) => ", " + r).join("")}]))`;
}

/** Something usable as one element of an attribute path. */
export type AttrNameLike = string | AttrName | Expr;

/** An attribute path from a dotted string is *not* split: pass an array for nested paths. */
export type AttrPathLike = AttrNameLike | readonly [AttrNameLike, ...AttrNameLike[]];

/** A static attribute name; the printer quotes it when needed. */
export function name(text: string, options: { quoted?: boolean } = {}): AttrName {
  checkNoNul(text, []);
  return options.quoted ? { kind: "name", name: text, quoted: true } : { kind: "name", name: text };
}

/** A dynamic attribute name `${expr}` (or `"a${b}"` for a string with interpolation). */
export function dynamic(expr: ExprLike): AttrName {
  return { kind: "dynamic", expr: toExpr(expr) };
}

function toAttrName(n: AttrNameLike): AttrName {
  if (typeof n === "string") return name(n);
  if (n.kind === "name" || n.kind === "dynamic") return n as AttrName;
  return dynamic(n as Expr);
}

/** Normalizes a name, or an array of names, to an attribute path. */
export function attrPath(p: AttrPathLike): AttrPath {
  const names = Array.isArray(p) ? (p as readonly AttrNameLike[]) : [p as AttrNameLike];
  if (names.length === 0) throw new NixAstError("an attribute path needs at least one name");
  return names.map(toAttrName) as unknown as AttrPath;
}

/**
 * `e.a.b` (`select(x, ["a", "b"])`) or `e.a.b or default`. Selecting from a selection
 * without a default extends its path: `select(ref("cfg.db"), "name")` is `cfg.db.name`.
 */
export function select(expr: ExprLike, p: AttrPathLike, orDefault?: ExprLike): Select {
  const from = toExpr(expr);
  const merged =
    from.kind === "select" && from.default === undefined && !from.trivia
      ? ({ expr: from.expr, path: [...from.path, ...attrPath(p)] as unknown as AttrPath } as const)
      : ({ expr: from, path: attrPath(p) } as const);
  const base = { kind: "select", ...merged } as const;
  return orDefault === undefined
    ? { ...base, [NODE]: true }
    : { ...base, default: toExpr(orDefault), [NODE]: true };
}

/** `e ? a.b`. */
export function hasAttr(expr: ExprLike, p: AttrPathLike): HasAttr {
  return { kind: "hasAttr", expr: toExpr(expr), path: attrPath(p), [NODE]: true };
}

// ---------------------------------------------------------------- lists and sets

/** Layout and trivia options of a list. */
export interface ListOptions {
  /** Keep the brackets on separate lines even when the list would fit on one. */
  multiline?: boolean;
  /** Comments after the last item. */
  closingComments?: readonly Comment[];
}

/** `[ ... ]` from items. */
export function list(items: readonly ExprLike[], options: ListOptions = {}): List {
  return {
    kind: "list",
    items: items.map(toExpr),
    ...(options.multiline ? { multiline: true } : {}),
    ...(options.closingComments?.length ? { closingComments: options.closingComments } : {}),
    [NODE]: true,
  };
}

/** `path = value;` — `path` is a name or an array of names (`["a", "b"]` is `a.b`). */
export function bind(p: AttrPathLike, value: ExprLike, trivia?: Trivia): Assign {
  return { kind: "assign", path: attrPath(p), value: toExpr(value), ...(trivia ? { trivia } : {}) };
}

/** `inherit a b;` */
export function inherit(names: readonly string[], trivia?: Trivia): Inherit {
  return {
    kind: "inherit",
    names: names.map((n) => name(n)) as Inherit["names"],
    ...(trivia ? { trivia } : {}),
  };
}

/** `inherit (from) a b;` */
export function inheritFrom(from: ExprLike, names: readonly string[], trivia?: Trivia): Inherit {
  return {
    kind: "inherit",
    from: toExpr(from),
    names: names.map((n) => name(n)) as Inherit["names"],
    ...(trivia ? { trivia } : {}),
  };
}

/** Bindings, given as a list of {@link Binding}s or as a plain object of single names. */
export type BindingsLike = readonly Binding[] | { readonly [name: string]: ExprLike | undefined };

function toBindings(b: BindingsLike): Binding[] {
  if (Array.isArray(b)) return [...(b as readonly Binding[])];
  return Object.entries(b)
    .filter((entry): entry is [string, ExprLike] => entry[1] !== undefined)
    .map(([k, v]) => bind(k, v));
}

/** Layout and trivia options of a set. */
export interface AttrsOptions {
  rec?: boolean;
  multiline?: boolean;
  closingComments?: readonly Comment[];
}

/** `{ ... }` from bindings or a plain object. */
export function attrs(bindings: BindingsLike = [], options: AttrsOptions = {}): Attrs {
  return {
    kind: "attrs",
    bindings: toBindings(bindings),
    ...(options.rec ? { rec: true } : {}),
    ...(options.multiline ? { multiline: true } : {}),
    ...(options.closingComments?.length ? { closingComments: options.closingComments } : {}),
    [NODE]: true,
  };
}

/** `rec { ... }`. */
export function recAttrs(bindings: BindingsLike, options: Omit<AttrsOptions, "rec"> = {}): Attrs {
  return attrs(bindings, { ...options, rec: true });
}

/** `( e )` kept as written; `closingComments` stand before `)`. */
export function paren(
  expr: ExprLike,
  options: { closingComments?: readonly Comment[] } = {},
): Paren {
  const cs = options.closingComments;
  return {
    kind: "paren",
    expr: toExpr(expr),
    ...(cs?.length ? { closingComments: cs } : {}),
    [NODE]: true,
  };
}

// ---------------------------------------------------------------- expressions

/** `let bindings in body`. */
export function letIn(bindings: BindingsLike, body: ExprLike): Let {
  return { kind: "let", bindings: toBindings(bindings), body: toExpr(body), [NODE]: true };
}

/** One formal: a name, or `[name, default]`, or a full {@link Formal}. */
export type FormalLike = string | readonly [string, ExprLike] | Formal;

/** Options of a formals pattern. */
export interface FormalsOptions {
  ellipsis?: boolean;
  /** Comments around `...` (with `ellipsis`). */
  ellipsisTrivia?: Trivia;
  bind?: { name: string; position: "before" | "after" };
  multiline?: boolean;
}

/** A formals pattern `{ a, b ? 1, ... }`. */
export function formals(items: readonly FormalLike[], options: FormalsOptions = {}): Formals {
  const list: Formal[] = items.map((f) =>
    typeof f === "string"
      ? { name: f }
      : Array.isArray(f)
        ? { name: f[0] as string, default: toExpr(f[1] as ExprLike) }
        : (f as Formal),
  );
  return {
    kind: "formals",
    formals: list,
    ...(options.ellipsis ? { ellipsis: true } : {}),
    ...(options.ellipsis && options.ellipsisTrivia
      ? { ellipsisTrivia: options.ellipsisTrivia }
      : {}),
    ...(options.bind ? { bind: options.bind } : {}),
    ...(options.multiline ? { multiline: true } : {}),
  };
}

/**
 * `param: body`, where `param` is a name or a {@link formals} pattern. With
 * `bodyOnNewLine`, a formals lambda's body starts on the line after the `:`.
 */
export function lambda(
  param: string | Formals,
  body: ExprLike,
  layout: { bodyOnNewLine?: boolean } = {},
): Lambda {
  return {
    kind: "lambda",
    param,
    body: toExpr(body),
    ...(layout.bodyOnNewLine && typeof param !== "string" ? { bodyOnNewLine: true } : {}),
    [NODE]: true,
  };
}

/**
 * `f a b`: `apply(ref("lib.mkIf"), ref("cfg.enable"), { ... })`. The function is code (a
 * node, such as `ref("lib.getExe")`), never a string: a string is not a function in Nix.
 */
export function apply(fn: Expr, ...args: [ExprLike, ...ExprLike[]]): Apply {
  return {
    kind: "apply",
    fn: codeArg(fn, "the function of apply"),
    args: args.map(toExpr) as unknown as Apply["args"],
    [NODE]: true,
  };
}

/** `if cond then a else b`; `cond` is code or a boolean, never a string. */
export function ifThenElse(cond: Condition, then: ExprLike, otherwise: ExprLike): If {
  return {
    kind: "if",
    cond: conditionArg(cond, "the condition of ifThenElse"),
    then: toExpr(then),
    else: toExpr(otherwise),
    [NODE]: true,
  };
}

/** `with env; body`. */
export function withScope(env: ExprLike, body: ExprLike): With {
  return { kind: "with", env: toExpr(env), body: toExpr(body), [NODE]: true };
}

/** `assert cond; body`; `cond` is code or a boolean, never a string. */
export function assertThen(cond: Condition, body: ExprLike): Assert {
  const c = conditionArg(cond, "the condition of assertThen");
  return { kind: "assert", cond: c, body: toExpr(body), [NODE]: true };
}

/** `!e`. */
export function not(expr: ExprLike): Unary {
  return { kind: "unary", op: "!", expr: toExpr(expr), [NODE]: true };
}

/** `-e`. */
export function neg(expr: ExprLike): Unary {
  return { kind: "unary", op: "-", expr: toExpr(expr), [NODE]: true };
}

/** `left op right`: `op(a, "//", b)`. */
export function op(left: ExprLike, operator: BinaryOp, right: ExprLike): Binary {
  return { kind: "binary", op: operator, left: toExpr(left), right: toExpr(right), [NODE]: true };
}

/**
 * Operands joined by one operator, as the operator's associativity reads them:
 * `chain("++", a, b, c)` is `a ++ b ++ c`.
 */
export function chain(operator: BinaryOp, first: ExprLike, ...rest: ExprLike[]): Expr {
  const operands = [first, ...rest].map(toExpr);
  if (operator === "++" || operator === "//" || operator === "->") {
    return operands.reduceRight((acc, e) => op(e, operator, acc));
  }
  return operands.reduce((acc, e) => op(acc, operator, e));
}

// ---------------------------------------------------------------- trivia

/**
 * A `#` comment; `comment("text")` prints `# text`. With `endOfLine`, it goes at the end of
 * the line before what it is attached to, when that line has no comment yet.
 *
 * @example
 * ```ts
 * print(
 *   apply(ref("f"), ref("a"), withTrivia(ref("b"), {
 *     leading: [comment("why b", { endOfLine: true })],
 *   })),
 * );
 * // f a # why b
 * //   b
 * ```
 */
export function comment(text: string, options: { endOfLine?: boolean } = {}): Comment {
  checkNoNul(text, []);
  if (text.includes("\n")) throw new NixAstError("a # comment cannot hold a newline");
  const body = text === "" ? "" : ` ${text}`;
  return options.endOfLine
    ? { kind: "line", text: body, endOfLine: true }
    : { kind: "line", text: body };
}

/** A block comment `/* ... *\/`, or a doc comment `/** ... *\/` with `doc: true`. */
export function blockComment(text: string, options: { doc?: boolean } = {}): Comment {
  checkNoNul(text, []);
  if (text.includes("*/")) throw new NixAstError("a block comment cannot hold */");
  return { kind: "block", lines: text.split("\n"), doc: options.doc ?? false };
}

/** The same node with trivia (comments, a blank line before) attached. */
export function withTrivia<T extends Expr>(expr: T, trivia: Trivia): T;
export function withTrivia<T extends Binding>(binding: T, trivia: Trivia): T;
export function withTrivia<T extends Expr | Binding>(n: T, trivia: Trivia): T {
  return { ...n, trivia: { ...n.trivia, ...trivia } } as T;
}
