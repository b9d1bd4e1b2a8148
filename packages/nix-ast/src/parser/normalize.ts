/**
 * `normalize`: a tree as the parser reads it back from its printed form, for the law
 * `strip(parse(print(t))) == normalize(t)`.
 *
 * @packageDocumentation
 */
import { mapChildren } from "../ast/map.js";
import { NODE } from "../ast/mark.js";
import type { AttrName, Binding, Expr, Formal, StringPart } from "../ast/nodes.js";

const INT_MAX = 2n ** 63n - 1n;

/**
 * The tree `t` as `parse(print(t))` gives it back, compared without what the parser
 * adds from the layout. Two groups of changes:
 *
 * Left out on both sides of the comparison (`strip`): parentheses (the printer
 * adds the ones the precedence table needs and keeps the ones in the tree; the parser
 * keeps all it reads), layout facts (`multiline`, `quoted`, a string's `style`), and
 * comments and blank lines (trivia).
 *
 * Rewrites the printed form makes, each named:
 * - `negative-literal`: a negative integer or float literal is printed as unary minus
 *   before its magnitude, which is how Nix reads it: `int(-7)` becomes `neg(int(7))`;
 *   the smallest integer, which has no literal, becomes `-9223372036854775807 - 1`;
 *   negative zero becomes `-0.0` (minus before `0.0`).
 * - `flat-call`: a call whose function is itself a call (without parentheses) is one
 *   call with all the arguments: `apply(apply(f, a), b)` is `f a b`.
 * - `flat-select`: a selection from a selection without a default is one selection
 *   with the joined path: `select(select(x, "a"), "b")` is `x.a.b`.
 * - `static-name`: a dynamic attribute name whose expression is a string without
 *   interpolation is printed as a quoted name and read as a static one:
 *   `dynamic(str("a b"))` is `"a b"`.
 * - `string-parts`: adjacent text parts of a string or path are one part; empty text
 *   parts go.
 *
 * The one rewrite of the official format that changes a layout fact, `''a''` becoming
 * `"a"` (a one-line indented string without `"` or `\`), is invisible here since the
 * style is a layout fact.
 */
export function normalize(t: Expr): Expr {
  return strip(rewrite(t));
}

function rewrite(e: Expr): Expr {
  switch (e.kind) {
    case "int":
      if (e.value >= 0n) return e;
      if (e.value === -INT_MAX - 1n) {
        return binary(neg({ kind: "int", value: INT_MAX, [NODE]: true }), "-", {
          kind: "int",
          value: 1n,
          [NODE]: true,
        });
      }
      return neg({ kind: "int", value: -e.value, [NODE]: true });
    case "float":
      return e.value < 0 || Object.is(e.value, -0)
        ? neg({ kind: "float", value: -e.value, [NODE]: true })
        : e;
    case "string":
    case "path":
      return { ...e, parts: mergeParts(e.parts.map(part)) } as Expr;
    case "select": {
      let inner = rewrite(e.expr);
      let path = e.path.map(name);
      if (inner.kind === "select" && inner.default === undefined) {
        path = [...inner.path, ...path];
        inner = inner.expr;
      }
      return {
        ...e,
        expr: inner,
        path: path as never,
        ...(e.default ? { default: rewrite(e.default) } : {}),
      };
    }
    case "apply": {
      const fn = rewrite(e.fn);
      const args = e.args.map(rewrite);
      return fn.kind === "apply"
        ? { ...e, fn: fn.fn, args: [...fn.args, ...args] as never }
        : { ...e, fn, args: args as never };
    }
    default:
      return mapChildren(e, rewrite, name);
  }
}

function part(p: StringPart): StringPart {
  return typeof p === "string" ? p : rewrite(p);
}

function mergeParts(parts: readonly StringPart[]): StringPart[] {
  const out: StringPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === "string") {
      if (p === "") continue;
      if (typeof last === "string") out[out.length - 1] = last + p;
      else out.push(p);
    } else out.push(p);
  }
  return out;
}

