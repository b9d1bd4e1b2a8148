/**
 * NixOS option types (`lib.types.*`) as typed values.
 *
 * Each option type is an ordinary expression node (`types.port` is the node
 * `lib.types.port`, `types.listOf(types.str)` is `lib.types.listOf lib.types.str`), so it
 * prints and nests like any other node. It also carries, for TypeScript, the JavaScript
 * type its values may take (`types.port` takes `number | bigint`), and, at run time, how
 * to check and convert such a value to Nix (`types.port` refuses `70000`,
 * `types.float` prints `2` as `2.0`). A Nix expression ({@link Expr}) is accepted
 * wherever a value is, unchecked: only Nix can judge it.
 *
 * @example
 * ```ts
 * import { mkOption, types } from "@atbb/nix-ast/nixos";
 * mkOption({ type: types.listOf(types.port), default: [80, 443] });
 * mkOption({ type: types.enum(["a", "b"]), default: "a" });
 * ```
 *
 * @packageDocumentation
 */
import { describe, nonPlain } from "../ast/plain.js";
import {
  apply,
  attrs,
  bind,
  float,
  int,
  isNode,
  list,
  ref,
  str,
  toExpr,
  type ExprLike,
} from "../ast/builders.js";
import type { Apply, Attrs, Binary, Expr } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";

/** The run-time facts an option type carries: its name and its value conversion. */
export interface TypeInfo {
  /** How the type reads in messages: `types.port`, `types.listOf(types.str)`. */
  readonly name: string;
  /**
   * Checks a JavaScript value (never a node: nodes pass unchecked) and converts it to
   * Nix; throws {@link NixAstError} naming `at` when the value does not fit.
   */
  readonly convert: (value: unknown, at: readonly string[]) => Expr;
}

/** Where an option type keeps its {@link TypeInfo}. */
export const TYPE_INFO: unique symbol = Symbol.for("@atbb/nix-ast/nixos/option-type");

/**
 * An option type: a node (`lib.types.str`, `lib.types.listOf lib.types.port`, ...) that
 * also says which JavaScript values `V` an option of this type may be given.
 */
export type OptionType<V> = Expr & {
  readonly [TYPE_INFO]: TypeInfo;
  /** Type-level only: the JavaScript values of the type (never set). */
  readonly "~value"?: V;
};

/** The JavaScript values an option type accepts (besides any {@link Expr}). */
export type ValueOf<T> = T extends OptionType<infer V> ? V : never;

/** A value of `V`, or any Nix expression standing for one. */
export type ValueOrExpr<V> = V | Expr;

/** True for option types made by {@link types}. */
export function isOptionType(value: unknown): value is OptionType<unknown> {
  return isNode(value) && TYPE_INFO in value;
}

/**
 * Converts a value for an option of type `type` to Nix: a node passes unchanged, a
 * JavaScript value is checked and converted (or converted with {@link toExpr} when the
 * type is unknown).
 */
export function valueToNix<T extends OptionType<any>>(
  type: T | undefined,
  value: ValueOrExpr<ValueOf<T>>,
  at: readonly string[] = [],
): Expr {
  if (isNode(value)) return value;
  if (type === undefined || !isOptionType(type)) return toExpr(value as ExprLike);
  return type[TYPE_INFO].convert(value, at);
}

function mkType<V>(expr: Expr, name: string, convert: TypeInfo["convert"]): OptionType<V> {
  const info: TypeInfo = Object.freeze({ name, convert });
  return Object.freeze({ ...expr, [TYPE_INFO]: info }) as OptionType<V>;
}

function fail(name: string, value: unknown, at: readonly string[], expected: string): never {
  throw new NixAstError(`${name} expects ${expected}, got ${describe(value)}`, at);
}

function infoOf(t: OptionType<unknown>, where: string): TypeInfo {
  if (!isOptionType(t)) {
    throw new NixAstError(`${where} expects an option type (from types.*), got ${describe(t)}`);
  }
  return t[TYPE_INFO];
}

// ---------------------------------------------------------------- leaves

function leaf<V>(nixName: string, expected: string, check: (v: unknown) => v is V): OptionType<V> {
  const name = `types.${nixName}`;
  return mkType<V>(ref(`lib.types.${nixName}`), name, (v, at) => {
    if (!check(v)) fail(name, v, at, expected);
    return toExpr(v as ExprLike);
  });
}

const isBool = (v: unknown): v is boolean => typeof v === "boolean";
const isPlainObject = (v: unknown): v is { readonly [k: string]: unknown } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !isNode(v) && !nonPlain(v);

function stringType(
  expr: Expr,
  name: string,
  check?: (s: string) => string | undefined,
): OptionType<string> {
  return mkType<string>(expr, name, (v, at) => {
    if (typeof v !== "string") fail(name, v, at, "a string");
    const problem = check?.(v);
    if (problem !== undefined) throw new NixAstError(`${name}: ${problem}`, at);
    return str(v);
  });
}

