/**
 * Values of the NixOS module known two ways at once: as the Nix expression the module
 * writes (`cfg.user`, `"${cfg.package}/apps/web"`, `lib.optional cfg.autoMigrate "x"`)
 * and as the concrete value that expression has for a given configuration. The units
 * are described once with these, so the printed module and the unit files an operator
 * previews (`atbb-deploy units`) cannot disagree.
 *
 * @packageDocumentation
 */
import { apply, chain, list, ref, strParts, toExpr, type Expr, type ExprLike } from "@atbb/nix-ast";
import * as nixos from "@atbb/nix-ast/nixos";

/**
 * The concrete values of `services.atbb.*` (and of the module's `let` names) that
 * {@link Sym.value} reads.
 */
export interface ModuleValues {
  readonly cfg: AtbbConfig;
  /** The store path of the module's `nodejs` (`pkgs.nodejs_22`). */
  readonly nodejs: string;
}

/** A configuration of `services.atbb`, with the package given as its store path. */
export interface AtbbConfig {
  readonly enable: boolean;
  readonly package: string;
  readonly domain: string;
  readonly enableNginx: boolean;
  readonly enableACME: boolean;
  readonly oauthPublicUrl: string;
  readonly forumDid: string;
  readonly pdsUrl: string;
  readonly environmentFile: string;
  readonly database: { readonly enable: boolean; readonly name: string };
  readonly appviewPort: number;
  readonly webPort: number;
  readonly seedDefaultRoles: boolean;
  readonly autoMigrate: boolean;
  readonly user: string;
  readonly group: string;
}

/** A value of type `T`: its Nix expression, and its value for a configuration. */
export interface Sym<T> {
  readonly nix: Expr;
  readonly value: (values: ModuleValues) => T;
  /** Set for a constant: the value itself. */
  readonly constant?: T;
}

/** A constant. */
export function lit<T extends ExprLike>(value: T): Sym<T> {
  return { nix: toExpr(value), value: () => value, constant: value };
}

/** `cfg.<path>`: an option of the module's own configuration. */
export function cfg<T>(path: string, get: (c: AtbbConfig) => T): Sym<T> {
  return { nix: ref(`cfg.${path}`), value: (v) => get(v.cfg) };
}

/** A name bound in the module's `let` (`nodejs`). */
export function letName<T>(name: string, get: (v: ModuleValues) => T): Sym<T> {
  return { nix: ref(name), value: get };
}

/** `toString n`. */
export function toStr(n: Sym<number>): Sym<string> {
  return { nix: apply(ref("toString"), n.nix), value: (v) => String(n.value(v)) };
}

/** `lib.boolToString b`. */
export function boolToString(b: Sym<boolean>): Sym<string> {
  return { nix: apply(ref("lib.boolToString"), b.nix), value: (v) => String(b.value(v)) };
}

/** A string with interpolated string values: `` s`${nodejs}/bin/node` ``. */
export function s(strings: TemplateStringsArray, ...holes: Sym<string>[]): Sym<string> {
  const parts: (string | Expr)[] = [];
  strings.forEach((text, i) => {
    parts.push(text);
    const hole = holes[i];
    if (hole) parts.push(hole.nix);
  });
  return {
    nix: strParts(parts),
    value: (v) => strings.reduce((acc, text, i) => acc + text + (holes[i]?.value(v) ?? ""), ""),
  };
}

/** A list of constant strings. */
export function strings(...items: string[]): Sym<string[]> {
  return { nix: list(items), value: () => [...items] };
}

/** `lib.optional cond item`. */
export function optional(cond: Sym<boolean>, item: string): Sym<string[]> {
  return {
    nix: nixos.optional(cond.nix, item),
    value: (v) => (cond.value(v) ? [item] : []),
  };
}

/** `lib.optionals cond [ items ]`. */
export function optionals(cond: Sym<boolean>, items: readonly string[]): Sym<string[]> {
  return {
    nix: nixos.optionals(cond.nix, items),
    value: (v) => (cond.value(v) ? [...items] : []),
  };
}

/** `a ++ b ++ c`. */
export function concat(first: Sym<string[]>, ...rest: Sym<string[]>[]): Sym<string[]> {
  const all = [first, ...rest];
  return {
    nix: chain("++", ...(all.map((l) => l.nix) as [Expr, ...Expr[]])),
    value: (v) => all.flatMap((l) => l.value(v)),
  };
}
