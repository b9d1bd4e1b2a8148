/**
 * `checkTree`: one walk over what `print` is given, before it prints, that refuses what
 * would otherwise print wrong Nix or crash, each with its location: a cycle, an object
 * that is not plain data, a hole in an array, a value with no Nix counterpart, and a
 * marked node of the wrong shape (a node's fields are typed, but trees also come from
 * `any`, JSON or hand edits). What Nix refuses inside well-formed nodes (NUL, integer
 * range, names, duplicates) the printer checks as it goes.
 *
 * The walk keeps its own stack, so that a tree nested a hundred thousand deep is checked
 * as well as a flat one; a value reached twice by different paths (a shared subtree) is
 * fine, only a value inside itself is a cycle.
 *
 * @packageDocumentation
 */
import { NixAstError } from "../errors.js";
import { formatAttrName } from "../syntax/names.js";
import { isNode } from "./mark.js";
import { nameText } from "./duplicates.js";
import type { AttrName, Expr } from "./nodes.js";
import { describe, nonPlain } from "./plain.js";

/**
 * One value to check, and where it is: the steps are kept as parts (a name, a number)
 * and made into a location only for a message, so that a good tree costs no text.
 */
interface Frame {
  readonly value: unknown;
  readonly parent: Frame | null;
  /**
   * The step from the parent: a label; with `n === BINDING`, a plain object's key or a
   * binding's attribute path.
   */
  readonly step: string | readonly unknown[] | null;
  /** {@link UNNUMBERED}, {@link BINDING}, or the index the step is numbered with. */
  readonly n: number;
  /** What may stand there: plain data or a node (`false`), or only a node (`true`). */
  readonly nodeOnly: boolean;
  readonly depth: number;
}

const UNNUMBERED = -1;
const BINDING = -2;

/** Past this depth a cycle is suspected, and the walk starts again tracking its path. */
const CYCLE_SUSPICION_DEPTH = 5_000;

function stepText(f: Frame): string | null {
  const step = f.step;
  if (step === null) return null;
  if (typeof step !== "string") return `binding ${bindingLabel(step)}`;
  if (f.n === BINDING) return `binding ${formatAttrName(step)}`;
  return f.n === UNNUMBERED ? step : `${step} ${f.n + 1}`;
}

function locationOf(f: Frame | null): string[] {
  const steps: string[] = [];
  for (let x = f; x !== null; x = x.parent) {
    const t = stepText(x);
    if (t !== null) steps.push(t);
  }
  return steps.reverse();
}

/**
 * Throws a `NixAstError` for the first thing in `value` that cannot print as the Nix it
 * seems to mean (see the module's overview); returns when there is none.
 */
export function checkTree(value: unknown): void {
  // A tree deeper than the suspicion depth is walked again with its path tracked (the
  // tracking costs, and only a cycle or a very deep tree needs it).
  if (!walk(value, false)) walk(value, true);
}

/**
 * The walk; false when it stopped at the suspicion depth without `trackPath`. With it,
 * the objects on the path from the root are kept, and one met again inside itself is a
 * cycle.
 */
function walk(root: unknown, trackPath: boolean): boolean {
  const stack: (Frame | Leave)[] = [
    { value: root, parent: null, step: null, n: UNNUMBERED, nodeOnly: false, depth: 0 },
  ];
  const open = new Map<object, Frame>();
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (f instanceof Leave) {
      open.delete(f.value);
      continue;
    }
    const v = f.value;
    if (typeof v !== "object" || v === null) {
      if (f.nodeOnly) fail(f, `expected a node, got ${describe(v)}${plainHint(v)}`);
      checkScalar(f, v);
      continue;
    }
    if (trackPath) {
      const outer = open.get(v);
      if (outer !== undefined) {
        const where = outer.parent === null ? "the root" : `the value at ${pathText(outer)}`;
        fail(f, `a cycle: this value is ${where}, which contains it`);
      }
      open.set(v, f);
      stack.push(new Leave(v));
    } else if (f.depth > CYCLE_SUSPICION_DEPTH) return false;
    if (isNode(v)) nodeChildren(f, v, stack);
    else {
      if (f.nodeOnly) notANode(f, v);
      dataChildren(f, v, stack);
    }
  }
  return true;
}

/** The marker that leaves an object (the end of its subtree), when the path is tracked. */
class Leave {
  constructor(readonly value: object) {}
}

