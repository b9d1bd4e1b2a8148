/**
 * The editing functions: read or change one attribute of a Nix file's text, leaving the
 * rest of the text as it was, byte for byte.
 *
 * @packageDocumentation
 */
import { isDeepStrictEqual } from "node:util";
import {
  attrs,
  bind,
  name as attrName,
  recAttrs,
  ref,
  select,
  toExpr,
  type ExprLike,
} from "../ast/builders.js";
import type { AttrName, AttrPath, Attrs, Binding, Expr, Inherit, List } from "../ast/nodes.js";
import { normalize } from "../parser/normalize.js";
import { NixEditError } from "./error.js";
import {
  isWhole,
  locate,
  placeFor,
  staticName,
  type Definition,
  type Location,
  type Step,
} from "./locate.js";
import { readAttrPath, showAttrPath, type AttrPathInput } from "./path.js";
import { Source } from "./source.js";
import { spliceElements } from "./splice.js";
import { referencesName } from "./references.js";

/** Options of the editing functions. */
export interface EditOptions {
  /** The file's name, for error messages. */
  readonly file?: string;
}

/** One parse of the text and the path's definitions in it. */
interface Found {
  readonly src: Source;
  readonly loc: Location;
  readonly shown: string;
}

function find(text: string, names: readonly string[], options: EditOptions): Found {
  const src = Source.parse(text, options.file);
  return { src, loc: locate(src, names), shown: showAttrPath(names) };
}

function absent(f: Found): NixEditError {
  return new NixEditError("absent", f.shown, "no such attribute", f.src.file);
}

/**
 * The value of the attribute at `path` in the Nix source `text`, as a tree (with its
 * comments). An attribute written in several bindings (`a.b = 1; a.c = 2;` for `a`) is
 * the set they make together. Throws {@link NixEditError} when the path is absent,
 * dynamic or leads through something that is not a set, and `NixParseError` when the text
 * is not Nix.
 *
 * @example
 * ```ts
 * import { getAttr, print } from "@atbb/nix-ast";
 * print(getAttr('{ inputs.nixpkgs.url = "github:NixOS/nixpkgs"; }', "inputs.nixpkgs"));
 * // { url = "github:NixOS/nixpkgs"; }
 * ```
 */
export function getAttr(text: string, path: AttrPathInput, options: EditOptions = {}): Expr {
  const f = find(text, readAttrPath(path), options);
  const defs = f.loc.defs;
  const only = defs[0];
  if (only === undefined) throw absent(f);
  if (defs.length === 1 && isWhole(only)) return valueOf(only);
  // Several bindings make the set together: nested sets' bindings and dotted remainders.
  const bindings: Binding[] = [];
  let rec = false;
  for (const d of defs) {
    const b = d.binding;
    if (b.kind === "assign" && !isWhole(d)) {
      bindings.push(bind(b.path.slice(d.at + 1) as [AttrName, ...AttrName[]], b.value));
      continue;
    }
    let v = valueOf(d);
    while (v.kind === "paren") v = v.expr;
    if (v.kind !== "attrs") throw new Error("nix-ast: a non-set merged with a set");
    bindings.push(...v.bindings);
    rec ||= v.rec === true;
  }
  return rec ? recAttrs(bindings) : attrs(bindings);
}

/** The value a whole definition gives its name. */
function valueOf(d: Definition): Expr {
  const b = d.binding;
  if (b.kind === "assign") return b.value;
  const n = d.name as Extract<AttrName, { kind: "name" }>;
  return b.from === undefined ? ref(n.name) : select(b.from, [n]);
}

/**
 * `text` with the attribute at `path` set to `value` (a tree or a plain value). An
 * existing binding gets the new value; a path written in several bindings becomes one;
 * a missing one is added where it belongs: inside the deepest set of the path that the
 * file writes, beside the binding sharing most of its path (`inputs.b.url = ...;` after
 * `inputs.a.url = ...;`), else last. The changed binding is laid out in the official
 * format at its place; the rest of the text is unchanged, byte for byte.
 *
 * @example
 * ```ts
 * import { setAttr } from "@atbb/nix-ast";
 * setAttr('{\n  version = "1.0"; # pinned\n}\n', "version", "1.1");
 * // {
 * //   version = "1.1"; # pinned
 * // }
 * ```
 */
export function setAttr(
  text: string,
  path: AttrPathInput,
  value: ExprLike,
  options: EditOptions = {},
): string {
  const names = readAttrPath(path);
  const v = toExpr(value);
  for (;;) {
    const f = find(text, names, options);
    const { defs } = f.loc;
    const last = defs[defs.length - 1];
    if (last !== undefined && defs.length > 1) {
      text = removeDefinition(f, last);
      continue;
    }
    if (last !== undefined) return replaceDefinition(f, last, v);
    const { scope, index } = placeFor(f.loc);
    const rest = names.slice(scope.depth) as [string, ...string[]];
    checkFreeName(f, scope.set, rest[0], "adding it");
    return spliceElements(f.src, scope.set, index, index, [bind(rest, v)], scope.chain);
  }
}

