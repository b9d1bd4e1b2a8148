/**
 * The few NixOS-module builders the module needs (`lib.mkOption`, `lib.types.*`,
 * `lib.literalExpression`), until nix-ast's own NixOS helpers are used.
 *
 * @packageDocumentation
 */
import { apply, attrs, bind, print, ref, str, type Expr, type ExprLike } from "@atbb/nix-ast";

/** The option types the module uses. */
export const types = {
  str: ref("lib.types.str"),
  bool: ref("lib.types.bool"),
  port: ref("lib.types.port"),
  package: ref("lib.types.package"),
} as const;

/** The fields of `lib.mkOption` the module uses. */
export interface OptionSpec {
  readonly type: Expr;
  readonly default?: ExprLike;
  readonly defaultText?: Expr;
  readonly example?: ExprLike;
  readonly description: string;
}

/** `lib.mkOption { ... }`. */
export function mkOption(spec: OptionSpec): Expr {
  return apply(
    ref("lib.mkOption"),
    attrs({
      type: spec.type,
      default: spec.default,
      defaultText: spec.defaultText,
      example: spec.example,
      description: spec.description,
    }),
  );
}

/** `lib.mkEnableOption "name"`. */
export function mkEnableOption(name: string): Expr {
  return apply(ref("lib.mkEnableOption"), name);
}

/** `lib.literalExpression "<expr printed as Nix>"`. */
export function literalExpression(expr: Expr): Expr {
  return apply(ref("lib.literalExpression"), str(print(expr).trimEnd()));
}
