/**
 * `mapChildren`: the one generic walk over a node's direct children, for rewrites that
 * treat most node kinds alike (normalizing, wrapping every subexpression).
 */
import type { AttrName, Binding, Expr, Formals, StringPart } from "./nodes.js";

/**
 * The same node with `f` applied to each of its direct child expressions: operands,
 * bodies, items, binding values, interpolations, formal defaults, `inherit (e)` sources
 * and dynamic attribute names (these through `mapName` when given, which then owns
 * them). Layout facts and trivia are kept. When `f` (and `mapName`) return every child
 * unchanged, the result is `e` itself, so that a rewrite that changes little allocates
 * little.
 */
export function mapChildren(
  e: Expr,
  f: (child: Expr) => Expr,
  mapName: (n: AttrName) => AttrName = (n) => {
    if (n.kind !== "dynamic") return n;
    const x = f(n.expr);
    return x === n.expr ? n : { ...n, expr: x };
  },
): Expr {
  const parts = (ps: readonly StringPart[]): readonly StringPart[] =>
    same(ps, (p) => (typeof p === "string" ? p : f(p)));
  const path = <P extends readonly AttrName[]>(p: P): P => same(p, mapName) as unknown as P;
  const binding = (b: Binding): Binding => {
    if (b.kind === "assign") {
      const [p, v] = [path(b.path), f(b.value)];
      return p === b.path && v === b.value ? b : { ...b, path: p, value: v };
    }
    const from = b.from && f(b.from);
    return from === b.from ? b : { ...b, from };
  };
  switch (e.kind) {
    case "int":
    case "float":
    case "searchPath":
    case "var":
      return e;
    case "string":
    case "path": {
      const ps = parts(e.parts);
      return ps === e.parts ? e : { ...e, parts: ps };
    }
    case "select": {
      const [x, p, d] = [f(e.expr), path(e.path), e.default && f(e.default)];
      return x === e.expr && p === e.path && d === e.default
        ? e
        : { ...e, expr: x, path: p, ...(d ? { default: d } : {}) };
    }
    case "hasAttr": {
      const [x, p] = [f(e.expr), path(e.path)];
      return x === e.expr && p === e.path ? e : { ...e, expr: x, path: p };
    }
    case "list": {
      const items = same(e.items, f);
      return items === e.items ? e : { ...e, items };
    }
    case "attrs": {
      const bindings = same(e.bindings, binding);
      return bindings === e.bindings ? e : { ...e, bindings };
    }
    case "let": {
      const [bindings, body] = [same(e.bindings, binding), f(e.body)];
      return bindings === e.bindings && body === e.body ? e : { ...e, bindings, body };
    }
    case "paren":
    case "unary": {
      const x = f(e.expr);
      return x === e.expr ? e : { ...e, expr: x };
    }
    case "lambda": {
      const param = typeof e.param === "string" ? e.param : formals(e.param, f);
      const body = f(e.body);
      return param === e.param && body === e.body ? e : { ...e, param, body };
    }
    case "apply": {
      const [fn, args] = [f(e.fn), same(e.args, f)];
      return fn === e.fn && args === e.args
        ? e
        : { ...e, fn, args: args as unknown as typeof e.args };
    }
    case "if": {
      const [c, t, x] = [f(e.cond), f(e.then), f(e.else)];
      return c === e.cond && t === e.then && x === e.else ? e : { ...e, cond: c, then: t, else: x };
    }
    case "with": {
      const [env, body] = [f(e.env), f(e.body)];
      return env === e.env && body === e.body ? e : { ...e, env, body };
    }
    case "assert": {
      const [cond, body] = [f(e.cond), f(e.body)];
      return cond === e.cond && body === e.body ? e : { ...e, cond, body };
    }
    case "binary": {
      const [left, right] = [f(e.left), f(e.right)];
      return left === e.left && right === e.right ? e : { ...e, left, right };
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** `xs` mapped by `g`, or `xs` itself when `g` changes no element. */
function same<T>(xs: readonly T[], g: (x: T) => T): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = g(x);
    if (out === undefined && y !== x) out = xs.slice(0, i);
    if (out !== undefined) out.push(y);
  }
  return out ?? xs;
}

function formals(p: Formals, f: (child: Expr) => Expr): Formals {
  const list = same(p.formals, (x) => {
    if (!x.default) return x;
    const d = f(x.default);
    return d === x.default ? x : { ...x, default: d };
  });
  return list === p.formals ? p : { ...p, formals: list };
}
