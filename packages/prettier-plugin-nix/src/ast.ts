/**
 * What the plugin's parser hands Prettier: one node for the whole file, holding the
 * tree nix-ast parsed.
 *
 * @packageDocumentation
 */
import type { Expr } from "@atbb/nix-ast";

/**
 * A parsed `.nix` file. It is the only node Prettier sees: the layout of the whole
 * file is nix-ast's, so Prettier has no smaller nodes to place comments on or to
 * format a range of (see the README for what that means for range formatting).
 */
export interface NixFile {
  readonly type: "NixFile";
  /** The expression of the file, with its comments and blank lines as trivia. */
  readonly tree: Expr;
  /** Offset where the file starts in the text Prettier parsed (always 0). */
  readonly start: number;
  /** Offset where it ends: the length of that text. */
  readonly end: number;
}

/** Where a node starts, for Prettier. */
export function locStart(node: NixFile): number {
  return node.start;
}

/** Where a node ends, for Prettier. */
export function locEnd(node: NixFile): number {
  return node.end;
}