function toBig(v: unknown): bigint | undefined {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  return undefined;
}

/** An integer type, optionally bounded (both ends inclusive). */
function intType(expr: Expr, name: string, lo?: bigint, hi?: bigint): OptionType<number | bigint> {
  const range =
    lo !== undefined && hi !== undefined
      ? `an integer between ${lo} and ${hi}`
      : lo !== undefined
        ? `an integer >= ${lo}`
        : "an integer";
  return mkType<number | bigint>(expr, name, (v, at) => {
    const b = toBig(v);
    if (b === undefined) fail(name, v, at, "an integer");
    if (b < -(2n ** 63n) || b >= 2n ** 63n) fail(name, v, at, "a signed 64-bit integer");
    if ((lo !== undefined && b < lo) || (hi !== undefined && b > hi)) fail(name, v, at, range);
    return int(b);
  });
}

/** An integer for a bigint or a safe integer; a float for any other number (`1e300`). */
function numberToNix(v: number | bigint): Expr {
  return typeof v === "bigint" || Number.isSafeInteger(v) ? int(v) : float(v);
}

function numberType(expr: Expr, name: string, lo?: number, hi?: number, strictLo = false) {
  return mkType<number | bigint>(expr, name, (v, at) => {
    if (typeof v !== "number" && typeof v !== "bigint") fail(name, v, at, "a number");
    const n = Number(v);
    if (lo !== undefined && (strictLo ? n <= lo : n < lo)) {
      fail(name, v, at, `a number ${strictLo ? ">" : ">="} ${lo}`);
    }
    if (hi !== undefined && n > hi) fail(name, v, at, `a number <= ${hi}`);
    return numberToNix(v);
  });
}

/** Types that have no JavaScript value: only a Nix expression will do. */
function exprOnly(expr: Expr, name: string, hint: string): OptionType<never> {
  return mkType<never>(expr, name, (v, at) => {
    throw new NixAstError(
      `${name} has no JavaScript value (got ${describe(v)}): pass a Nix expression, ${hint}`,
      at,
    );
  });
}

function anyValue(nixName: string): OptionType<ExprLike> {
  return mkType<ExprLike>(ref(`lib.types.${nixName}`), `types.${nixName}`, (v) =>
    toExpr(v as ExprLike),
  );
}

function checkInt(n: number | bigint, where: string): bigint {
  const b = toBig(n);
  if (b === undefined) throw new NixAstError(`${where} expects integers, got ${describe(n)}`);
  return b;
}

// ---------------------------------------------------------------- combinators

/** The JavaScript value of a list whose elements have values `V`. */
export type ListValue<V> = readonly ValueOrExpr<V>[];
/** The JavaScript value of a set whose attributes have values `V`. */
export type AttrsValue<V> = { readonly [name: string]: ValueOrExpr<V> };

function listType<V>(elem: OptionType<V>, nixName: string, nonEmpty: boolean) {
  const e = infoOf(elem, `types.${nixName}`);
  const name = `types.${nixName}(${e.name})`;
  return mkType<ListValue<V>>(apply(ref(`lib.types.${nixName}`), elem), name, (v, at) => {
    if (!Array.isArray(v)) fail(name, v, at, "an array");
    if (nonEmpty && v.length === 0) fail(name, v, at, "a non-empty array");
    // Array.from, not map: a hole in a sparse array is an undefined item, refused as such.
    return list(
      Array.from(v as unknown[], (item, i) =>
        isNode(item) ? item : e.convert(item, [...at, `[${i}]`]),
      ),
    );
  });
}

function attrsType<V>(elem: OptionType<V>, fn: Expr, name: string) {
  const e = infoOf(elem, name);
  return mkType<AttrsValue<V>>(fn, name, (v, at) => {
    if (!isPlainObject(v)) fail(name, v, at, "a plain object");
    return attrs(
      // An undefined value leaves its attribute out, as it does in a plain object.
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) =>
          bind(k, isNode(x) ? x : e.convert(x, [...at, `attribute ${JSON.stringify(k)}`])),
        ),
    );
  });
}

/** A value a member of `types.enum` may be (what `lib.types.enum` accepts). */
export type EnumValue = string | number | boolean;

function enumType<const T extends readonly EnumValue[]>(values: T): OptionType<T[number]> {
  if (!Array.isArray(values)) {
    throw new NixAstError(`types.enum expects an array of values, got ${describe(values)}`);
  }
  values.forEach((v, i) => {
    const ok =
      typeof v === "string" ||
      typeof v === "boolean" ||
      (typeof v === "number" && Number.isInteger(v));
    if (!ok) {
      throw new NixAstError(
        `types.enum: value ${i} is ${describe(v)}, not a string, integer or boolean`,
      );
    }
  });
  const shown = values.map((v) => JSON.stringify(v)).join(", ");
  const name = `types.enum([${shown}])`;
  return mkType<T[number]>(apply(ref("lib.types.enum"), list(values)), name, (v, at) => {
    if (!values.includes(v as EnumValue)) fail(name, v, at, `one of ${shown}`);
    return toExpr(v as EnumValue);
  });
}

