/**
 * `mapChildren`: the one generic walk over a node's direct children, for rewrites that
 * treat most node kinds alike (normalizing, wrapping every subexpression).
 */
import type { AttrName, Binding, Expr, StringPart } from "./nodes.js";

/**
 * The same node with `f` applied to each of its direct child expressions: operands,
 * bodies, items, binding values, interpolations, formal defaults, `inherit (e)` sources
 * and dynamic attribute names (these through `mapName` when given, which then owns
 * them). Layout facts and trivia are kept.
 */
export function mapChildren(
  e: Expr,
  f: (child: Expr) => Expr,
  mapName: (n: AttrName) => AttrName = (n) =>
    n.kind === "dynamic" ? { kind: "dynamic", expr: f(n.expr) } : n,
): Expr {
  const parts = (ps: readonly StringPart[]): StringPart[] =>
    ps.map((p) => (typeof p === "string" ? p : f(p)));
  const path = <P extends readonly AttrName[]>(p: P): P => p.map(mapName) as unknown as P;
  const binding = (b: Binding): Binding =>
    b.kind === "assign"
      ? { ...b, path: path(b.path), value: f(b.value) }
      : b.from
        ? { ...b, from: f(b.from) }
        : b;
  switch (e.kind) {
    case "int":
    case "float":
    case "searchPath":
    case "var":
      return e;
    case "string":
    case "path":
      return { ...e, parts: parts(e.parts) };
    case "select":
      return {
        ...e,
        expr: f(e.expr),
        path: path(e.path),
        ...(e.default ? { default: f(e.default) } : {}),
      };
    case "hasAttr":
      return { ...e, expr: f(e.expr), path: path(e.path) };
    case "list":
      return { ...e, items: e.items.map(f) };
    case "attrs":
      return { ...e, bindings: e.bindings.map(binding) };
    case "let":
      return { ...e, bindings: e.bindings.map(binding), body: f(e.body) };
    case "paren":
    case "unary":
      return { ...e, expr: f(e.expr) };
    case "lambda":
      return {
        ...e,
        param:
          typeof e.param === "string"
            ? e.param
            : {
                ...e.param,
                formals: e.param.formals.map((x) =>
                  x.default ? { ...x, default: f(x.default) } : x,
                ),
              },
        body: f(e.body),
      };
    case "apply":
      return { ...e, fn: f(e.fn), args: e.args.map(f) as unknown as typeof e.args };
    case "if":
      return { ...e, cond: f(e.cond), then: f(e.then), else: f(e.else) };
    case "with":
      return { ...e, env: f(e.env), body: f(e.body) };
    case "assert":
      return { ...e, cond: f(e.cond), body: f(e.body) };
    case "binary":
      return { ...e, left: f(e.left), right: f(e.right) };
    default: {
      const never: never = e;
      return never;
    }
  }
}
