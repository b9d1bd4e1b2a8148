/**
 * Printing of trees nested deeper than the main thread's stack allows, on a worker thread
 * with a large stack (`deep/run.ts`), for the caller synchronously.
 *
 * @packageDocumentation
 */
import type { ExprLike } from "../ast/builders.js";
import { runOnLargeStack, siblingModule } from "../deep/run.js";
import { toWire } from "../deep/wire.js";
import { NixAstError } from "../errors.js";

/** What the worker answers. */
export type DeepPrintAnswer =
  | { readonly text: string }
  | { readonly problem: string; readonly location: readonly string[] }
  | { readonly fatal: string };

/**
 * `expr` printed on a worker thread, or undefined when it cannot be sent there (it holds
 * a function, say) or no worker starts; throws the `NixAstError` the printer met there.
 */
export function printDeep(expr: ExprLike, width: number): string | undefined {
  const json = toWire(expr);
  if (json === undefined) return undefined;
  const url = siblingModule(import.meta.url, "deep-worker");
  const answer = runOnLargeStack(url, { json, width }) as DeepPrintAnswer | null;
  if (answer === null || "fatal" in answer) return undefined;
  if ("problem" in answer) throw new NixAstError(answer.problem, answer.location);
  return answer.text;
}
