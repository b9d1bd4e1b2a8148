/**
 * Many files formatted on several threads: the main thread and worker threads
 * take the next file from one shared counter until none is left, so that a large file
 * on one thread never holds up the others, and nobody has to hand out work. The
 * outcomes come back in the order of the files, whoever did them.
 *
 * @packageDocumentation
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { importModuleCode, siblingModule } from "../../deep/run.js";
import { formatFile, type JobSettings, type Outcome } from "./file-job.js";
import type { Target } from "./targets.js";

/** What a pool worker receives as `workerData`. */
export interface PoolWork {
  readonly targets: readonly Target[];
  readonly settings: JobSettings;
  /** `[next]`: the index of the next file nobody has taken. */
  readonly counter: Int32Array;
}

/** What a pool worker answers: the outcome of each file it took, by index. */
export type PoolAnswer = readonly (readonly [number, Outcome])[];

/** Fewer files than this are done on the main thread alone: a worker's start costs more. */
const FILES_PER_WORKER = 24;

/** The environment variable that sets the number of threads (1: the main thread alone). */
export const THREADS_VARIABLE = "NIX_AST_FMT_THREADS";

/**
 * How many threads format `fileCount` files: one per two cores, up to one per
 * {@link FILES_PER_WORKER} files, or what {@link THREADS_VARIABLE} says.
 *
 * (One per two cores because each thread keeps a second core busy by itself: V8 collects
 * garbage and compiles hot code on threads of its own, and every worker compiles the
 * formatter again. On two cores, one thread formats a tree of 3,500 files in 0.83 of the
 * time two take; `pnpm bench:fmt` shows both.)
 */
export function threadCount(fileCount: number, env: NodeJS.ProcessEnv = process.env): number {
  const asked = env[THREADS_VARIABLE];
  const threads =
    asked !== undefined && /^[1-9][0-9]*$/.test(asked)
      ? +asked
      : Math.floor(availableParallelism() / 2);
  return Math.max(1, Math.min(threads, Math.floor(fileCount / FILES_PER_WORKER)));
}

/** Takes files from the shared counter and formats them until none is left. */
export function formatClaimed(work: PoolWork): [number, Outcome][] {
  const done: [number, Outcome][] = [];
  for (;;) {
    const i = Atomics.add(work.counter, 0, 1);
    if (i >= work.targets.length) return done;
    done.push([i, formatFile(work.targets[i]!, work.settings)]);
  }
}

const WORKER_MODULE = siblingModule(import.meta.url, "worker");

/** Starts a worker on `work`; resolves to its answer, or to none when it fails. */
export function startWorker(work: PoolWork): Promise<PoolAnswer> {
  return new Promise((resolve) => {
    let answer: PoolAnswer = [];
    let worker: Worker;
    try {
      worker = new Worker(importModuleCode(WORKER_MODULE), { eval: true, workerData: work });
    } catch {
      resolve([]);
      return;
    }
    worker.on("message", (m: PoolAnswer) => (answer = m));
    // A worker that fails leaves its files without an outcome: the main thread does them.
    worker.on("error", () => undefined);
    worker.on("exit", () => resolve(answer));
  });
}

/**
 * Formats every target ({@link formatFile}) on `threads` threads, and returns
 * the outcomes in the order of `targets`. The main thread works too; what a worker took
 * and did not answer for (it could not start, or died) is done again here.
 */
export async function formatAll(
  targets: readonly Target[],
  settings: JobSettings,
  threads: number = threadCount(targets.length),
): Promise<Outcome[]> {
  const work: PoolWork = { targets, settings, counter: new Int32Array(new SharedArrayBuffer(4)) };
  const workers: Promise<PoolAnswer>[] = [];
  for (let n = threads; n > 1; n--) workers.push(startWorker(work));
  const outcomes: (Outcome | undefined)[] = new Array(targets.length);
  for (const [i, outcome] of formatClaimed(work)) outcomes[i] = outcome;
  for (const answer of await Promise.all(workers)) {
    for (const [i, outcome] of answer) outcomes[i] = outcome;
  }
  return outcomes.map((o, i) => o ?? formatFile(targets[i]!, settings));
}
