/**
 * How the NixOS helpers name what they take from nixpkgs' `lib`.
 *
 * Every helper builds its nodes with qualified names (`lib.mkOption`, `lib.types.str`).
 * A module that declares `inherit (lib) mkOption types;` reads better with bare names:
 * {@link useLibNames} rewrites `lib.mkOption` to `mkOption` (and `lib.types.str` to
 * `types.str`) for the names the module inherits, respecting scopes where a name is
 * rebound. {@link nixosModule} does this for the names given in its `inheritLib`.
 *
 * @packageDocumentation
 */
import { ref } from "../ast/builders.js";
import { mapChildren } from "../ast/map.js";
import type { Binding, Expr, Formals } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";
import { isIdentifier } from "../syntax/names.js";

/**
 * A name taken from nixpkgs' `lib`, printed qualified: `libRef("mkIf")` is `lib.mkIf`,
 * `libRef("types.str")` is `lib.types.str`.
 */
export function libRef(name: string): Expr {
  return ref(`lib.${name}`);
}

/** The same node with some fields replaced (keeps its trivia). */
function rebuild<T extends Expr>(n: T, fields: Partial<T>): T {
  return { ...n, ...fields };
}

/** Names a set of bindings defines (static first names and inherited names). */
function boundNames(bindings: readonly Binding[]): string[] {
  const names: string[] = [];
  for (const b of bindings) {
    if (b.kind === "inherit") names.push(...b.names.map((n) => n.name));
    else if (b.path[0].kind === "name") names.push(b.path[0].name);
  }
  return names;
}

function paramNames(param: string | Formals): string[] {
  if (typeof param === "string") return [param];
  const names = param.formals.map((f) => f.name);
  if (param.bind) names.push(param.bind.name);
  return names;
}

function without(active: ReadonlySet<string>, names: readonly string[]): ReadonlySet<string> {
  if (names.includes("lib")) return new Set();
  if (!names.some((n) => active.has(n))) return active;
  const next = new Set(active);
  for (const n of names) next.delete(n);
  return next;
}

function rewrite(e: Expr, active: ReadonlySet<string>): Expr {
  if (active.size === 0) return e;
  const go = (x: Expr): Expr => rewrite(x, active);
  // Inside a scope that rebinds some names, everything is rewritten with the names left free.
  const within = (scope: ReadonlySet<string>) => (x: Expr) => rewrite(x, scope);
  switch (e.kind) {
    case "select": {
      const [first, ...rest] = e.path;
      if (
        e.expr.kind === "var" &&
        e.expr.name === "lib" &&
        first.kind === "name" &&
        active.has(first.name)
      ) {
        if (rest.length === 0) {
          if (e.default !== undefined) return rebuild(e, { default: go(e.default) });
          const bare = ref(first.name) as Expr;
          return e.trivia ? rebuild(bare, { trivia: e.trivia }) : bare;
        }
        return mapChildren(rebuild(e, { expr: ref(first.name), path: rest as never }), go);
      }
      return mapChildren(e, go);
    }
    case "attrs":
      return e.rec
        ? mapChildren(e, within(without(active, boundNames(e.bindings))))
        : mapChildren(e, go);
    case "let":
      return mapChildren(e, within(without(active, boundNames(e.bindings))));
    case "lambda":
      return mapChildren(e, within(without(active, paramNames(e.param))));
    default:
      return mapChildren(e, go);
  }
}

/** Checks names given for `inherit (lib) ...`. */
export function checkLibNames(names: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (!isIdentifier(n)) {
      throw new NixAstError(`${JSON.stringify(n)} is not an identifier`, [where]);
    }
    if (n === "lib") throw new NixAstError(`"lib" cannot be inherited from lib`, [where]);
    if (seen.has(n)) throw new NixAstError(`${JSON.stringify(n)} is inherited twice`, [where]);
    seen.add(n);
  }
}

/**
 * Rewrites `lib.NAME...` to `NAME...` for each of `names`, for a tree evaluated where
 * `inherit (lib) NAME;` is in scope. Scopes that rebind a name (a `let`, a function
 * parameter, a `rec` set) keep the qualified form inside; a scope that rebinds `lib`
 * is left as it is.
 *
 * @example
 * ```ts
 * useLibNames(mkOption({ type: types.str }), ["mkOption", "types"]);
 * // mkOption { type = types.str; }
 * ```
 */
export function useLibNames(expr: Expr, names: readonly string[]): Expr {
  checkLibNames(names, "useLibNames");
  return rewrite(expr, new Set(names));
}

/**
 * Adds to `into` every `NAME` of a `lib.NAME...` in `expr` that refers to the `lib` in
 * scope at the root (not inside a scope that rebinds `lib`).
 */
export function collectLibNames(expr: Expr, into: Set<string>): void {
  const go = (e: Expr): void => {
    switch (e.kind) {
      case "int":
      case "float":
      case "searchPath":
      case "var":
        return;
      case "string":
      case "path":
        for (const p of e.parts) if (typeof p !== "string") go(p);
        return;
      case "select": {
        const first = e.path[0];
        if (e.expr.kind === "var" && e.expr.name === "lib" && first.kind === "name") {
          if (e.path.length > 1 || e.default === undefined) into.add(first.name);
        } else go(e.expr);
        for (const n of e.path) if (n.kind === "dynamic") go(n.expr);
        if (e.default !== undefined) go(e.default);
        return;
      }
      case "hasAttr":
        go(e.expr);
        for (const n of e.path) if (n.kind === "dynamic") go(n.expr);
        return;
      case "list":
        e.items.forEach(go);
        return;
      case "attrs":
      case "let": {
        const rebinds = (e.kind === "let" || e.rec) && boundNames(e.bindings).includes("lib");
        if (rebinds) return;
        for (const b of e.bindings) {
          if (b.kind === "inherit") {
            if (b.from) go(b.from);
          } else {
            for (const n of b.path) if (n.kind === "dynamic") go(n.expr);
            go(b.value);
          }
        }
        if (e.kind === "let") go(e.body);
        return;
      }
      case "paren":
      case "unary":
        go(e.expr);
        return;
      case "lambda":
        if (paramNames(e.param).includes("lib")) return;
        if (typeof e.param !== "string") {
          for (const f of e.param.formals) if (f.default !== undefined) go(f.default);
        }
        go(e.body);
        return;
      case "apply":
        go(e.fn);
        e.args.forEach(go);
        return;
      case "if":
        go(e.cond);
        go(e.then);
        go(e.else);
        return;
      case "with":
        go(e.env);
        go(e.body);
        return;
      case "assert":
        go(e.cond);
        go(e.body);
        return;
      case "binary":
        go(e.left);
        go(e.right);
        return;
    }
  };
  go(expr);
}
