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
  mapName?: (n: AttrName) => AttrName,
): Expr {
  // (The helpers take `f` as an argument instead of closing over it, and no array is made
  // to destructure: this runs for every node of a tree, where such garbage adds up.)
  switch (e.kind) {
    case "int":
    case "float":
    case "searchPath":
    case "var":
      return e;
    case "string":
    case "path": {
      const ps = mapParts(e.parts, f);
      return ps === e.parts ? e : { ...e, parts: ps };
    }
    case "select": {
      const x = f(e.expr);
      const p = mapPath(e.path, f, mapName);
      const d = e.default && f(e.default);
      return x === e.expr && p === e.path && d === e.default
        ? e
        : { ...e, expr: x, path: p, ...(d ? { default: d } : {}) };
    }
    case "hasAttr": {
      const x = f(e.expr);
      const p = mapPath(e.path, f, mapName);
      return x === e.expr && p === e.path ? e : { ...e, expr: x, path: p };
    }
    case "list": {
      const items = same(e.items, f);
      return items === e.items ? e : { ...e, items };
    }
    case "attrs": {
      const bindings = mapBindings(e.bindings, f, mapName);
      return bindings === e.bindings ? e : { ...e, bindings };
    }
    case "let": {
      const bindings = mapBindings(e.bindings, f, mapName);
      const body = f(e.body);
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
      const fn = f(e.fn);
      const args = same(e.args, f);
      return fn === e.fn && args === e.args
        ? e
        : { ...e, fn, args: args as unknown as typeof e.args };
    }
    case "if": {
      const c = f(e.cond);
      const t = f(e.then);
      const x = f(e.else);
      return c === e.cond && t === e.then && x === e.else ? e : { ...e, cond: c, then: t, else: x };
    }
    case "with": {
      const env = f(e.env);
      const body = f(e.body);
      return env === e.env && body === e.body ? e : { ...e, env, body };
    }
    case "assert": {
      const cond = f(e.cond);
      const body = f(e.body);
      return cond === e.cond && body === e.body ? e : { ...e, cond, body };
    }
    case "binary": {
      const left = f(e.left);
      const right = f(e.right);
      return left === e.left && right === e.right ? e : { ...e, left, right };
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}

function mapParts(ps: readonly StringPart[], f: (child: Expr) => Expr): readonly StringPart[] {
  let out: StringPart[] | undefined;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    const q = typeof p === "string" ? p : f(p);
    if (out === undefined && q !== p) out = ps.slice(0, i);
    if (out !== undefined) out.push(q);
  }
  return out ?? ps;
}

/** A dynamic name's expression through `f`, unless `mapName` owns the names. */
function mapAttrName(
  n: AttrName,
  f: (child: Expr) => Expr,
  mapName: ((n: AttrName) => AttrName) | undefined,
): AttrName {
  if (mapName !== undefined) return mapName(n);
  if (n.kind !== "dynamic") return n;
  const x = f(n.expr);
  return x === n.expr ? n : { ...n, expr: x };
}

function mapPath<P extends readonly AttrName[]>(
  p: P,
  f: (child: Expr) => Expr,
  mapName: ((n: AttrName) => AttrName) | undefined,
): P {
  let out: AttrName[] | undefined;
  for (let i = 0; i < p.length; i++) {
    const n = p[i]!;
    const m = mapAttrName(n, f, mapName);
    if (out === undefined && m !== n) out = p.slice(0, i);
    if (out !== undefined) out.push(m);
  }
  return (out ?? p) as P;
}

function mapBinding(
  b: Binding,
  f: (child: Expr) => Expr,
  mapName: ((n: AttrName) => AttrName) | undefined,
): Binding {
  if (b.kind === "assign") {
    const p = mapPath(b.path, f, mapName);
    const v = f(b.value);
    return p === b.path && v === b.value ? b : { ...b, path: p, value: v };
  }
  const from = b.from && f(b.from);
  return from === b.from ? b : { ...b, from };
}

function mapBindings(
  bs: readonly Binding[],
  f: (child: Expr) => Expr,
  mapName: ((n: AttrName) => AttrName) | undefined,
): readonly Binding[] {
  let out: Binding[] | undefined;
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i]!;
    const c = mapBinding(b, f, mapName);
    if (out === undefined && c !== b) out = bs.slice(0, i);
    if (out !== undefined) out.push(c);
  }
  return out ?? bs;
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