function notANode(f: Frame, v: object): never {
  const kind = (v as { kind?: unknown }).kind;
  fail(
    f,
    typeof kind === "string"
      ? `expected a node, got a plain object with kind ${JSON.stringify(kind)} (data, not a node: nodes are made by the builders, the parser or node())`
      : `expected a node, got ${describe(v)}${plainHint(v)}`,
  );
}

function pathText(f: Frame): string {
  return ["<root>", ...locationOf(f)].join(" > ");
}

function fail(f: Frame, problem: string): never {
  throw new NixAstError(problem, locationOf(f));
}

function plainHint(v: unknown): string {
  return typeof v === "object" || v === undefined || typeof v === "function"
    ? ""
    : " (convert plain values with toExpr)";
}

function checkScalar(f: Frame, v: unknown): void {
  switch (typeof v) {
    case "string":
    case "number":
    case "bigint":
    case "boolean":
      return;
    case "undefined":
      fail(f, "undefined has no Nix counterpart (leave the key out, or use null)");
    // falls through: fail never returns
    default:
      if (v === null) return;
      fail(f, `${describe(v)} has no Nix counterpart`);
  }
}

type Stack = (Frame | Leave)[];

/** Pushes, in reverse, so that the walk meets children in order. */
function pushReversed(stack: Stack, from: number): void {
  for (let i = from, j = stack.length - 1; i < j; i++, j--) {
    const t = stack[i]!;
    stack[i] = stack[j]!;
    stack[j] = t;
  }
}

/** An array's items or a plain object's values, as data. */
function dataChildren(f: Frame, v: object, stack: Stack): void {
  const from = stack.length;
  const depth = f.depth + 1;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (item === undefined && !(i in v)) {
        fail(f, `the array has a hole at item ${i + 1} (a sparse array: a hole is no value)`);
      }
      stack.push({ value: item, parent: f, step: "list item", n: i, nodeOnly: false, depth });
    }
  } else {
    const bad = nonPlain(v);
    if (bad !== undefined) fail(f, `${bad} is not plain data and has no Nix counterpart`);
    for (const key in v) {
      if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
      const x = (v as Record<string, unknown>)[key];
      if (x === undefined) continue; // left out, as toExpr leaves it out
      const binding: Frame = { value: v, parent: f, step: key, n: BINDING, nodeOnly: false, depth };
      stack.push({
        value: x,
        parent: binding,
        step: "value",
        n: UNNUMBERED,
        nodeOnly: false,
        depth,
      });
    }
  }
  pushReversed(stack, from);
}

// ---------------------------------------------------------------- node shapes

type Fields = Record<string, unknown>;

function child(stack: Stack, parent: Frame, value: unknown, step: string, n = UNNUMBERED): void {
  stack.push({ value, parent, step, n, nodeOnly: true, depth: parent.depth + 1 });
}

function wrongField(f: Frame, n: Fields, name: string, what: string): never {
  fail(f, `a ${String(n.kind)} node's ${name} must be ${what}, got ${describe(n[name])}`);
}

function optionalBoolean(f: Frame, n: Fields, name: string): void {
  const x = n[name];
  if (x !== undefined && typeof x !== "boolean") wrongField(f, n, name, "a boolean");
}

