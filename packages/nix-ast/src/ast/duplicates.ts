/**
 * Names defined twice in a set or a `let`, by Nix 2.8's own rules (its parser's
 * `addAttr`), which the parser and the printer both follow:
 * - a path `a.b.c = v` walks into the sets that earlier paths made, and into set literals
 *   (`rec` ones and parenthesized ones too), adding its names to them;
 * - a set literal `a = { ... }` under a name that already holds a set merges into it one
 *   level deep, its names new there (`{ a.b = 1; a = { c = 2; }; }` is fine);
 * - anything else defined twice is an error, and so is a path through an inherited name;
 * - a dynamic name (`${e}`, `"a${b}"`) is known only when evaluated: it is never a
 *   duplicate; `${"a"}` and `"a"` are static names.
 */
import type { Assign, AttrName, AttrPath, Binding, Expr } from "./nodes.js";
import { formatAttrName } from "../syntax/names.js";

/** The name Nix knows without evaluating, or null for a dynamic one. */
export type StaticName = (n: AttrName) => string | null;

/** A name defined twice. */
export interface Duplicate {
  /** Its path as written (`services.ssh.port`), or the name merged in twice. */
  readonly name: string;
  /** The index of the binding that defines it again. */
  readonly at: number;
  /** The index of the binding that defined it first. */
  readonly first: number;
}

/** What a set defines: each name, with what it holds when that is a set. */
type Defined = Map<string, Entry>;
interface Entry {
  /** The names of the set it holds (made by paths, or a set literal), or null. */
  readonly nested: Defined | null;
  /** The binding that defined it. */
  readonly index: number;
}

/** Thrown inside the walk to stop at the first duplicate. */
class Found {
  constructor(readonly duplicate: Duplicate) {}
}

/**
 * The first name `bindings` define twice by Nix's rules, or undefined.
 *
 * @param staticName - how names read: the parser knows more than a tree says (an
 *   indented string that Nix builds by concatenation is a dynamic name).
 */
export function findDuplicate(
  bindings: readonly Binding[],
  staticName: StaticName = staticNameOf,
): Duplicate | undefined {
  if (distinctSingleNames(bindings)) return undefined; // the common case
  try {
    define(new Map(), bindings, undefined, staticName);
    return undefined;
  } catch (e) {
    if (e instanceof Found) return e.duplicate;
    throw e;
  }
}

/**
 * Adds what `bindings` define to `map`. `index`: the binding every name counts as defined
 * by (for the names of a set literal, the binding it is the value of).
 */
function define(
  map: Defined,
  bindings: readonly Binding[],
  index: number | undefined,
  staticName: StaticName,
): Defined {
  bindings.forEach((b, k) => {
    const at = index ?? k;
    if (b.kind === "inherit") {
      for (const n of b.names) {
        const old = map.get(n.name);
        if (old !== undefined) throw new Found({ name: n.name, at, first: old.index });
        map.set(n.name, { nested: null, index: at });
      }
    } else addAttr(map, b, at, staticName);
  });
  return map;
}

/** Nix's `addAttr` for one assignment. */
function addAttr(map: Defined, b: Assign, at: number, staticName: StaticName): void {
  const { path, value } = b;
  let m = map;
  const n = path.length;
  for (let i = 0; i < n - 1; i++) {
    const name = staticName(path[i]!);
    if (name === null) {
      m = new Map(); // under a dynamic name, nothing is known
      continue;
    }
    const ent = m.get(name);
    if (ent === undefined) {
      const nested: Defined = new Map();
      m.set(name, { nested, index: at });
      m = nested;
    } else if (ent.nested === null) {
      throw new Found({ name: pathText(path, staticName), at, first: ent.index });
    } else m = ent.nested;
  }
  const name = staticName(path[n - 1]!);
  if (name === null) return;
  const ent = m.get(name);
  const literal = setLiteral(value);
  const valueMap = literal && define(new Map(), literal, at, staticName);
  if (ent === undefined) {
    m.set(name, { nested: valueMap, index: at });
    return;
  }
  if (ent.nested === null || valueMap === null) {
    throw new Found({ name: pathText(path, staticName), at, first: ent.index });
  }
  for (const [k, v] of valueMap) {
    const old = ent.nested.get(k);
    if (old !== undefined)
      throw new Found({
        name: `${pathText(path, staticName)}.${k}`,
        at: v.index,
        first: old.index,
      });
    ent.nested.set(k, v);
  }
}

/** A path as a message names it (made only for a message: no closure per binding). */
function pathText(path: AttrPath, staticName: StaticName): string {
  return path.map((a) => staticName(a) ?? "${...}").join(".");
}

/** The bindings of a set literal (`rec` or not, parentheses aside), or null. */
function setLiteral(e: Expr): readonly Binding[] | null {
  while (e.kind === "paren") e = e.expr;
  return e.kind === "attrs" ? e.bindings : null;
}

/** The name a tree's attribute name stands for without evaluation: `a`, `"a"`, `${"a"}`. */
export function staticNameOf(n: AttrName): string | null {
  if (n.kind === "name") return n.name;
  let e = n.expr;
  while (e.kind === "paren") e = e.expr;
  if (e.kind !== "string") return null;
  if (e.parts.length === 0) return "";
  const only = e.parts[0];
  return e.parts.length === 1 && typeof only === "string" ? only : null;
}

/**
 * Refuses, through `fail`, a name defined twice among `bs` (by Nix's rules: see the
 * module notes) and a dynamic name heading a `let` binding (`inLet`).
 */
export function checkBindings(
  bs: readonly Binding[],
  inLet: boolean,
  fail: (problem: string) => never,
): void {
  for (const b of bs) {
    if (b.kind === "inherit") {
      // (Untyped data may hold anything.)
      if (b.names.some((n) => n.kind !== "name")) fail("a dynamic name cannot be inherited");
    } else if (inLet && staticNameOf(b.path[0]) === null) {
      fail("a let binding cannot have a dynamic name");
    }
  }
  const d = findDuplicate(bs);
  if (d !== undefined) fail(`attribute "${d.name}" is defined twice`);
}

/** A name as written in a path, for messages (`${...}` for a dynamic one). */
export function nameText(n: AttrName): string {
  return n.kind === "name" ? formatAttrName(n.name) : "${...}";
}

/**
 * Whether every binding defines one static name and no name comes twice: then nothing
 * can be defined twice, whatever the values.
 */
function distinctSingleNames(bs: readonly Binding[]): boolean {
  // A few names are compared pairwise, without allocating; many go through a set.
  const seen = bs.length > 16 ? new Set<string>() : undefined;
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i]!;
    if (b.kind !== "assign" || b.path.length !== 1 || b.path[0].kind !== "name") return false;
    const n = b.path[0].name;
    if (seen) {
      if (seen.has(n)) return false;
      seen.add(n);
      continue;
    }
    for (let j = 0; j < i; j++) {
      if (((bs[j] as Assign).path[0] as { name: string }).name === n) return false;
    }
  }
  return true;
}