/** Tries each type's conversion in order; the first that accepts the value wins. */
function firstOf(name: string, infos: readonly TypeInfo[]): TypeInfo["convert"] {
  return (v, at) => {
    const problems: string[] = [];
    for (const info of infos) {
      try {
        return info.convert(v, at);
      } catch (e) {
        if (!(e instanceof NixAstError)) throw e;
        problems.push(e.problem);
      }
    }
    throw new NixAstError(`${name} accepts none of ${describe(v)}: ${problems.join("; ")}`, at);
  };
}

function eitherType<A, B>(a: OptionType<A>, b: OptionType<B>): OptionType<A | B> {
  const ia = infoOf(a, "types.either");
  const ib = infoOf(b, "types.either");
  const name = `types.either(${ia.name}, ${ib.name})`;
  return mkType<A | B>(apply(ref("lib.types.either"), a, b), name, firstOf(name, [ia, ib]));
}

/** The values of the types of `types.oneOf`: those of any of them. */
export type Values<Ts extends readonly OptionType<unknown>[]> = {
  [K in keyof Ts]: ValueOf<Ts[K]>;
}[number];

function oneOfType<const Ts extends readonly OptionType<unknown>[]>(
  ts: Ts,
): OptionType<Values<Ts>> {
  if (!Array.isArray(ts) || ts.length === 0) {
    throw new NixAstError("types.oneOf needs at least one type");
  }
  const infos = ts.map((t) => infoOf(t, "types.oneOf"));
  const name = `types.oneOf([${infos.map((i) => i.name).join(", ")}])`;
  return mkType<Values<Ts>>(apply(ref("lib.types.oneOf"), list(ts)), name, firstOf(name, infos));
}

function nullOrType<V>(t: OptionType<V>): OptionType<V | null> {
  const e = infoOf(t, "types.nullOr");
  return mkType<V | null>(apply(ref("lib.types.nullOr"), t), `types.nullOr(${e.name})`, (v, at) =>
    v === null ? ref("null") : e.convert(v, at),
  );
}

function wrapped<V>(fn: Expr, name: string, inner: OptionType<V>): OptionType<V> {
  const e = infoOf(inner, name);
  return mkType<V>(fn, `${name}(${e.name})`, e.convert);
}

// ---------------------------------------------------------------- submodules

/**
 * Brand of the nodes {@link mkOption} makes, so that a submodule's options tell which
 * values the submodule takes. Kept here (not in options.ts) to avoid an import cycle.
 */
export const OPTION_INFO: unique symbol = Symbol.for("@atbb/nix-ast/nixos/option");

/** An option declaration (`lib.mkOption { ... }`) whose values are `V`. */
export type Option<V> = (Apply | Binary) & {
  readonly [OPTION_INFO]: { readonly type: OptionType<V> | undefined };
  /** Type-level only: the JavaScript values of the option (never set). */
  readonly "~option"?: V;
};

/**
 * Option declarations by name, nested as plain objects: `{ enable: mkEnableOption("x"),
 * database: { name: mkOption(...) } }`. Any node (an option made another way) may stand
 * in for an option.
 */
export interface OptionTree {
  readonly [name: string]: Option<unknown> | Expr | OptionTree;
}

/** The JavaScript value a submodule with options `T` takes: any subset of its options. */
export type SubmoduleValue<T extends OptionTree> = {
  readonly [K in keyof T]?: T[K] extends Option<infer V>
    ? ValueOrExpr<V>
    : T[K] extends Expr
      ? ExprLike
      : T[K] extends OptionTree
        ? SubmoduleValue<T[K]> | Expr
        : never;
};

/** Converts a value for the options `tree` (a submodule's, or nested options). */
export function treeValueToNix(
  tree: OptionTree,
  v: unknown,
  at: readonly string[],
  name: string,
): Attrs {
  if (!isPlainObject(v)) fail(name, v, at, "a plain object");
  return attrs(
    Object.entries(v).map(([k, x]) => {
      const where = [...at, `attribute ${JSON.stringify(k)}`];
      const decl = Object.hasOwn(tree, k) ? tree[k] : undefined;
      if (decl === undefined) {
        const known = Object.keys(tree).join(", ");
        throw new NixAstError(
          `${name} has no option ${JSON.stringify(k)} (it has: ${known})`,
          where,
        );
      }
      if (isNode(x)) return bind(k, x);
      if (isNode(decl)) {
        const info = OPTION_INFO in decl ? (decl as Option<unknown>)[OPTION_INFO] : undefined;
        return bind(k, valueToNix(info?.type, x as ExprLike, where));
      }
      return bind(k, treeValueToNix(decl as OptionTree, x, where, name));
    }),
  );
}

