/**
 * A NixOS module in the layout nixpkgs modules use:
 *
 * ```nix
 * { config, lib, pkgs, ... }:
 * let
 *   cfg = config.services.demo;
 * in
 * {
 *   options.services.demo = { ... };
 *   config = lib.mkIf cfg.enable { ... };
 * }
 * ```
 *
 * @packageDocumentation
 */
import {
  attrs,
  bind,
  formals,
  inheritFrom,
  isNode,
  lambda,
  letIn,
  list,
  ref,
  toExpr,
  type BindingsLike,
  type ExprLike,
} from "../ast/builders.js";
import type { Binding, Expr, Lambda } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";
import { isIdentifier } from "../syntax/names.js";
import { checkLibNames, collectLibNames, useLibNames } from "./lib-names.js";
import { optionTreeAttrs, type OptionSpacing, type OptionTree } from "./types.js";

/** What {@link nixosModule} builds a module from. */
export interface NixosModuleSpec {
  /**
   * A curried parameter before the module's own (`self` gives
   * `self: { config, lib, pkgs, ... }: ...`, as a flake's `nixosModules.default` does),
   * or several (`["self", "inputs"]`).
   */
  readonly outerParam?: string | readonly string[];
  /** The module's formals, `...` always added. Default `["config", "lib", "pkgs"]`. */
  readonly args?: readonly string[];
  /**
   * Names to `inherit (lib) ...;` in the `let`; the helpers' `lib.NAME` then print as
   * bare `NAME` throughout the module (see {@link useLibNames}). `"auto"`: every
   * `lib.NAME` the module uses (sorted; names the module binds itself stay qualified).
   * Default: none (every helper prints qualified).
   */
  readonly inheritLib?: readonly string[] | "auto";
  /** The `let` bindings (e.g. `{ cfg: ref("config.services.demo") }`), in order. */
  readonly let?: BindingsLike;
  /** `imports = [ ... ];` */
  readonly imports?: readonly ExprLike[];
  /**
   * Where the options live: `"services.demo"` (split at dots) or `["services", "demo"]`
   * gives `options.services.demo = { ... };`. Without it, `options = { ... };`.
   */
  readonly optionsPath?: string | readonly string[];
  /** The options: a tree of option declarations (see {@link OptionTree}) or any node. */
  readonly options?: OptionTree | Expr;
  /** `config = ...;`, typically `mkIf(ref("cfg.enable"), { ... })`. */
  readonly config?: ExprLike;
  /** Further top-level bindings after `config` (`meta`, `disabledModules`, ...). */
  readonly extra?: BindingsLike;
  /**
   * `"blank"` (default): a blank line between options and between the module's
   * top-level bindings, as nixpkgs modules are written; `"compact"`: none.
   */
  readonly spacing?: OptionSpacing;
}

const SPEC_KEYS = [
  "outerParam",
  "args",
  "inheritLib",
  "let",
  "imports",
  "optionsPath",
  "options",
  "config",
  "extra",
  "spacing",
];

function toBindingList(b: BindingsLike): Binding[] {
  if (Array.isArray(b)) return [...(b as readonly Binding[])];
  return Object.entries(b as { readonly [name: string]: ExprLike | undefined })
    .filter((e): e is [string, ExprLike] => e[1] !== undefined)
    .map(([k, v]) => bind(k, v));
}

function identifiers(names: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (typeof n !== "string" || !isIdentifier(n)) {
      throw new NixAstError(`${JSON.stringify(n)} is not an identifier`, [where]);
    }
    if (seen.has(n)) throw new NixAstError(`${JSON.stringify(n)} is given twice`, [where]);
    seen.add(n);
  }
}

function splitPath(p: string | readonly string[]): [string, ...string[]] {
  const parts = typeof p === "string" ? p.split(".") : [...p];
  if (parts.length === 0 || parts.some((x) => typeof x !== "string" || x === "")) {
    throw new NixAstError(`optionsPath ${JSON.stringify(p)} is not a path of names`, [
      "optionsPath",
    ]);
  }
  return parts as [string, ...string[]];
}