/** The definition replaced by one binding of the path to `value`. */
function replaceDefinition(f: Found, d: Definition, value: Expr): string {
  const b = d.binding;
  if (b.kind === "assign")
    return spliceDefinition(f, d, [
      bind(b.path.slice(0, d.at + 1) as unknown as AttrPath, value, b.trivia),
    ]);
  return spliceDefinition(f, d, inheritedAs(b, d.name, d.name, value));
}

/**
 * An inherited name turned into a binding `as = value`: the `inherit` keeps its other
 * names (and its comments go to what stays first).
 */
function inheritedAs(b: Inherit, n: AttrName, as: AttrName | string, value: Expr): Binding[] {
  const rest = withoutName(b, n);
  return rest === null ? [bind([as], value, b.trivia)] : [rest, bind([as], value)];
}

/** The text without the definition (an `inherit` loses only the name). */
function removeDefinition(f: Found, d: Definition): string {
  const b = d.binding;
  const rest = b.kind === "inherit" ? withoutName(b, d.name) : null;
  return spliceDefinition(f, d, rest === null ? [] : [rest]);
}

function spliceDefinition(f: Found, d: Definition, replacement: readonly Binding[]): string {
  return spliceElements(f.src, d.scope.set, d.index, d.index + 1, replacement, d.scope.chain);
}

/** The `inherit` without one of its names, or null when it has no other. */
function withoutName(b: Inherit, n: AttrName): Inherit | null {
  const names = b.names.filter((m) => m !== n);
  return names.length === 0 ? null : { ...b, names };
}

/**
 * `text` without the attribute at `path`: every binding that defines it goes, with its
 * comments (a name of an `inherit` goes from the list). A set that only the removed
 * dotted bindings made (`a.b` of `a.b.c = 1;`) goes with them; a set written as `{ ... }`
 * stays, even empty.
 *
 * @example
 * ```ts
 * import { removeAttr } from "@atbb/nix-ast";
 * removeAttr("{\n  a = 1;\n  # about b\n  b = 2;\n}\n", "b");
 * // {
 * //   a = 1;
 * // }
 * ```
 */
export function removeAttr(text: string, path: AttrPathInput, options: EditOptions = {}): string {
  const names = readAttrPath(path);
  let f = find(text, names, options);
  if (f.loc.defs.length === 0) throw absent(f);
  for (let d = f.loc.defs[f.loc.defs.length - 1]; d !== undefined; d = f.loc.defs.at(-1)) {
    checkFreeName(f, d.scope.set, names[d.scope.depth]!, "removing it", d.binding);
    f = find(removeDefinition(f, d), names, options);
  }
  return f.src.text;
}

/** The definition binds a variable of its `rec` set (its path's first name is the path's). */
function isTopName(d: Definition): boolean {
  return d.binding.kind === "inherit" || d.at === 0;
}

/**
 * Refuses an edit that makes `name` appear in or vanish from a `rec` set (no binding
 * other than `except` defines it) whose values refer to a variable of that name: the
 * reference would change meaning.
 */
function checkFreeName(f: Found, set: Attrs, name: string, doing: string, except?: Binding): void {
  if (set.rec !== true || !referencesName(set, name)) return;
  const defines = (b: Binding) =>
    b !== except &&
    (b.kind === "inherit" ? b.names.some((n) => n.name === name) : staticName(b.path[0]) === name);
  if (set.bindings.some(defines)) return;
  throw new NixEditError(
    "in-use",
    f.shown,
    `${showAttrPath([name])} is used as a variable in its rec set (${f.src.where(f.src.span(set).start)}): ${doing} would change what that refers to`,
    f.src.file,
  );
}

/**
 * `text` with the last name of the attribute at `path` renamed to `newName`, in every
 * binding that defines it (an inherited name becomes a binding of the inherited value).
 * Throws {@link NixEditError} `exists` when the new name is taken.
 *
 * @example
 * ```ts
 * import { renameAttr } from "@atbb/nix-ast";
 * renameAttr("{\n  services.foo.enable = true;\n}\n", "services.foo", "bar");
 * // {
 * //   services.bar.enable = true;
 * // }
 * ```
 */
export function renameAttr(
  text: string,
  path: AttrPathInput,
  newName: string,
  options: EditOptions = {},
): string {
  const names = readAttrPath(path);
  const [renamedTo] = readAttrPath([newName]);
  const target = [...names.slice(0, -1), renamedTo!];
  let f = find(text, names, options);
  if (f.loc.defs.length === 0) throw absent(f);
  if (renamedTo === names[names.length - 1]) return text;
  const taken = find(text, target, options);
  if (taken.loc.defs.length > 0) {
    throw new NixEditError("exists", f.shown, `${taken.shown} is already defined`, f.src.file);
  }
  for (let d = f.loc.defs[0]; d !== undefined; d = f.loc.defs[0]) {
    if (isTopName(d)) {
      checkFreeName(f, d.scope.set, names[d.scope.depth]!, "renaming it", d.binding);
      checkFreeName(f, d.scope.set, renamedTo!, "renaming to it");
    }
    f = find(renameDefinition(f, d, renamedTo!), names, options);
  }
  return f.src.text;
}

