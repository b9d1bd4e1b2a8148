/**
 * The module system's combinators (`mkIf`, `mkMerge`, priorities and ordering), the
 * conditional helpers of `lib` (`optional`, `optionals`, ...), and NixOS assertions and
 * warnings. Each returns an ordinary node.
 *
 * @packageDocumentation
 */
import { apply, attrs, bind, chain, int, list, toExpr, type ExprLike } from "../ast/builders.js";
import type { Apply, Attrs, Expr, List } from "../ast/nodes.js";
import { codeArg, conditionArg, type Condition } from "../ast/code.js";
import { NixAstError } from "../errors.js";
import { libRef } from "./lib-names.js";

/**
 * `lib.mkIf cond value`: `value` is defined only when `cond` is true. `cond` is Nix code
 * (`ref("cfg.enable")`) or a boolean, never a string.
 *
 * @example
 * ```ts
 * print(mkIf(ref("cfg.enable"), { enable: true }));
 * // lib.mkIf cfg.enable { enable = true; }
 * ```
 */
export function mkIf(cond: Condition, value: ExprLike): Apply {
  return apply(libRef("mkIf"), conditionArg(cond, "mkIf's condition"), value);
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
export function optional(cond: Condition, item: ExprLike): Apply {
  return apply(libRef("optional"), conditionArg(cond, "optional's condition"), item);
}

/** `lib.optionals cond items`: `items` when `cond` holds, else `[ ]`. */
export function optionals(cond: Condition, items: readonly ExprLike[] | Expr): Apply {
  const c = conditionArg(cond, "optionals's condition");
  return apply(libRef("optionals"), c, toExpr(items as ExprLike));
}

/** `lib.optionalString cond text`: `text` when `cond` holds, else `""`. */
export function optionalString(cond: Condition, text: string | Expr): Apply {
  return apply(libRef("optionalString"), conditionArg(cond, "optionalString's condition"), text);
}

/**
 * `lib.optionalAttrs cond set`: `set` when `cond` holds, else `{ }`. Not for the top of a
 * module's `config` when `cond` reads `config`: Nix must then evaluate `config` to know
 * which attributes `config` has, and recurses forever; use {@link mkIf} there.
 */
export function optionalAttrs(
  cond: Condition,
  set: { readonly [name: string]: ExprLike | undefined } | Expr,
): Apply {
  const c = conditionArg(cond, "optionalAttrs's condition");
  return apply(libRef("optionalAttrs"), c, toExpr(set as ExprLike));
}

/** One NixOS assertion: evaluation fails with `message` unless `assertion` holds. */
export interface AssertionSpec {
  /** A Nix boolean expression that must be true (code, not a string). */
  readonly assertion: Condition;
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
  const cond = conditionArg(spec.assertion, "an assertion's assertion");
  return attrs([bind("assertion", cond), bind("message", spec.message)]);
}

/** The list for `assertions = [ ... ];`. */
export function assertions(items: readonly AssertionSpec[]): List {
  return list(items.map(assertion));
}

/** One NixOS warning: `message` is shown at evaluation when `when` holds. */
export interface WarningSpec {
  /** A Nix boolean expression (code, not a string). */
  readonly when: Condition;
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

/**
 * `lib.mkOptionDefault value`: the priority of an option's own `default` (1500), lower
 * than `mkDefault`: for a module that gives another module's option a fallback.
 */
export function mkOptionDefault(value: ExprLike): Apply {
  return apply(libRef("mkOptionDefault"), value);
}

/**
 * `lib.mkAliasOptionModule [ "old" ... ] [ "new" ... ]`, for `imports`: the old option is
 * another name for the new one, without a warning.
 */
export function mkAliasOptionModule(from: readonly string[], to: readonly string[]): Apply {
  return apply(
    libRef("mkAliasOptionModule"),
    optionPath(from, "mkAliasOptionModule"),
    optionPath(to, "mkAliasOptionModule"),
  );
}

/**
 * `lib.mkChangedOptionModule [ "old" ... ] [ "new" ... ] (config: ...)`, for `imports`:
 * the old option still works, with a warning, through `change`, a Nix function from the
 * whole `config` to the new option's value (a node: `lambda("config", ...)`).
 */
export function mkChangedOptionModule(
  from: readonly string[],
  to: readonly string[],
  change: Expr,
): Apply {
  return apply(
    libRef("mkChangedOptionModule"),
    optionPath(from, "mkChangedOptionModule"),
    optionPath(to, "mkChangedOptionModule"),
    codeArg(change, "mkChangedOptionModule's change"),
  );
}

/**
 * `lib.getExe pkg`: the path of a package's main program (`meta.mainProgram`).
 *
 * @example
 * ```ts
 * print(str`${getExe(ref("cfg.package"))} --port 80`);
 * // "${lib.getExe cfg.package} --port 80"
 * ```
 */
export function getExe(pkg: Expr): Apply {
  return apply(libRef("getExe"), codeArg(pkg, "getExe's package"));
}

/** `lib.getExe' pkg "name"`: the path of another program of a package. */
export function getExe2(pkg: Expr, program: string): Apply {
  if (typeof program !== "string" || program === "" || program.includes("/")) {
    throw new NixAstError(`getExe' expects a program name, got ${JSON.stringify(program)}`);
  }
  return apply(libRef("getExe'"), codeArg(pkg, "getExe's package"), program);
}