/** Checks a marked node's own fields and pushes its children (nodes, where nodes must be). */
function nodeChildren(f: Frame, e: Expr, stack: Stack): void {
  const n = e as unknown as Fields;
  const from = stack.length;
  if (n.trivia !== undefined) checkTrivia(f, n.trivia, "trivia");
  switch (e.kind) {
    case "int":
      if (typeof n.value !== "bigint") wrongField(f, n, "value", "a bigint");
      return;
    case "float":
      if (typeof n.value !== "number") wrongField(f, n, "value", "a number");
      return;
    case "var":
      if (typeof n.name !== "string") wrongField(f, n, "name", "a string");
      return;
    case "searchPath":
      if (typeof n.path !== "string") wrongField(f, n, "path", "a string");
      return;
    case "string":
      if (n.style !== undefined && n.style !== "double" && n.style !== "indented") {
        wrongField(f, n, "style", '"double" or "indented"');
      }
      parts(f, n, stack);
      break;
    case "path":
      parts(f, n, stack);
      break;
    case "select":
      child(stack, f, e.expr, "selected from");
      attrPath(f, n, stack);
      if (n.default !== undefined) child(stack, f, n.default, "or default");
      comments(f, n.commentsBeforeDot, "commentsBeforeDot");
      comments(f, n.commentsBeforeOr, "commentsBeforeOr");
      optionalBoolean(f, n, "blankLineBeforeOr");
      break;
    case "hasAttr":
      child(stack, f, e.expr, "tested set");
      attrPath(f, n, stack);
      break;
    case "list":
      if (!Array.isArray(n.items)) wrongField(f, n, "items", "an array of nodes");
      closing(f, n);
      optionalBoolean(f, n, "multiline");
      items(f, n.items as unknown[], "list item", stack);
      break;
    case "attrs":
      optionalBoolean(f, n, "rec");
      optionalBoolean(f, n, "multiline");
      closing(f, n);
      bindings(f, n, stack);
      break;
    case "paren":
      closing(f, n);
      child(stack, f, e.expr, "inside parentheses");
      break;
    case "let":
      closing(f, n);
      bindings(f, n, stack);
      child(stack, f, e.body, "let body");
      break;
    case "lambda":
      optionalBoolean(f, n, "bodyOnNewLine");
      if (typeof n.param !== "string") formals(f, n.param, stack);
      child(stack, f, e.body, "lambda body");
      break;
    case "apply":
      if (!Array.isArray(n.args) || n.args.length === 0) {
        wrongField(f, n, "args", "a non-empty array of nodes");
      }
      child(stack, f, e.fn, "function");
      items(f, n.args as unknown[], "argument", stack);
      break;
    case "if":
      comments(f, n.thenComments, "thenComments");
      comments(f, n.elseComments, "elseComments");
      optionalBoolean(f, n, "blankLineBeforeElse");
      optionalBoolean(f, n, "blankLineBeforeThen");
      child(stack, f, e.cond, "if condition");
      child(stack, f, e.then, "then branch");
      child(stack, f, e.else, "else branch");
      break;
    case "with":
      child(stack, f, e.env, "with scope");
      child(stack, f, e.body, "with body");
      break;
    case "assert":
      child(stack, f, e.cond, "assert condition");
      child(stack, f, e.body, "assert body");
      break;
    case "unary":
      if (n.op !== "!" && n.op !== "-") wrongField(f, n, "op", '"!" or "-"');
      child(stack, f, e.expr, "operand");
      break;
    case "binary":
      if (typeof n.op !== "string" || !BINARY_OPS.has(n.op)) {
        wrongField(f, n, "op", "a binary operator");
      }
      comments(f, n.opComments, "opComments");
      optionalBoolean(f, n, "blankLineBeforeOp");
      child(stack, f, e.left, "left operand");
      child(stack, f, e.right, "right operand");
      break;
    default: {
      const never: never = e;
      const kind = (never as { kind: unknown }).kind;
      fail(
        f,
        `a node's kind ${typeof kind === "string" ? JSON.stringify(kind) : describe(kind)} is no Nix expression`,
      );
    }
  }
  pushReversed(stack, from);
}

const BINARY_OPS: ReadonlySet<string> = new Set([
  "++",
  "*",
  "/",
  "+",
  "-",
  "//",
  "<",
  "<=",
  ">",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "->",
]);

const isObject = (x: unknown): x is Fields => typeof x === "object" && x !== null;

function items(f: Frame, xs: readonly unknown[], step: string, stack: Stack): void {
  for (let i = 0; i < xs.length; i++) {
    if (!(i in xs)) fail(f, `the node's array has a hole at ${step} ${i + 1}`);
    child(stack, f, xs[i], step, i);
  }
}

function parts(f: Frame, n: Fields, stack: Stack): void {
  const ps = n.parts;
  if (!Array.isArray(ps)) wrongField(f, n, "parts", "an array of text and nodes");
  for (let i = 0; i < ps.length; i++) {
    const p: unknown = ps[i];
    if (typeof p !== "string") child(stack, f, p, "interpolation", i);
  }
}

function attrPath(f: Frame, n: Fields, stack: Stack): void {
  const p = n.path;
  if (!Array.isArray(p) || p.length === 0) wrongField(f, n, "path", "a non-empty array of names");
  for (const name of p as unknown[]) attrName(f, name, stack);
}

function attrName(f: Frame, name: unknown, stack: Stack): void {
  if (isObject(name) && name.kind === "name" && typeof name.name === "string") {
    if (name.trivia !== undefined) checkTrivia(f, name.trivia, "a name's trivia");
    return;
  }
  if (isObject(name) && name.kind === "dynamic") return child(stack, f, name.expr, "dynamic name");
  fail(
    f,
    `an attribute name must be { kind: "name", name } or { kind: "dynamic", expr }, got ${describe(name)}`,
  );
}