function renameDefinition(f: Found, d: Definition, newName: string): string {
  const b = d.binding;
  if (b.kind === "inherit")
    return spliceDefinition(f, d, inheritedAs(b, d.name, newName, valueOf(d)));
  const path = b.path.map((n, i) => (i === d.at ? attrName(newName) : n)) as unknown as AttrPath;
  return spliceDefinition(f, d, [bind(path, b.value, b.trivia)]);
}

// ---------------------------------------------------------------- lists

/** The list literals a binding's value concatenates (`[ ... ]`, `[ ... ] ++ [ ... ]`). */
interface ListValue {
  readonly f: Found;
  /** The binding's value's list literals, in order; null where an operand is another value. */
  readonly operands: readonly (List | null)[];
  /** From the file's set to the binding holding the value. */
  readonly chain: readonly Step[];
}

function findList(text: string, names: readonly string[], options: EditOptions): ListValue {
  const f = find(text, names, options);
  const d = f.loc.defs[0];
  if (d === undefined) throw absent(f);
  const b = d.binding;
  if (f.loc.defs.length > 1 || b.kind !== "assign" || !isWhole(d)) {
    const what = b.kind === "inherit" ? "inherited" : "a set";
    throw new NixEditError(
      "not-a-list",
      f.shown,
      `not a list written in the file: it is ${what}`,
      f.src.file,
    );
  }
  const operands: (List | null)[] = [];
  const gather = (e: Expr): void => {
    // `with pkgs; [ git ]`, `let ... in [ ... ]`, `( ... )`: the list is what they give.
    while (e.kind === "paren" || e.kind === "with" || e.kind === "let") {
      e = e.kind === "paren" ? e.expr : e.body;
    }
    if (e.kind === "binary" && e.op === "++") {
      gather(e.left);
      gather(e.right);
    } else operands.push(e.kind === "list" ? e : null);
  };
  gather(b.value);
  if (!operands.some((o) => o !== null)) {
    throw new NixEditError("not-a-list", f.shown, "not a list written in the file", f.src.file);
  }
  return { f, operands, chain: [...d.scope.chain, { set: d.scope.set, index: d.index }] };
}

/**
 * `text` with `item` (a tree or a plain value) added at the end of the list at `path`
 * (the last list of a `++` chain), on a line of its own when the list is written across
 * lines.
 *
 * @example
 * ```ts
 * import { appendToList, path } from "@atbb/nix-ast";
 * appendToList("{\n  imports = [\n    ./a.nix\n  ];\n}\n", "imports", path("./b.nix"));
 * // {
 * //   imports = [
 * //     ./a.nix
 * //     ./b.nix
 * //   ];
 * // }
 * ```
 */
export function appendToList(
  text: string,
  path: AttrPathInput,
  item: ExprLike,
  options: EditOptions = {},
): string {
  const { f, operands, chain } = findList(text, readAttrPath(path), options);
  const last = operands[operands.length - 1];
  if (last === null || last === undefined) {
    throw new NixEditError(
      "not-a-list",
      f.shown,
      "its last operand of ++ is not a list written in the file",
      f.src.file,
    );
  }
  const n = last.items.length;
  return spliceElements(f.src, last, n, n, [toExpr(item)], chain);
}

/**
 * `text` without the items of the list at `path` (of every list of a `++` chain) that
 * equal `item` (compared as Nix reads them: layout, comments and parentheses aside),
 * each with its comments. Throws {@link NixEditError} `no-such-item` when there is none.
 *
 * @example
 * ```ts
 * import { removeFromList } from "@atbb/nix-ast";
 * removeFromList('{\n  xs = [\n    "a"\n    "b"\n  ];\n}\n', "xs", "a");
 * // {
 * //   xs = [
 * //     "b"
 * //   ];
 * // }
 * ```
 */
export function removeFromList(
  text: string,
  path: AttrPathInput,
  item: ExprLike,
  options: EditOptions = {},
): string {
  const names = readAttrPath(path);
  const wanted = normalize(toExpr(item));
  let removed = 0;
  for (;;) {
    const { f, operands, chain } = findList(text, names, options);
    const hit = lastEqual(operands, wanted);
    if (hit === undefined) {
      if (removed > 0) return text;
      throw new NixEditError("no-such-item", f.shown, "the list holds no such item", f.src.file);
    }
    text = spliceElements(f.src, hit.list, hit.index, hit.index + 1, [], chain);
    removed++;
  }
}

function lastEqual(
  operands: readonly (List | null)[],
  wanted: Expr,
): { list: List; index: number } | undefined {
  for (let o = operands.length - 1; o >= 0; o--) {
    const l = operands[o];
    if (l === null || l === undefined) continue;
    for (let i = l.items.length - 1; i >= 0; i--) {
      if (isDeepStrictEqual(normalize(l.items[i]!), wanted)) return { list: l, index: i };
    }
  }
  return undefined;
}