function name(n: AttrName): AttrName {
  if (n.kind === "name") return n;
  let x = n.expr;
  while (x.kind === "paren") x = x.expr;
  if (x.kind === "string" && x.parts.every((p) => typeof p === "string")) {
    return { kind: "name", name: x.parts.join("") };
  }
  return { kind: "dynamic", expr: rewrite(n.expr) };
}

function neg(e: Expr): Expr {
  return { kind: "unary", op: "-", expr: e, [NODE]: true };
}

function binary(left: Expr, op: "-", right: Expr): Expr {
  return { kind: "binary", op, left, right, [NODE]: true };
}

/**
 * The tree as plain data without parentheses, layout facts (`multiline`, `quoted`,
 * `style`) and trivia: what {@link normalize}'s law compares.
 */
export function strip(e: Expr): Expr {
  switch (e.kind) {
    case "int":
      return { kind: "int", value: e.value, [NODE]: true };
    case "float":
      return { kind: "float", value: e.value, [NODE]: true };
    case "string":
    case "path":
      return {
        kind: e.kind,
        parts: e.parts.map((p) => (typeof p === "string" ? p : strip(p))),
        [NODE]: true,
      } as Expr;
    case "searchPath":
      return { kind: "searchPath", path: e.path, [NODE]: true };
    case "var":
      return { kind: "var", name: e.name, [NODE]: true };
    case "select":
      return {
        kind: "select",
        expr: strip(e.expr),
        path: e.path.map(stripName) as never,
        ...(e.default ? { default: strip(e.default) } : {}),
        [NODE]: true,
      };
    case "hasAttr":
      return {
        kind: "hasAttr",
        expr: strip(e.expr),
        path: e.path.map(stripName) as never,
        [NODE]: true,
      };
    case "list":
      return { kind: "list", items: e.items.map(strip), [NODE]: true };
    case "attrs":
      return {
        kind: "attrs",
        bindings: e.bindings.map(stripBinding),
        ...(e.rec ? { rec: true } : {}),
        [NODE]: true,
      };
    case "let":
      return {
        kind: "let",
        bindings: e.bindings.map(stripBinding),
        body: strip(e.body),
        [NODE]: true,
      };
    case "paren":
      return strip(e.expr);
    case "lambda":
      return {
        kind: "lambda",
        param:
          typeof e.param === "string"
            ? e.param
            : {
                kind: "formals",
                formals: e.param.formals.map(stripFormal),
                ...(e.param.ellipsis ? { ellipsis: true } : {}),
                ...(e.param.bind ? { bind: { ...e.param.bind } } : {}),
              },
        body: strip(e.body),
        [NODE]: true,
      };
    case "apply":
      return { kind: "apply", fn: strip(e.fn), args: e.args.map(strip) as never, [NODE]: true };
    case "if":
      return {
        kind: "if",
        cond: strip(e.cond),
        then: strip(e.then),
        else: strip(e.else),
        [NODE]: true,
      };
    case "with":
      return { kind: "with", env: strip(e.env), body: strip(e.body), [NODE]: true };
    case "assert":
      return { kind: "assert", cond: strip(e.cond), body: strip(e.body), [NODE]: true };
    case "unary":
      return { kind: "unary", op: e.op, expr: strip(e.expr), [NODE]: true };
    case "binary":
      return { kind: "binary", op: e.op, left: strip(e.left), right: strip(e.right), [NODE]: true };
  }
}

function stripName(n: AttrName): AttrName {
  return n.kind === "name"
    ? { kind: "name", name: n.name }
    : { kind: "dynamic", expr: strip(n.expr) };
}

function stripBinding(b: Binding): Binding {
  if (b.kind === "assign")
    return { kind: "assign", path: b.path.map(stripName) as never, value: strip(b.value) };
  return {
    kind: "inherit",
    names: b.names.map((n) => ({ kind: "name", name: n.name })),
    ...(b.from ? { from: strip(b.from) } : {}),
  };
}

function stripFormal(f: Formal): Formal {
  return f.default ? { name: f.name, default: strip(f.default) } : { name: f.name };
}
