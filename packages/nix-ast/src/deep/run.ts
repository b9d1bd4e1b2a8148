/**
 * Work on a worker thread with a large stack, for a caller that waits for it
 * synchronously: the caller blocks on a shared flag (`Atomics.wait`) and takes the answer
 * with `receiveMessageOnPort`. The parser and the printer use it for trees nested deeper
 * than the main thread's stack allows.
 *
 * @packageDocumentation
 */
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  workerData,
  type MessagePort,
} from "node:worker_threads";

/** Whether `e` is V8's error for an exhausted stack (then try a larger one). */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/** The worker's stack, in MB. */
const STACK_MB = 256;

/** What a worker module receives as `workerData`, besides the caller's own fields. */
interface DeepChannel {
  readonly port: MessagePort;
  readonly flag: Int32Array;
}

/**
 * The body of a worker module: answers the waiting caller with what `work` returns for
 * the `workerData`, with what `explain` makes of an error it throws, or else with
 * `{ fatal }` and the error's stack.
 */
export function serve<D extends object>(
  work: (data: D) => unknown,
  explain: (error: unknown) => unknown,
): void {
  const data = workerData as DeepChannel & D;
  let reply: unknown;
  try {
    reply = work(data);
  } catch (e) {
    reply = explain(e) ?? { fatal: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  data.port.postMessage(reply);
  Atomics.store(data.flag, 0, 1);
  Atomics.notify(data.flag, 0);
}

/**
 * Runs the module at `moduleUrl` (a `.js` file, or its `.ts` source when running from
 * sources, as in the tests) on a worker with a {@link STACK_MB} MB stack, with `data` and
 * a {@link DeepChannel} as its `workerData`, and returns what it answers ({@link serve}); null
 * when no worker can start or it ends without answering. A module that fails to load
 * answers `{ fatal }`.
 */
export function runOnLargeStack(moduleUrl: string, data: object): unknown {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(workerCode(moduleUrl), {
      eval: true,
      workerData: { ...data, port: port2, flag },
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
    return m ? m.message : null;
  } finally {
    void worker.terminate();
    port1.close();
  }
}

/**
 * The worker's code: loads the module (through tsx's loader for TypeScript sources) and
 * answers even when loading fails, so that the waiting caller never hangs.
 */
function workerCode(url: string): string {
  return `
const { workerData } = require("node:worker_threads");
${importModuleCode(url)}.catch((e) => {
  workerData.port.postMessage({ fatal: String(e && e.stack || e) });
  Atomics.store(workerData.flag, 0, 1);
  Atomics.notify(workerData.flag, 0);
});
`;
}

/**
 * The code of a worker (an `eval` worker's CommonJS) that imports the module at `url`: a
 * promise, through tsx's loader for a TypeScript source.
 */
export function importModuleCode(url: string): string {
  return url.endsWith(".ts")
    ? `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`
    : `import(${JSON.stringify(url)})`;
}

/** The URL of a sibling module of `base` (an `import.meta.url`), `.ts` when `base` is. */
export function siblingModule(base: string, name: string): string {
  return new URL(base.endsWith(".ts") ? `./${name}.ts` : `./${name}.js`, base).href;
}
