/**
 * The module system's combinators (`mkIf`, `mkMerge`, priorities and ordering), the
 * conditional helpers of `lib` (`optional`, `optionals`, ...), and NixOS assertions and
 * warnings. Each returns an ordinary node.
 *
 * @packageDocumentation
 */
import { apply, attrs, bind, chain, int, list, toExpr, type ExprLike } from "../ast/builders.js";
import type { Apply, Attrs, Expr, List } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";
import { libRef } from "./lib-names.js";

/** `lib.mkIf cond value`: `value` is defined only when `cond` is true. */
export function mkIf(cond: ExprLike, value: ExprLike): Apply {
  return apply(libRef("mkIf"), cond, value);
}

/** `lib.mkMerge [ ... ]`: several definitions of one option, merged. */
export function mkMerge(definitions: readonly ExprLike[]): Apply {
  if (!Array.isArray(definitions)) throw new NixAstError("mkMerge expects an array of definitions");
  return apply(libRef("mkMerge"), list(definitions));
}

/** `lib.mkDefault value`: a definition that any plain definition overrides (priority 1000). */
export function mkDefault(value: ExprLike): Apply {
  return apply(libRef("mkDefault"), value);
}

/** `lib.mkForce value`: a definition that overrides plain ones (priority 50). */
export function mkForce(value: ExprLike): Apply {
  return apply(libRef("mkForce"), value);
}

/** `lib.mkOverride priority value`: lower priorities win; plain definitions have 100. */
export function mkOverride(priority: number, value: ExprLike): Apply {
  if (!Number.isSafeInteger(priority)) {
    throw new NixAstError(`mkOverride expects an integer priority, got ${priority}`);
  }
  return apply(libRef("mkOverride"), int(priority), value);
}

/** `lib.mkBefore value`: list or string contents placed before others (order 500). */
export function mkBefore(value: ExprLike): Apply {
  return apply(libRef("mkBefore"), value);
}

/** `lib.mkAfter value`: list or string contents placed after others (order 1500). */
export function mkAfter(value: ExprLike): Apply {
  return apply(libRef("mkAfter"), value);
}

/** `lib.mkOrder priority value`: contents ordered by priority (default 1000). */
export function mkOrder(priority: number, value: ExprLike): Apply {
  if (!Number.isSafeInteger(priority)) {
    throw new NixAstError(`mkOrder expects an integer priority, got ${priority}`);
  }
  return apply(libRef("mkOrder"), int(priority), value);
}

/** `lib.optional cond item`: `[ item ]` when `cond` holds, else `[ ]`. */
export function optional(cond: ExprLike, item: ExprLike): Apply {
  return apply(libRef("optional"), cond, item);
}

/** `lib.optionals cond items`: `items` when `cond` holds, else `[ ]`. */
export function optionals(cond: ExprLike, items: readonly ExprLike[] | Expr): Apply {
  return apply(libRef("optionals"), cond, toExpr(items as ExprLike));
}

/** `lib.optionalString cond text`: `text` when `cond` holds, else `""`. */
export function optionalString(cond: ExprLike, text: string | Expr): Apply {
  return apply(libRef("optionalString"), cond, text);
}

/** `lib.optionalAttrs cond set`: `set` when `cond` holds, else `{ }`. */
export function optionalAttrs(
  cond: ExprLike,
  set: { readonly [name: string]: ExprLike | undefined } | Expr,
): Apply {
  return apply(libRef("optionalAttrs"), cond, toExpr(set as ExprLike));
}

/** One NixOS assertion: evaluation fails with `message` unless `assertion` holds. */
export interface AssertionSpec {
  /** A Nix boolean expression that must be true. */
  readonly assertion: ExprLike;
  /** The message shown when it is false. */
  readonly message: string | Expr;
}

/** `{ assertion = ...; message = ...; }`. */
export function assertion(spec: AssertionSpec): Attrs {
  const keys = Object.keys(spec).filter((k) => k !== "assertion" && k !== "message");
  if (keys.length > 0) throw new NixAstError(`an assertion has no key ${JSON.stringify(keys[0])}`);
  if (spec.assertion === undefined || spec.message === undefined) {
    throw new NixAstError("an assertion needs both assertion and message");
  }
  return attrs([bind("assertion", spec.assertion), bind("message", spec.message)]);
}

/** The list for `assertions = [ ... ];`. */
export function assertions(items: readonly AssertionSpec[]): List {
  return list(items.map(assertion));
}

/** One NixOS warning: `message` is shown at evaluation when `when` holds. */
export interface WarningSpec {
  /** A Nix boolean expression. */
  readonly when: ExprLike;
  /** The warning text. */
  readonly message: string | Expr;
}

/**
 * The value for `warnings = ...;`: `lib.optional c1 "m1" ++ lib.optional c2 "m2"`, or
 * `[ ]` for none.
 */
export function warnings(items: readonly WarningSpec[]): Expr {
  const parts = items.map((w) => {
    const keys = Object.keys(w).filter((k) => k !== "when" && k !== "message");
    if (keys.length > 0) throw new NixAstError(`a warning has no key ${JSON.stringify(keys[0])}`);
    return optional(w.when, w.message);
  });
  const [first, ...rest] = parts;
  return first === undefined ? list([]) : chain("++", first, ...rest);
}

function optionPath(p: readonly string[], what: string): Expr {
  if (!Array.isArray(p) || p.length === 0 || p.some((x) => typeof x !== "string" || x === "")) {
    throw new NixAstError(`${what} expects an option path as a non-empty array of names`);
  }
  return list(p);
}

/**
 * `lib.mkRenamedOptionModule [ "old" ... ] [ "new" ... ]`, for `imports`: the old option
 * still works, with a warning, and sets the new one.
 */
export function mkRenamedOptionModule(from: readonly string[], to: readonly string[]): Apply {
  return apply(
    libRef("mkRenamedOptionModule"),
    optionPath(from, "mkRenamedOptionModule"),
    optionPath(to, "mkRenamedOptionModule"),
  );
}

/** `lib.mkRemovedOptionModule [ ... ] "why"`, for `imports`: setting the option fails with `why`. */
export function mkRemovedOptionModule(option: readonly string[], why: string): Apply {
  if (typeof why !== "string") throw new NixAstError("mkRemovedOptionModule expects a message");
  return apply(libRef("mkRemovedOptionModule"), optionPath(option, "mkRemovedOptionModule"), why);
}
