/**
 * The worker of `deep.ts`: prints the tree it is sent on its large stack and answers
 * with the text, or the printer's error.
 *
 * @packageDocumentation
 */
import type { ExprLike } from "../ast/builders.js";
import { serve } from "../deep/run.js";
import { fromWire } from "../deep/wire.js";
import { NixAstError } from "../errors.js";
import type { DeepPrintAnswer } from "./deep.js";
import { printFile } from "./print.js";

serve(
  ({ json, width }: { json: string; width: number }): DeepPrintAnswer => ({
    text: printFile(fromWire(json) as ExprLike, width),
  }),
  (e): DeepPrintAnswer | undefined =>
    e instanceof NixAstError ? { problem: e.problem, location: e.location } : undefined,
);