/** How options are laid out: a blank line between options (nixpkgs' usual), or none. */
export type OptionSpacing = "blank" | "compact";

/**
 * The set `{ name = option; ... }` of an option tree; nested plain objects become nested
 * sets. With `spacing: "blank"` (the default) a blank line separates the options.
 */
export function optionTreeAttrs(tree: OptionTree, spacing: OptionSpacing = "blank"): Attrs {
  if (!isPlainObject(tree))
    throw new NixAstError("an option tree must be a plain object of options");
  const bindings = Object.entries(tree).map(([name, value], i) => {
    if (isOptionType(value)) {
      throw new NixAstError(
        `${JSON.stringify(name)} is an option type, not an option: declare it with mkOption({ type: ... })`,
        [`option ${JSON.stringify(name)}`],
      );
    }
    const v: Expr = isNode(value) ? value : optionTreeAttrs(value as OptionTree, spacing);
    return bind(name, v, spacing === "blank" && i > 0 ? { blankLineBefore: true } : undefined);
  });
  return attrs(bindings);
}

/** A submodule given as its options (printed `{ options = { ... }; }`). */
export interface SubmoduleSpec<T extends OptionTree> {
  readonly options: T;
  /** Definitions of the submodule's own `config` (may refer to `config`, `name`). */
  readonly config?: ExprLike;
  /** Blank lines between the options (default `"blank"`). */
  readonly spacing?: OptionSpacing;
}

function submoduleType<T extends OptionTree>(
  module: SubmoduleSpec<T> | Expr,
): OptionType<SubmoduleValue<T>> | OptionType<{ readonly [name: string]: ExprLike }> {
  if (isNode(module)) {
    return mkType<{ readonly [name: string]: ExprLike }>(
      apply(ref("lib.types.submodule"), module),
      "types.submodule(...)",
      (v, at) => {
        if (!isPlainObject(v)) fail("types.submodule", v, at, "a plain object");
        return toExpr(v as ExprLike);
      },
    );
  }
  if (!isPlainObject(module) || !isPlainObject(module.options)) {
    throw new NixAstError("types.submodule expects { options: {...} } or a Nix expression");
  }
  const extra = Object.keys(module).filter((k) => !["options", "config", "spacing"].includes(k));
  if (extra.length > 0) {
    throw new NixAstError(`types.submodule: unknown key ${JSON.stringify(extra[0])}`);
  }
  const tree = module.options;
  const body = attrs([
    bind("options", optionTreeAttrs(tree, module.spacing)),
    ...(module.config !== undefined ? [bind("config", module.config)] : []),
  ]);
  return mkType<SubmoduleValue<T>>(
    apply(ref("lib.types.submodule"), body),
    "types.submodule",
    (v, at) => treeValueToNix(tree, v, at, "types.submodule"),
  );
}

function checkKeys(spec: object, known: readonly string[], where: string): void {
  if (!isPlainObject(spec)) throw new NixAstError(`${where} expects an object`);
  const extra = Object.keys(spec).filter((k) => !known.includes(k));
  if (extra.length > 0) {
    throw new NixAstError(
      `${where}: unknown key ${JSON.stringify(extra[0])} (known: ${known.join(", ")})`,
    );
  }
}

/** The arguments of `lib.types.submoduleWith`. */
export interface SubmoduleWithSpec {
  /** The modules (sets, functions or paths). */
  readonly modules: readonly ExprLike[];
  /** Extra module arguments. */
  readonly specialArgs?: ExprLike;
  /** Whether a plain set given as a value defines `config` only (as `submodule` does). */
  readonly shorthandOnlyDefinesConfig?: boolean;
  /** The type's description in the manual. */
  readonly description?: string;
  /** The module class (`"nixos"`, ...). */
  readonly class?: string;
}

function submoduleWithType(
  spec: SubmoduleWithSpec,
): OptionType<{ readonly [name: string]: ExprLike }> {
  const known = ["modules", "specialArgs", "shorthandOnlyDefinesConfig", "description", "class"];
  checkKeys(spec, known, "types.submoduleWith");
  if (!Array.isArray(spec.modules))
    throw new NixAstError("types.submoduleWith needs modules (an array)");
  const fields = known
    .filter((k) => (spec as unknown as Record<string, unknown>)[k] !== undefined)
    .map((k) => {
      const v = (spec as unknown as Record<string, unknown>)[k];
      return bind(k, k === "modules" ? list(v as readonly ExprLike[]) : (v as ExprLike));
    });
  return mkType(
    apply(ref("lib.types.submoduleWith"), attrs(fields)),
    "types.submoduleWith",
    (v, at) => {
      if (!isPlainObject(v)) fail("types.submoduleWith", v, at, "a plain object");
      return toExpr(v as ExprLike);
    },
  );
}

