/**
 * `dotted`: a set from a plain object, written as nixpkgs writes modules: a chain of sets
 * of one attribute each becomes one dotted binding (`users.users.tally = { ... };`
 * rather than `users = { users = { tally = { ... }; }; };`). Both mean the same in Nix.
 *
 * @packageDocumentation
 */
import { bind, toExpr, type ExprLike } from "./builders.js";
import { isNode, NODE } from "./mark.js";
import type { Assign, Attrs } from "./nodes.js";
import { nonPlain } from "./plain.js";

/** A plain object whose values `dotted` converts (nodes and arrays are kept as they are). */
export type DottedObject = { readonly [name: string]: ExprLike | undefined };

function isPlainObject(v: unknown): v is DottedObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isNode(v) && !nonPlain(v);
}

function definedKeys(o: DottedObject): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined);
}

/**
 * The set of `object`'s keys, where a value that is a plain object with one key is
 * written as a longer path, at every level (`undefined` values are left out, as
 * `toExpr` leaves them out). Nodes and arrays inside are converted as `toExpr` does.
 *
 * @example
 * ```ts
 * print(dotted({ users: { users: { tally: { isSystemUser: true, group: "tally" } } } }));
 * // {
 * //   users.users.tally = {
 * //     isSystemUser = true;
 * //     group = "tally";
 * //   };
 * // }
 * ```
 */
export function dotted(object: DottedObject): Attrs {
  if (!isPlainObject(object)) return toExpr(object as ExprLike) as Attrs;
  const bindings: Assign[] = definedKeys(object).map((key) => {
    const path = [key];
    let value = object[key] as ExprLike;
    for (;;) {
      if (!isPlainObject(value)) break;
      const keys = definedKeys(value);
      if (keys.length !== 1) break;
      path.push(keys[0]!);
      value = value[keys[0]!] as ExprLike;
    }
    return bind(path as [string, ...string[]], isPlainObject(value) ? dotted(value) : value);
  });
  return { kind: "attrs", bindings, [NODE]: true };
}