/**
 * A NixOS module: `{ config, lib, pkgs, ... }:` (after an optional outer parameter),
 * a `let` (with `inherit (lib) ...;` first when `inheritLib` is given), and a body of
 * `imports`, `options` and `config`.
 *
 * @example
 * ```ts
 * nixosModule({
 *   let: { cfg: ref("config.services.demo") },
 *   optionsPath: "services.demo",
 *   options: { enable: mkEnableOption("demo") },
 *   config: mkIf(ref("cfg.enable"), { environment: { systemPackages: [ref("pkgs.hello")] } }),
 * });
 * ```
 */
export function nixosModule(spec: NixosModuleSpec): Lambda {
  if (typeof spec !== "object" || spec === null)
    throw new NixAstError("nixosModule expects an object");
  const unknown = Object.keys(spec).filter((k) => !SPEC_KEYS.includes(k));
  if (unknown.length > 0) {
    throw new NixAstError(
      `nixosModule has no key ${JSON.stringify(unknown[0])} (known: ${SPEC_KEYS.join(", ")})`,
    );
  }
  const spacing = spec.spacing ?? "blank";
  if (spacing !== "blank" && spacing !== "compact") {
    throw new NixAstError(`spacing must be "blank" or "compact", got ${JSON.stringify(spacing)}`);
  }
  const args = spec.args ?? ["config", "lib", "pkgs"];
  identifiers(args, "args");
  const outer =
    spec.outerParam === undefined
      ? []
      : typeof spec.outerParam === "string"
        ? [spec.outerParam]
        : [...spec.outerParam];
  identifiers([...outer, ...args], "outerParam");
  const hasLib = args.includes("lib") || outer.includes("lib");

  const body: Binding[] = [];
  if (spec.imports !== undefined) body.push(bind("imports", list(spec.imports)));
  if (spec.options !== undefined) {
    const options = isNode(spec.options) ? spec.options : optionTreeAttrs(spec.options, spacing);
    const path = spec.optionsPath === undefined ? [] : splitPath(spec.optionsPath);
    body.push(bind(["options", ...path], options));
  } else if (spec.optionsPath !== undefined) {
    throw new NixAstError("optionsPath is given without options", ["optionsPath"]);
  }
  if (spec.config !== undefined) body.push(bind("config", toExpr(spec.config)));
  body.push(...toBindingList(spec.extra ?? []));
  const letBindings = toBindingList(spec.let ?? []);
  const letNames = letBindings.flatMap((b) =>
    b.kind === "inherit"
      ? b.names.map((n) => n.name)
      : b.path[0].kind === "name"
        ? [b.path[0].name]
        : [],
  );

  // Which names to inherit from lib: given, or (auto) every lib.NAME the module uses.
  const taken = new Set([...args, ...outer, ...letNames]);
  let libNames: readonly string[];
  if (spec.inheritLib === "auto") {
    const used = new Set<string>();
    for (const b of [...body, ...letBindings]) {
      if (b.kind === "assign") collectLibNames(b.value, used);
      else if (b.from !== undefined) collectLibNames(b.from, used);
    }
    libNames = hasLib ? [...used].filter((n) => !taken.has(n)).sort() : [];
  } else {
    libNames = spec.inheritLib ?? [];
    checkLibNames(libNames, "inheritLib");
    if (libNames.length > 0 && !hasLib) {
      throw new NixAstError('inheritLib needs "lib" among the args', ["inheritLib"]);
    }
    const clash = libNames.find((n) => taken.has(n));
    if (clash !== undefined) {
      throw new NixAstError(
        `${JSON.stringify(clash)} is inherited from lib but already bound (an argument or a let binding)`,
        ["inheritLib"],
      );
    }
  }
  const named = (e: Expr): Expr => (libNames.length > 0 ? useLibNames(e, libNames) : e);
  const rename = (b: Binding): Binding =>
    b.kind === "assign"
      ? { ...b, value: named(b.value) }
      : b.from !== undefined
        ? { ...b, from: named(b.from) }
        : b;

  const spaced = body
    .map(rename)
    .map((b, i) =>
      spacing === "blank" && i > 0 ? { ...b, trivia: { ...b.trivia, blankLineBefore: true } } : b,
    );
  let result: Expr = attrs(spaced);
  const lets = letBindings.map(rename);
  if (libNames.length > 0) lets.unshift(inheritFrom(ref("lib"), libNames));
  if (lets.length > 0) result = letIn(lets, result);

  let fn: Lambda = lambda(formals(args, { ellipsis: true }), result);
  for (const p of [...outer].reverse()) fn = lambda(p, fn);
  return fn;
}