/** The JavaScript value of an `attrTag` with tags `T`: one of them, alone. */
export type AttrTagValue<T extends { readonly [tag: string]: Option<unknown> }> = {
  [K in keyof T]: { readonly [P in K]: T[K] extends Option<infer V> ? ValueOrExpr<V> : never };
}[keyof T];

function attrTagType<const T extends { readonly [tag: string]: Option<unknown> }>(
  tags: T,
): OptionType<AttrTagValue<T>> {
  if (!isPlainObject(tags) || Object.keys(tags).length === 0) {
    throw new NixAstError("types.attrTag expects an object of tags, each an option (mkOption)");
  }
  for (const [k, o] of Object.entries(tags)) {
    if (!isNode(o) || !(OPTION_INFO in o)) {
      throw new NixAstError(`types.attrTag: tag ${JSON.stringify(k)} must be made with mkOption`);
    }
  }
  const names = Object.keys(tags);
  const name = `types.attrTag(${names.join(", ")})`;
  return mkType<AttrTagValue<T>>(
    apply(ref("lib.types.attrTag"), optionTreeAttrs(tags, "compact")),
    name,
    (v, at) => {
      if (!isPlainObject(v) || Object.keys(v).length !== 1) {
        fail(name, v, at, `an object with exactly one of ${names.join(", ")}`);
      }
      return treeValueToNix(tags, v, at, name);
    },
  );
}

// ---------------------------------------------------------------- the types

/** Options of `lib.types.pathWith`. */
export interface PathWithSpec {
  /** `true`: must be in the Nix store; `false`: must not (and must be a string). */
  readonly inStore?: boolean;
  /** `true`: must be absolute; `false`: must be relative. */
  readonly absolute?: boolean;
}

function pathWithType(spec: PathWithSpec): OptionType<string> {
  const keys = Object.keys(spec).filter((k) => k !== "inStore" && k !== "absolute");
  if (keys.length > 0)
    throw new NixAstError(`types.pathWith: unknown key ${JSON.stringify(keys[0])}`);
  if (spec.inStore === true && spec.absolute === false) {
    throw new NixAstError(
      "types.pathWith: a path in the store is absolute (inStore with absolute: false)",
    );
  }
  const fields: Record<string, boolean> = {};
  if (spec.inStore !== undefined) fields["inStore"] = spec.inStore;
  if (spec.absolute !== undefined) fields["absolute"] = spec.absolute;
  const name = `types.pathWith(${JSON.stringify(fields)})`;
  return stringType(apply(ref("lib.types.pathWith"), attrs(fields)), name, (s) => {
    if (spec.absolute === true && !s.startsWith("/")) return `${JSON.stringify(s)} is not absolute`;
    if (spec.absolute === false && s.startsWith("/")) return `${JSON.stringify(s)} is not relative`;
    if (spec.inStore === false && s.startsWith("/nix/store/")) {
      return `${JSON.stringify(s)} is in the Nix store`;
    }
    if (spec.inStore === true && !s.startsWith("/nix/store/")) {
      return `${JSON.stringify(s)} is not in the Nix store`;
    }
    return undefined;
  });
}

