import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatAll, startWorker, threadCount, THREADS_VARIABLE, type PoolWork } from "./pool.js";

const dir = mkdtempSync(join(tmpdir(), "nix-ast-pool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const targets = Array.from({ length: 10 }, (_, i) => {
  const path = join(dir, `f${i}.nix`);
  writeFileSync(path, i % 2 === 0 ? "{a=1;}" : i === 5 ? "{" : "{ a = 1; }\n");
  return { path, name: `f${i}.nix` };
});
const settings = { check: true, width: 100, verify: false };
const expected = targets.map((_, i) =>
  i % 2 === 0
    ? { kind: "changed" }
    : i === 5
      ? {
          kind: "failed",
          report: "f5.nix:1:2: unexpected end of file, expected a binding or '}'\n{\n ^",
        }
      : { kind: "unchanged" },
);

describe("the fmt pool", () => {
  it("has a worker that takes files from the counter and answers their outcomes", async () => {
    const work: PoolWork = { targets, settings, counter: new Int32Array(new SharedArrayBuffer(4)) };
    const answer = await startWorker(work);
    expect(answer.map(([i]) => i)).toEqual(targets.map((_, i) => i));
    expect(answer.map(([, o]) => o)).toEqual(expected);
    expect(work.counter[0]).toBeGreaterThanOrEqual(targets.length);
  });

  it("gives the outcomes in the order of the files, on any number of threads", async () => {
    for (const threads of [1, 2, 3])
      expect(await formatAll(targets, settings, threads)).toEqual(expected);
  });

  it("uses a thread per core, up to one per 24 files, or as many as the variable says", () => {
    expect(threadCount(1, {})).toBe(1);
    expect(threadCount(47, {})).toBe(1);
    expect(threadCount(10_000, { [THREADS_VARIABLE]: "3" })).toBe(3);
    expect(threadCount(48, { [THREADS_VARIABLE]: "3" })).toBe(2);
    expect(threadCount(10_000, { [THREADS_VARIABLE]: "1" })).toBe(1);
    expect(threadCount(10_000, { [THREADS_VARIABLE]: "many" })).toBeGreaterThanOrEqual(1);
  });
});
