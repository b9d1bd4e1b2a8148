/**
 * A worker thread of the `nix-ast fmt` pool (`pool.ts`): formats files from the shared
 * counter until none is left, and answers with their outcomes.
 *
 * @packageDocumentation
 */
import { parentPort, workerData } from "node:worker_threads";
import { formatClaimed, type PoolWork } from "./pool.js";

parentPort?.postMessage(formatClaimed(workerData as PoolWork));
