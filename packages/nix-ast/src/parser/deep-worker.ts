/**
 * The worker of `deep.ts`: parses with the full nesting limit on its large stack and
 * answers with the tree, or the error.
 *
 * @packageDocumentation
 */
import { serve } from "../deep/run.js";
import { toWire } from "../deep/wire.js";
import type { DeepParseAnswer } from "./deep.js";
import { NixParseError } from "./error.js";
import { MAX_NESTING, parseWith } from "./parser.js";

serve(
  ({ source, file }: { source: string; file: string | undefined }): DeepParseAnswer => ({
    json: toWire(parseWith(source, file, MAX_NESTING))!,
  }),
  (e): DeepParseAnswer | undefined =>
    e instanceof NixParseError ? { error: e.message, offset: e.offset } : undefined,
);
