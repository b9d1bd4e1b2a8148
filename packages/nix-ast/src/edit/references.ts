/**
 * Whether a `rec` set refers to one of its names as a variable: then adding, removing or
 * renaming that attribute changes what the reference means.
 *
 * @packageDocumentation
 */
import { mapChildren } from "../ast/map.js";
import type { Attrs, Expr } from "../ast/nodes.js";

/**
 * True when a value in `set` (or an `inherit (e)` source) holds the variable `name`.
 * Shadowing by an inner `let` or function is not looked at: the answer errs towards yes.
 */
export function referencesName(set: Attrs, name: string): boolean {
  let found = false;
  const visit = (e: Expr): Expr => {
    if (found) return e;
    if (e.kind === "var" && e.name === name) found = true;
    else mapChildren(e, visit);
    return e;
  };
  visit(set);
  return found;
}