/** A binding's path as the printer names it in a location (`a.b`, `"x y"`, `${...}`). */
function bindingLabel(path: readonly unknown[]): string {
  return (path as AttrName[]).map(nameText).join(".");
}

function bindings(f: Frame, n: Fields, stack: Stack): void {
  const bs = n.bindings;
  if (!Array.isArray(bs)) wrongField(f, n, "bindings", "an array of bindings");
  for (let i = 0; i < bs.length; i++) {
    const b: unknown = bs[i];
    if (!isObject(b))
      fail(f, `binding ${i + 1} must be an assign or an inherit, got ${describe(b)}`);
    if (b.trivia !== undefined) checkTrivia(f, b.trivia, `binding ${i + 1}'s trivia`);
    if (b.kind === "assign") {
      attrPath(f, b, stack);
      const at: Frame = {
        value: b,
        parent: f,
        step: b.path as unknown[],
        n: BINDING,
        nodeOnly: false,
        depth: f.depth + 1,
      };
      child(stack, at, b.value, "value");
    } else if (b.kind === "inherit") {
      const names = b.names;
      if (!Array.isArray(names))
        fail(f, `an inherit's names must be an array, got ${describe(names)}`);
      for (const x of names as unknown[]) {
        if (isObject(x) && x.kind === "dynamic") fail(f, "a dynamic name cannot be inherited");
        if (!isObject(x) || x.kind !== "name" || typeof x.name !== "string") {
          fail(f, `an inherit's names must be static names, got ${describe(x)}`);
        }
      }
      if (b.from !== undefined) child(stack, f, b.from, "inherit source", i);
    } else {
      fail(f, `binding ${i + 1} must be of kind "assign" or "inherit", got ${describe(b.kind)}`);
    }
  }
}

function formals(f: Frame, p: unknown, stack: Stack): void {
  if (!isObject(p) || p.kind !== "formals" || !Array.isArray(p.formals)) {
    fail(f, `a lambda's param must be a name or a formals pattern, got ${describe(p)}`);
  }
  closing(f, p);
  if (p.ellipsisTrivia !== undefined) checkTrivia(f, p.ellipsisTrivia, "ellipsisTrivia");
  for (const x of p.formals as unknown[]) {
    if (!isObject(x) || typeof x.name !== "string") {
      fail(f, `a formal must have a name, got ${describe(x)}`);
    }
    if (x.trivia !== undefined) checkTrivia(f, x.trivia, `formal ${x.name}'s trivia`);
    if (x.default !== undefined) {
      const at: Frame = {
        value: x,
        parent: f,
        step: `formal ${x.name}`,
        n: UNNUMBERED,
        nodeOnly: false,
        depth: f.depth + 1,
      };
      child(stack, at, x.default, "default");
    }
  }
}

function closing(f: Frame, n: Fields): void {
  comments(f, n.closingComments, "closingComments");
  if (n.blankLineBeforeClose !== undefined && typeof n.blankLineBeforeClose !== "boolean") {
    fail(f, `blankLineBeforeClose must be a boolean, got ${describe(n.blankLineBeforeClose)}`);
  }
}

function checkTrivia(f: Frame, t: unknown, what: string): void {
  if (!isObject(t)) fail(f, `${what} must be an object, got ${describe(t)}`);
  comments(f, t.leading, `${what}.leading`);
  comments(f, t.after, `${what}.after`);
  if (t.trailing !== undefined && typeof t.trailing !== "string") {
    fail(f, `${what}.trailing must be a string, got ${describe(t.trailing)}`);
  }
}

function comments(f: Frame, cs: unknown, what: string): void {
  if (cs === undefined) return;
  if (!Array.isArray(cs)) fail(f, `${what} must be an array of comments, got ${describe(cs)}`);
  for (const c of cs as unknown[]) {
    const ok =
      isObject(c) &&
      ((c.kind === "line" && typeof c.text === "string") ||
        (c.kind === "block" &&
          Array.isArray(c.lines) &&
          c.lines.every((l) => typeof l === "string")));
    if (!ok)
      fail(f, `${what} must hold comments (comment() or blockComment()), got ${describe(c)}`);
  }
}
