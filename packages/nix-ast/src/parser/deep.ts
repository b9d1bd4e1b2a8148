/**
 * Parsing of deeply nested sources on a worker thread with a large stack
 * (`deep/run.ts`), for the caller synchronously. The tree comes back as JSON written and
 * read without recursion (`deep/wire.ts`).
 *
 * @packageDocumentation
 */
import type { Expr } from "../ast/nodes.js";
import { runOnLargeStack, siblingModule } from "../deep/run.js";
import { fromWire } from "../deep/wire.js";
import { NixParseError } from "./error.js";

/** What the worker answers. */
export type DeepParseAnswer =
  | { readonly json: string }
  | { readonly error: string; readonly offset: number }
  | { readonly fatal: string };

/**
 * Parses `source` on a worker thread with a large stack and returns the tree, or throws
 * the NixParseError the worker met. When no worker can be started (a bundled copy
 * without its worker file, say), throws "expression nested too deeply".
 */
export function parseDeep(source: string, file: string | undefined): Expr {
  const url = siblingModule(import.meta.url, "deep-worker");
  const answer = runOnLargeStack(url, { source, file }) as DeepParseAnswer | null;
  if (answer === null) {
    throw NixParseError.at(
      source,
      0,
      "expression nested too deeply (no worker thread to parse it)",
      file,
    );
  }
  if ("error" in answer) throw NixParseError.at(source, answer.offset, answer.error, file);
  if ("fatal" in answer)
    throw new Error(`nix-ast: parsing on a worker thread failed: ${answer.fatal}`);
  return fromWire(answer.json) as Expr;
}
