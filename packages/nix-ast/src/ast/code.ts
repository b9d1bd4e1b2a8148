/**
 * Parameters that are Nix code (a condition, a function, the package set) take nodes, or
 * for a condition also a JavaScript boolean; never a string, which would print as text:
 * `mkIf("cfg.enable", ...)` would be `lib.mkIf "cfg.enable" ...`, which fails in Nix.
 *
 * @packageDocumentation
 */
import { NixAstError } from "../errors.js";
import { isNode, NODE } from "./mark.js";
import type { Expr } from "./nodes.js";
import { describe } from "./plain.js";

/** A Nix boolean: an expression (`ref("cfg.enable")`), or `true` / `false`. */
export type Condition = Expr | boolean;

const HINT = 'write code as a node: ref("cfg.enable"), nix`cfg.port > 0`, op(a, "&&", b)';

/**
 * `value` as the node of a parameter that is code (`what` names it in the message);
 * a string, or any other plain value, is a `NixAstError`.
 */
export function codeArg(value: Expr, what: string): Expr {
  if (isNode(value)) return value;
  throw new NixAstError(`${what} must be Nix code, not ${describe(value)} (${HINT})`);
}

/** A {@link Condition} as a node. */
export function conditionArg(value: Condition, what: string): Expr {
  if (typeof value === "boolean") {
    return { kind: "var", name: value ? "true" : "false", [NODE]: true };
  }
  if (isNode(value)) return value;
  throw new NixAstError(
    `${what} must be a Nix condition or a boolean, not ${describe(value)} (${HINT})`,
  );
}
