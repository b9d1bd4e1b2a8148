/**
 * Option declarations: `mkOption`, `mkEnableOption`, `mkPackageOption`, and the
 * documentation values `literalExpression` and `literalMD`.
 *
 * @packageDocumentation
 */
import {
  apply,
  attrs,
  bind,
  isNode,
  list,
  op,
  str,
  toExpr,
  type ExprLike,
} from "../ast/builders.js";
import type { Apply, Assign, Expr } from "../ast/nodes.js";
import { codeArg } from "../ast/code.js";
import { NixAstError } from "../errors.js";
import { print } from "../printer/print.js";
import { libRef } from "./lib-names.js";
import {
  OPTION_INFO,
  valueToNix,
  type Option,
  type OptionType,
  type ValueOf,
  type ValueOrExpr,
} from "./types.js";

export type { Option, OptionTree } from "./types.js";
export { optionTreeAttrs, type OptionSpacing } from "./types.js";

const LITERAL: unique symbol = Symbol.for("@atbb/nix-ast/nixos/literal");

/**
 * Documentation text for `defaultText` or `example`: a `lib.literalExpression "..."` or
 * `lib.literalMD "..."` node, made only by {@link literalExpression} and
 * {@link literalMD}.
 */
export type LiteralText = Apply & { readonly [LITERAL]: "expression" | "markdown" };

function branded(e: Apply, kind: "expression" | "markdown"): LiteralText {
  return Object.freeze({ ...e, [LITERAL]: kind }) as LiteralText;
}

/** True for nodes made by {@link literalExpression} or {@link literalMD}. */
export function isLiteralText(value: unknown): value is LiteralText {
  return isNode(value) && LITERAL in value;
}

/**
 * `lib.literalExpression "..."` whose text is `tree` printed as Nix source, so that the
 * text is always valid Nix and never evaluated by accident:
 * `` literalExpression(str`https://${ref("cfg.domain")}`) `` prints
 * `lib.literalExpression "\"https://\${cfg.domain}\""`. A tree that prints on several
 * lines gives an indented string ending with a newline.
 */
export function literalExpression(tree: ExprLike): LiteralText {
  const printed = print(toExpr(tree));
  // One line: the source alone. Several: keep the final newline, so the indented string
  // closes on its own line as nixpkgs writes multi-line examples.
  const source = printed.indexOf("\n") === printed.length - 1 ? printed.slice(0, -1) : printed;
  return branded(apply(libRef("literalExpression"), str(source)), "expression");
}

/** `lib.literalMD "..."`: Markdown documentation text for `defaultText` or `example`. */
export function literalMD(markdown: string): LiteralText {
  if (typeof markdown !== "string") {
    throw new NixAstError(`literalMD expects a Markdown string, got ${typeof markdown}`);
  }
  return branded(apply(libRef("literalMD"), str(markdown)), "markdown");
}

/**
 * The arguments of `lib.mkOption` (nixpkgs `lib/options.nix`), for an option type `T`:
 * `default` and `example` take the type's JavaScript values or any Nix expression.
 * Bindings print in the order the keys are given.
 */
export interface OptionSpecOf<T> {
  /** The option type (`types.str`, ...). Without one, any value is accepted. */
  readonly type?: T;
  /** The value when the option is not defined. */
  readonly default?: ValueOrExpr<ValueOf<T>>;
  /**
   * What the manual shows for `default` when it cannot be evaluated for documentation
   * (it refers to `config`, `pkgs`, ...): {@link literalExpression} of a tree, or
   * {@link literalMD}, or a plain string (shown as a string).
   */
  readonly defaultText?: LiteralText | string;
  /** An example value, shown in the manual ({@link literalExpression} for expressions). */
  readonly example?: ValueOrExpr<ValueOf<T>>;
  /** What the option means (Markdown). */
  readonly description?: string | Expr;
  /** A Nix function applied to the merged value before it is read. */
  readonly apply?: Expr;
  /** For NixOS developers only (hidden from the manual). */
  readonly internal?: boolean;
  /** Whether it shows in the manual; `"shallow"` hides only its sub-options. */
  readonly visible?: boolean | "shallow";
  /** May be defined only once. */
  readonly readOnly?: boolean;
  /** Packages listed in the manual beside the option. */
  readonly relatedPackages?: ExprLike;
}

