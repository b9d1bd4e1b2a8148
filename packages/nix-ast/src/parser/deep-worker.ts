/**
 * The worker of `deep.ts`: parses with the full nesting limit on its large stack and
 * answers with the tree as JSON, or the error.
 *
 * @packageDocumentation
 */
import { workerData, type MessagePort } from "node:worker_threads";
import { BIGINT_MARK, type DeepAnswer } from "./deep.js";
import { NixParseError } from "./error.js";
import { MAX_NESTING, parseWith } from "./parser.js";

const { source, file, port, flag } = workerData as {
  source: string;
  file: string | undefined;
  port: MessagePort;
  flag: Int32Array;
};

let answer: DeepAnswer;
try {
  const tree = parseWith(source, file, MAX_NESTING);
  answer = {
    json: JSON.stringify(tree, (_, v: unknown) =>
      typeof v === "bigint" ? BIGINT_MARK + v.toString() : v,
    ),
  };
} catch (e) {
  answer =
    e instanceof NixParseError
      ? { error: e.message, offset: e.offset }
      : { fatal: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
port.postMessage(answer);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
