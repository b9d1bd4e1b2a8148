/**
 * Parsing of deeply nested sources on a worker thread with a large stack, for the
 * caller synchronously: the main thread waits (`Atomics.wait`) for the worker's answer
 * and takes it with `receiveMessageOnPort`. The tree comes back as JSON (parsed without
 * recursion by V8) and its bigints restored without recursion.
 *
 * @packageDocumentation
 */
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Expr } from "../ast/nodes.js";
import { NixParseError } from "./error.js";

/** The worker's stack, in MB: enough for `MAX_NESTING` steps with room to spare. */
const STACK_MB = 256;

/** Marks a bigint in the JSON the worker sends (no string of the tree can hold NUL). */
export const BIGINT_MARK = "\u0000bigint:";

/** What the worker answers. */
export type DeepAnswer =
  | { readonly json: string }
  | { readonly error: string; readonly offset: number }
  | { readonly fatal: string };

/**
 * Parses `source` on a worker thread with a {@link STACK_MB} MB stack and returns the
 * tree, or throws the NixParseError the worker met. When no worker can be started
 * (a bundled copy without its worker file, say), throws "expression nested too deeply".
 */
export function parseDeep(source: string, file: string | undefined): Expr {
  const answer = runWorker(source, file);
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
  return rebuild(JSON.parse(answer.json) as unknown) as Expr;
}

/**
 * The worker's code: loads `deep-worker` (through tsx's loader when running from
 * TypeScript sources, as in the tests) and answers even when loading fails, so that the
 * waiting caller never hangs.
 */
function workerCode(url: string, ts: boolean): string {
  const load = ts
    ? `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`
    : `import(${JSON.stringify(url)})`;
  return `
const { workerData } = require("node:worker_threads");
${load}.catch((e) => {
  workerData.port.postMessage({ fatal: String(e && e.stack || e) });
  Atomics.store(workerData.flag, 0, 1);
  Atomics.notify(workerData.flag, 0);
});
`;
}

function runWorker(source: string, file: string | undefined): DeepAnswer | null {
  const ts = import.meta.url.endsWith(".ts");
  const url = new URL(ts ? "./deep-worker.ts" : "./deep-worker.js", import.meta.url).href;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(workerCode(url, ts), {
      eval: true,
      workerData: { source, file, port: port2, flag },
      transferList: [port2],
      resourceLimits: { stackSizeMb: STACK_MB },
      stdout: false,
      stderr: false,
    });
  } catch {
    return null;
  }
  try {
    // The worker sets the flag after posting its answer (a crash leaves it unset).
    const deadline = Date.now() + 120_000;
    while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) {
      Atomics.wait(flag, 0, 0, 1_000);
    }
    const m = receiveMessageOnPort(port1);
    return m ? (m.message as DeepAnswer) : null;
  } finally {
    void worker.terminate();
    port1.close();
  }
}

/** Bigints restored, with an explicit stack. */
function rebuild(root: unknown): unknown {
  const stack: object[] = [];
  if (typeof root === "object" && root !== null) stack.push(root);
  while (stack.length > 0) {
    const o = stack.pop() as Record<string | symbol, unknown>;
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (typeof v === "string" && v.startsWith(BIGINT_MARK))
        o[k] = BigInt(v.slice(BIGINT_MARK.length));
      else if (typeof v === "object" && v !== null) stack.push(v);
    }
  }
  return root;
}
