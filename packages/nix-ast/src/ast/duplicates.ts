/**
 * Names defined twice in a set or a `let`, by Nix 2.8's rules (each checked with
 * `nix-instantiate --parse`): a path `a.b.c = v` walks into sets made by earlier paths or
 * set literals; a set literal `a = { ... }` for a name that holds a set merges one level
 * deep, its names new there; anything else defined twice is an error.
 */
import type { Assign, AttrName, Attrs, Binding, Expr } from "./nodes.js";
import { formatAttrName } from "../syntax/names.js";

/**
 * Refuses, through `fail`, a name defined twice among `bs`, a dynamic name heading a
 * `let` binding (`inLet`), and a dynamic name in `inherit`.
 */
export function checkBindings(
  bs: readonly Binding[],
  inLet: boolean,
  fail: (problem: string) => never,
): void {
  if (distinctSingleNames(bs)) return; // the common case
  const root: DefinedSet = new Map();
  const define = (set: DefinedSet, path: readonly AttrName[], value: Expr): void => {
    let node = set;
    for (let i = 0; i < path.length; i++) {
      const n = path[i]!;
      if (n.kind === "dynamic") return; // known only when evaluated
      const last = i === path.length - 1;
      const prev = expand(node, n.name);
      if (!last) {
        if (prev === undefined) {
          const child: DefinedSet = new Map();
          node.set(n.name, child);
          node = child;
        } else if (prev === LEAF) {
          fail(
            `attribute "${path
              .slice(0, i + 1)
              .map(nameText)
              .join(".")}" is defined twice`,
          );
        } else node = prev;
        continue;
      }
      const literal = value.kind === "attrs" && !value.rec ? value : undefined;
      if (prev === undefined) {
        // A set literal is looked into only if something extends it later: its own
        // duplicates are reported where it stands.
        node.set(n.name, literal ?? LEAF);
      } else if (prev !== LEAF && literal) {
        for (const b of literal.bindings) {
          const head = b.kind === "inherit" ? b.names[0] : b.path[0];
          if (head?.kind === "name" && prev.has(head.name)) {
            fail(`attribute "${[...path.map(nameText), head.name].join(".")}" is defined twice`);
          }
          defineBinding(prev, b);
        }
      } else {
        fail(`attribute "${path.map(nameText).join(".")}" is defined twice`);
      }
    }
  };
  const expand = (set: DefinedSet, name: string): DefinedSet | typeof LEAF | undefined => {
    const v = set.get(name);
    if (v === undefined || v === LEAF || v instanceof Map) return v;
    const child: DefinedSet = new Map();
    set.set(name, child);
    for (const b of v.bindings) defineBinding(child, b);
    return child;
  };
  const defineBinding = (set: DefinedSet, b: Binding): void => {
    if (b.kind === "inherit") {
      for (const n of b.names) {
        if (n.kind !== "name") fail("a dynamic name cannot be inherited");
        if (set.has(n.name)) fail(`attribute "${n.name}" is defined twice`);
        set.set(n.name, LEAF);
      }
    } else define(set, b.path, b.value);
  };
  for (const b of bs) {
    if (b.kind === "assign" && b.path[0].kind === "dynamic" && inLet) {
      fail("a let binding cannot have a dynamic name");
    }
    defineBinding(root, b);
  }
}

/** What a set defines, for finding names defined twice. */
type DefinedSet = Map<string, DefinedSet | Attrs | typeof LEAF>;
const LEAF = 0;

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