/** {@link OptionSpecOf} for an option whose values are `V`. */
export type OptionSpec<V> = OptionSpecOf<OptionType<V>>;

const SPEC_KEYS: ReadonlySet<string> = new Set([
  "type",
  "default",
  "defaultText",
  "example",
  "description",
  "apply",
  "internal",
  "visible",
  "readOnly",
  "relatedPackages",
]);

function optionNode<V>(
  fn: string,
  arg: Expr,
  type: OptionType<V> | undefined,
  extra: Expr[] = [],
): Option<V> {
  const node = apply(libRef(fn), ...([...extra, arg] as unknown as [Expr, ...Expr[]]));
  return Object.freeze({ ...node, [OPTION_INFO]: Object.freeze({ type }) }) as Option<V>;
}

/**
 * `lib.mkOption { ... }`, checked against its type: `mkOption({ type: types.port,
 * default: "x" })` does not compile, `mkOption({ type: types.port, default: 70000 })`
 * throws a {@link NixAstError}, unknown keys are refused either way.
 *
 * @example
 * ```ts
 * mkOption({ type: types.port, default: 8080, description: "Port." });
 * // lib.mkOption { type = lib.types.port; default = 8080; description = "Port."; }
 * ```
 */
export function mkOption<T extends OptionType<any> = OptionType<ExprLike>>(
  spec: OptionSpecOf<T>,
): Option<ValueOf<T>> {
  if (typeof spec !== "object" || spec === null || isNode(spec)) {
    throw new NixAstError("mkOption expects an object of option attributes");
  }
  const bindings: Assign[] = [];
  for (const [key, value] of Object.entries(spec)) {
    const at = [`mkOption ${key}`];
    if (!SPEC_KEYS.has(key)) {
      throw new NixAstError(
        `mkOption has no attribute ${JSON.stringify(key)} (known: ${[...SPEC_KEYS].join(", ")})`,
        at,
      );
    }
    if (value === undefined) continue;
    switch (key) {
      case "type":
        if (!isNode(value)) {
          throw new NixAstError(
            "type must be an option type (types.*, or types.fromNix(expr) for any other)",
            at,
          );
        }
        bindings.push(bind(key, value));
        break;
      case "default":
      case "example":
        if (key === "default" && isLiteralText(value)) {
          throw new NixAstError(
            "default is a value, not documentation: put literalExpression/literalMD in defaultText",
            at,
          );
        }
        bindings.push(
          bind(key, valueToNix(spec.type as OptionType<unknown> | undefined, value, at)),
        );
        break;
      case "defaultText":
        if (typeof value !== "string" && !isLiteralText(value)) {
          throw new NixAstError(
            "defaultText must be literalExpression(tree), literalMD(text) or a string: any other expression would be evaluated",
            at,
          );
        }
        bindings.push(bind(key, value as LiteralText | string));
        break;
      case "description":
        if (typeof value !== "string" && !isNode(value)) {
          throw new NixAstError("description must be a string or a node", at);
        }
        bindings.push(bind(key, value as string | Expr));
        break;
      case "internal":
      case "readOnly":
        if (typeof value !== "boolean") throw new NixAstError(`${key} must be a boolean`, at);
        bindings.push(bind(key, value));
        break;
      case "visible":
        if (typeof value !== "boolean" && value !== "shallow") {
          throw new NixAstError('visible must be a boolean or "shallow"', at);
        }
        bindings.push(bind(key, value as boolean | string));
        break;
      case "apply":
        if (!isNode(value)) throw new NixAstError("apply must be a Nix function (a node)", at);
        bindings.push(bind(key, value));
        break;
      default:
        bindings.push(bind(key, toExpr(value as ExprLike)));
    }
  }
  return optionNode<ValueOf<T>>("mkOption", attrs(bindings), spec.type);
}