const POSIX_ONLY = /\[[:=.]|\\/;

function strMatchingType(pattern: string): OptionType<string> {
  if (typeof pattern !== "string") {
    throw new NixAstError(`types.strMatching expects a pattern string, got ${describe(pattern)}`);
  }
  // Nix patterns are POSIX extended regular expressions matched against the whole string.
  // Check in JavaScript only where the two syntaxes agree.
  let re: RegExp | undefined;
  if (!POSIX_ONLY.test(pattern)) {
    try {
      re = new RegExp(`^(?:${pattern})$`, "u");
    } catch {
      re = undefined;
    }
  }
  const name = `types.strMatching(${JSON.stringify(pattern)})`;
  return stringType(apply(ref("lib.types.strMatching"), str(pattern)), name, (s) =>
    re && !re.test(s)
      ? `${JSON.stringify(s)} does not match ${JSON.stringify(pattern)}`
      : undefined,
  );
}

function separatedStringType(sep: string): OptionType<string> {
  if (typeof sep !== "string") {
    throw new NixAstError(`types.separatedString expects a separator string, got ${describe(sep)}`);
  }
  return stringType(
    apply(ref("lib.types.separatedString"), str(sep)),
    `types.separatedString(${JSON.stringify(sep)})`,
  );
}

function intsBetween(lo: number | bigint, hi: number | bigint): OptionType<number | bigint> {
  const l = checkInt(lo, "types.ints.between");
  const h = checkInt(hi, "types.ints.between");
  if (l > h) throw new NixAstError(`types.ints.between: lowest ${l} is above highest ${h}`);
  return intType(
    apply(ref("lib.types.ints.between"), int(l), int(h)),
    `types.ints.between(${l}, ${h})`,
    l,
    h,
  );
}

function numbersBetween(lo: number | bigint, hi: number | bigint): OptionType<number | bigint> {
  for (const x of [lo, hi]) {
    if (typeof x !== "bigint" && (typeof x !== "number" || !Number.isFinite(x))) {
      throw new NixAstError(`types.numbers.between expects finite numbers, got ${describe(x)}`);
    }
  }
  if (Number(lo) > Number(hi)) {
    throw new NixAstError(`types.numbers.between: lowest ${lo} is above highest ${hi}`);
  }
  return numberType(
    apply(ref("lib.types.numbers.between"), numberToNix(lo), numberToNix(hi)),
    `types.numbers.between(${lo}, ${hi})`,
    Number(lo),
    Number(hi),
  );
}

const u = (bits: number) =>
  intType(ref(`lib.types.ints.u${bits}`), `types.ints.u${bits}`, 0n, 2n ** BigInt(bits) - 1n);
const s = (bits: number) =>
  intType(
    ref(`lib.types.ints.s${bits}`),
    `types.ints.s${bits}`,
    -(2n ** BigInt(bits - 1)),
    2n ** BigInt(bits - 1) - 1n,
  );

const PACKAGE_HINT = 'e.g. ref("pkgs.hello")';

/**
 * The option types of nixpkgs' `lib.types`, as typed values. Each is also a node that
 * prints as the qualified name (`lib.types.str`), or bare when the module inherits
 * `types` from `lib` (see {@link nixosModule}'s `inheritLib`).
 */
export const types = {
  /** `lib.types.str`: a string (definitions must agree). */
  str: stringType(ref("lib.types.str"), "types.str"),
  /** `lib.types.nonEmptyStr`: a string that is not only whitespace. */
  nonEmptyStr: stringType(ref("lib.types.nonEmptyStr"), "types.nonEmptyStr", (s) =>
    /^[ \t\n]*$/.test(s) ? "the string is empty or only whitespace" : undefined,
  ),
  /** `lib.types.singleLineStr`: a string without newlines (one trailing newline allowed). */
  singleLineStr: stringType(ref("lib.types.singleLineStr"), "types.singleLineStr", (s) =>
    /^[^\n\r]*\n?$/.test(s) ? undefined : "the string holds a line break",
  ),
  /** `lib.types.strMatching pattern`: a string matching a POSIX extended regular expression. */
  strMatching: strMatchingType,
  /** `lib.types.separatedString sep`: strings, several definitions joined with `sep`. */
  separatedString: separatedStringType,
  /** `lib.types.lines`: strings, several definitions joined with newlines. */
  lines: stringType(ref("lib.types.lines"), "types.lines"),
  /** `lib.types.commas`: strings, several definitions joined with commas. */
  commas: stringType(ref("lib.types.commas"), "types.commas"),
  /** `lib.types.envVar`: strings, several definitions joined with colons. */
  envVar: stringType(ref("lib.types.envVar"), "types.envVar"),
  /** `lib.types.passwdEntry t`: a string of `t` without colons or newlines. */
  passwdEntry: (t: OptionType<string>): OptionType<string> => {
    const e = infoOf(t, "types.passwdEntry");
    const name = `types.passwdEntry(${e.name})`;
    return mkType<string>(apply(ref("lib.types.passwdEntry"), t), name, (v, at) => {
      if (typeof v === "string" && /[:\n]/.test(v)) fail(name, v, at, "no colon or newline");
      return e.convert(v, at);
    });
  },
  /** `lib.types.bool`. */
  bool: leaf<boolean>("bool", "a boolean", isBool),
  /** `lib.types.boolByOr`: booleans, several definitions joined with `||`. */
  boolByOr: leaf<boolean>("boolByOr", "a boolean", isBool),
  /** `lib.types.int`: a signed 64-bit integer (`number` must be integral; `bigint` beyond 2^53). */
  int: intType(ref("lib.types.int"), "types.int"),
  /** `lib.types.ints.*`: integers in a range. */
  ints: {
    /** `lib.types.ints.between lo hi` (both inclusive). */
    between: intsBetween,
    /** `lib.types.ints.unsigned`: >= 0. */
    unsigned: intType(ref("lib.types.ints.unsigned"), "types.ints.unsigned", 0n),
    /** `lib.types.ints.positive`: > 0. */
    positive: intType(ref("lib.types.ints.positive"), "types.ints.positive", 1n),
    /** `lib.types.ints.u8`: 0..255. */
    u8: u(8),
    /** `lib.types.ints.u16`: 0..65535. */
    u16: u(16),
    /** `lib.types.ints.u32`: 0..4294967295. */
    u32: u(32),
    /** `lib.types.ints.s8`: -128..127. */
    s8: s(8),
    /** `lib.types.ints.s16`: -32768..32767. */
    s16: s(16),
    /** `lib.types.ints.s32`: -2147483648..2147483647. */
    s32: s(32),
  },
  /** `lib.types.port`: an integer 0..65535. */
  port: intType(ref("lib.types.port"), "types.port", 0n, 65535n),
  /** `lib.types.float`: a float (a JavaScript `2` prints as `2.0`). */
  float: mkType<number>(ref("lib.types.float"), "types.float", (v, at) => {
    if (typeof v !== "number") fail("types.float", v, at, "a number");
    return float(v);
  }),
  /** `lib.types.number`: an integer or a float. */
  number: numberType(ref("lib.types.number"), "types.number"),
  /** `lib.types.numbers.*`: numbers (integers or floats) in a range. */
  numbers: {
    /** `lib.types.numbers.between lo hi` (both inclusive). */
    between: numbersBetween,
    /** `lib.types.numbers.nonnegative`: >= 0. */
    nonnegative: numberType(ref("lib.types.numbers.nonnegative"), "types.numbers.nonnegative", 0),
    /** `lib.types.numbers.positive`: > 0. */
    positive: numberType(
      ref("lib.types.numbers.positive"),
      "types.numbers.positive",
      0,
      undefined,
      true,
    ),
  },
  /** `lib.types.path`: an absolute path (a string starting with `/`, or a path expression). */
  path: stringType(ref("lib.types.path"), "types.path", (s) =>
    s.startsWith("/") ? undefined : `${JSON.stringify(s)} is not an absolute path`,
  ),
  /** `lib.types.pathInStore`: a path in the Nix store. */
  pathInStore: stringType(ref("lib.types.pathInStore"), "types.pathInStore", (s) =>
    s.startsWith("/nix/store/") ? undefined : `${JSON.stringify(s)} is not in the Nix store`,
  ),
  /**
   * `lib.types.pathWith { ... }`: a path that is (or is not) absolute, in the store.
   * `pathWith({ inStore: false, absolute: true })` takes strings only (no path literal
   * that would copy a file into the store): the right type for a secrets file.
   */
  pathWith: pathWithType,
  /** `lib.types.package`: a derivation or store path (only a Nix expression will do). */
  package: exprOnly(ref("lib.types.package"), "types.package", PACKAGE_HINT),
  /** `lib.types.shellPackage`: a package with a `shellPath`. */
  shellPackage: exprOnly(ref("lib.types.shellPackage"), "types.shellPackage", PACKAGE_HINT),
  /** `lib.types.pkgs`: a nixpkgs package set. */
  pkgs: exprOnly(ref("lib.types.pkgs"), "types.pkgs", 'e.g. ref("pkgs")'),
  /** `lib.types.raw`: any value, not merged, not checked. */
  raw: anyValue("raw"),
  /** `lib.types.anything`: any value, merged where possible. */
  anything: anyValue("anything"),
  /** `lib.types.unspecified`: any value (prefer a precise type). */
  unspecified: anyValue("unspecified"),
  /** `lib.types.attrs`: any attribute set. */
  attrs: mkType<{ readonly [name: string]: ExprLike }>(
    ref("lib.types.attrs"),
    "types.attrs",
    (v, at) => {
      if (!isPlainObject(v)) fail("types.attrs", v, at, "a plain object");
      return toExpr(v as ExprLike);
    },
  ),
  /** `lib.types.deferredModule`: a module, imported elsewhere. */
  deferredModule: exprOnly(ref("lib.types.deferredModule"), "types.deferredModule", "a module"),
  /** `lib.types.optionType`: an option type. */
  optionType: exprOnly(ref("lib.types.optionType"), "types.optionType", "an option type"),
  /** `lib.types.listOf t`. */
  listOf: <V>(t: OptionType<V>): OptionType<ListValue<V>> => listType(t, "listOf", false),
  /** `lib.types.nonEmptyListOf t`: a list with at least one element. */
  nonEmptyListOf: <V>(t: OptionType<V>): OptionType<ListValue<V>> =>
    listType(t, "nonEmptyListOf", true),
  /** `lib.types.attrsOf t`. */
  attrsOf: <V>(t: OptionType<V>): OptionType<AttrsValue<V>> =>
    attrsType(
      t,
      apply(ref("lib.types.attrsOf"), t),
      `types.attrsOf(${infoOf(t, "types.attrsOf").name})`,
    ),
  /** `lib.types.lazyAttrsOf t`: like `attrsOf`, attributes evaluated lazily. */
  lazyAttrsOf: <V>(t: OptionType<V>): OptionType<AttrsValue<V>> =>
    attrsType(
      t,
      apply(ref("lib.types.lazyAttrsOf"), t),
      `types.lazyAttrsOf(${infoOf(t, "types.lazyAttrsOf").name})`,
    ),
  /** `lib.types.attrsWith { elemType; lazy?; placeholder?; }`. */
  attrsWith: <V>(spec: {
    readonly elemType: OptionType<V>;
    readonly lazy?: boolean;
    readonly placeholder?: string;
  }): OptionType<AttrsValue<V>> => {
    const keys = Object.keys(spec).filter((k) => !["elemType", "lazy", "placeholder"].includes(k));
    if (keys.length > 0)
      throw new NixAstError(`types.attrsWith: unknown key ${JSON.stringify(keys[0])}`);
    const fields = [
      bind("elemType", spec.elemType),
      ...(spec.lazy !== undefined ? [bind("lazy", spec.lazy)] : []),
      ...(spec.placeholder !== undefined ? [bind("placeholder", spec.placeholder)] : []),
    ];
    return attrsType(
      spec.elemType,
      apply(ref("lib.types.attrsWith"), attrs(fields)),
      `types.attrsWith(${infoOf(spec.elemType, "types.attrsWith").name})`,
    );
  },
  /** `lib.types.nullOr t`: `null` or a value of `t`. */
  nullOr: nullOrType,
  /** `lib.types.enum [ ... ]`: one of the given strings, integers or booleans. */
  enum: enumType,
  /** `lib.types.either a b`: a value of `a` or of `b`. */
  either: eitherType,
  /** `lib.types.oneOf [ ... ]`: a value of one of the types. */
  oneOf: oneOfType,
  /** `lib.types.uniq t`: a value of `t` that may be defined only once. */
  uniq: <V>(t: OptionType<V>): OptionType<V> =>
    wrapped(apply(ref("lib.types.uniq"), t), "types.uniq", t),
  /** `lib.types.unique { message; } t`: like `uniq`, with a message for a second definition. */
  unique: <V>(spec: { readonly message: string }, t: OptionType<V>): OptionType<V> =>
    wrapped(apply(ref("lib.types.unique"), attrs({ message: spec.message }), t), "types.unique", t),
  /** `lib.types.functionTo t`: a function returning `t` (only a Nix expression will do). */
  functionTo: <V>(t: OptionType<V>): OptionType<never> =>
    exprOnly(
      apply(ref("lib.types.functionTo"), t),
      `types.functionTo(${infoOf(t, "types.functionTo").name})`,
      "a function",
    ),
  /**
   * `lib.types.coercedTo from f to`: a value of `to`, or of `from` converted by the Nix
   * function `f`.
   */
  coercedTo: <A, B>(from: OptionType<A>, coerce: Expr, to: OptionType<B>): OptionType<A | B> => {
    const ia = infoOf(from, "types.coercedTo");
    const ib = infoOf(to, "types.coercedTo");
    const name = `types.coercedTo(${ia.name}, ..., ${ib.name})`;
    return mkType<A | B>(
      apply(ref("lib.types.coercedTo"), from, coerce, to),
      name,
      firstOf(name, [ib, ia]),
    );
  },
  /** `lib.types.addCheck t check`: `t` with an extra Nix predicate (unchecked here). */
  addCheck: <V>(t: OptionType<V>, check: Expr): OptionType<V> =>
    wrapped(apply(ref("lib.types.addCheck"), t, check), "types.addCheck", t),
  /**
   * `lib.types.submodule`: given `{ options }` (printed `{ options = { ... }; }`; values
   * are checked against those options), or any Nix expression of a module.
   */
  submodule: submoduleType as {
    <const T extends OptionTree>(module: SubmoduleSpec<T>): OptionType<SubmoduleValue<T>>;
    (module: Expr): OptionType<{ readonly [name: string]: ExprLike }>;
  },
  /** `lib.types.submoduleWith { modules = [ ... ]; ... }`: a submodule with full control. */
  submoduleWith: submoduleWithType,
  /** `lib.types.deferredModuleWith { staticModules = [ ... ]; }`. */
  deferredModuleWith: (spec: {
    readonly staticModules?: readonly ExprLike[];
  }): OptionType<never> => {
    checkKeys(spec, ["staticModules"], "types.deferredModuleWith");
    const fields =
      spec.staticModules !== undefined ? [bind("staticModules", list(spec.staticModules))] : [];
    return exprOnly(
      apply(ref("lib.types.deferredModuleWith"), attrs(fields)),
      "types.deferredModuleWith",
      "a module",
    );
  },
  /**
   * `lib.types.attrTag { tag = mkOption { ... }; ... }`: a set with exactly one of the
   * tags as its only attribute, whose value has that tag's option type.
   */
  attrTag: attrTagType,
  /**
   * Any Nix expression that evaluates to an option type, e.g. a settings format's
   * `(pkgs.formats.yaml { }).type`: printed as given, values converted as plain data
   * (unchecked).
   */
  fromNix: (expr: Expr): OptionType<ExprLike> => {
    if (!isNode(expr)) throw new NixAstError("types.fromNix expects a node");
    return mkType<ExprLike>(expr, "types.fromNix(...)", (v) => toExpr(v as ExprLike));
  },
  /** `lib.types.luaInline`: Lua code made with `lib.generators.mkLuaInline`. */
  luaInline: exprOnly(
    ref("lib.types.luaInline"),
    "types.luaInline",
    "lib.generators.mkLuaInline ...",
  ),
} as const;
