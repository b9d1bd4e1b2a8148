/**
 * The mark that tells a node from data. Every node the library makes (builders, parser,
 * `nix` template, rewrites) carries it; plain data never does by accident: JSON and YAML
 * cannot produce a symbol key. Object spread copies it, so `{ ...node, trivia }` is still
 * a node.
 *
 * @packageDocumentation
 */
import type { Expr } from "./nodes.js";

/**
 * The key of the mark on every expression node (`node[NODE] === true`). Registered with
 * `Symbol.for`, so that two copies of the library recognize each other's nodes.
 */
export const NODE: unique symbol = Symbol.for("@atbb/nix-ast/node");

/** The mark as a type: what every expression node has. */
export interface Marked {
  readonly [NODE]: true;
}

/** A node's fields without its mark: what {@link node} takes. */
export type Unmarked<T> = T extends unknown ? Omit<T, typeof NODE> : never;

/**
 * A node made from its fields: `node({ kind: "var", name: "x" })`, for code that builds
 * nodes by hand (the builders are shorter). Returns a new object: the fields with the mark.
 */
export function node<const T extends Unmarked<Expr>>(fields: T): T & Marked {
  return { ...fields, [NODE]: true };
}

/**
 * True for expression nodes: objects that carry the mark ({@link NODE}) the builders and the
 * parser put on every node. Anything else is data, even with a `kind` key: `{ kind: "int" }`
 * is a set.
 */
export function isNode(value: unknown): value is Expr {
  return (
    typeof value === "object" && value !== null && (value as { [NODE]?: unknown })[NODE] === true
  );
}