/**
 * `lib.mkEnableOption "NAME"`: a boolean option, default `false`, described as
 * "Whether to enable NAME.". With `{ default: true }`, for what is on unless turned off:
 * `lib.mkEnableOption "NAME" // { default = true; }`, as nixpkgs writes it.
 */
export function mkEnableOption(
  name: string | Expr,
  options: { readonly default?: boolean } = {},
): Option<boolean> {
  if (typeof name !== "string" && !isNode(name)) {
    throw new NixAstError("mkEnableOption expects the name of what it enables");
  }
  const keys = Object.keys(options).filter((k) => k !== "default");
  if (keys.length > 0 || (options.default !== undefined && typeof options.default !== "boolean")) {
    throw new NixAstError("mkEnableOption's options are { default?: boolean }");
  }
  const option = optionNode<boolean>("mkEnableOption", toExpr(name), undefined);
  if (options.default !== true) return option;
  const withDefault = op(option, "//", attrs([bind("default", true)]));
  return Object.freeze({
    ...withDefault,
    [OPTION_INFO]: Object.freeze({ type: undefined }),
  }) as unknown as Option<boolean>;
}

/** The third argument of `lib.mkPackageOption` (nixpkgs `lib/options.nix`). */
export interface PackageOptionSpec {
  /** The option may be `null` (no package). */
  readonly nullable?: boolean;
  /** The attribute path of the default package in `pkgs` (default: the name); `null` for none. */
  readonly default?: string | readonly string[] | null;
  /** An attribute path, or a string of Nix, shown as the example. */
  readonly example?: string | readonly string[];
  /** Text appended to the generated description. */
  readonly extraDescription?: string;
  /** How the package set reads in the manual (default `"pkgs"`). */
  readonly pkgsText?: string;
}

const PACKAGE_KEYS = ["nullable", "default", "example", "extraDescription", "pkgsText"];

function nameList(value: string | readonly string[], what: string): Expr {
  if (typeof value === "string") return str(value);
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== "string")) {
    throw new NixAstError(
      `mkPackageOption: ${what} must be a string or a non-empty array of strings`,
    );
  }
  return list(value);
}

/**
 * `lib.mkPackageOption pkgs "NAME" { ... }`: an option for the package a module uses,
 * defaulting to `pkgs.NAME` (or the attribute path given).
 *
 * @example
 * ```ts
 * mkPackageOption(ref("pkgs"), "hello");
 * // lib.mkPackageOption pkgs "hello" { }
 * ```
 */
export function mkPackageOption(
  pkgs: Expr,
  name: string | readonly string[],
  spec: PackageOptionSpec = {},
): Option<never> {
  const unknown = Object.keys(spec).filter((k) => !PACKAGE_KEYS.includes(k));
  if (unknown.length > 0) {
    throw new NixAstError(`mkPackageOption has no attribute ${JSON.stringify(unknown[0])}`);
  }
  const fields: Assign[] = [];
  for (const key of PACKAGE_KEYS) {
    const value = (spec as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (key === "default" && value === null) fields.push(bind(key, null));
    else if (key === "default" || key === "example") {
      fields.push(bind(key, nameList(value as string | readonly string[], key)));
    } else if (key === "nullable") {
      if (typeof value !== "boolean")
        throw new NixAstError("mkPackageOption: nullable must be a boolean");
      fields.push(bind(key, value));
    } else {
      if (typeof value !== "string")
        throw new NixAstError(`mkPackageOption: ${key} must be a string`);
      fields.push(bind(key, value));
    }
  }
  return optionNode<never>("mkPackageOption", attrs(fields), undefined, [
    codeArg(pkgs, "mkPackageOption's package set"),
    nameList(name, "the name"),
  ]);
}
