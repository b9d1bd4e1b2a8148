import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "./cli.js";

/** The best exposure each unit must reach (systemd-analyze's scale: 0 best, 10 worst). */
const TARGET = 2.0;
const UNITS = ["atbb-migrate.service", "atbb-appview.service", "atbb-web.service"];
/** The seed plan's units, as NixOS would write them (fixtures). */
const SEED_UNITS = join(dirname(fileURLToPath(import.meta.url)), "test-support", "seed-units");

/** `systemd-analyze security --offline=true` on the units in `dir`: score by unit. */
function analyze(dir: string): { scores: Map<string, number>; output: string } {
  const r = spawnSync("systemd-analyze", ["security", "--offline=true", ...UNITS], {
    cwd: dir,
    encoding: "utf8",
  });
  const scores = new Map<string, number>();
  for (const m of r.stdout.matchAll(/Overall exposure level for (\S+): (\d+\.\d+)/g)) {
    scores.set(m[1] as string, Number(m[2]));
  }
  return { scores, output: r.stdout + r.stderr };
}

function analyzerAvailable(): boolean {
  const r = spawnSync("systemd-analyze", ["--version"], { encoding: "utf8" });
  if (r.status === 0) return true;
  const why =
    "systemd-analyze not found (Debian package `systemd`): cannot measure the units' exposure";
  if (process.env["CI"]) throw new Error(`${why}; it is required in CI`);
  console.warn(`${why}: skipping`);
  return false;
}

describe.skipIf(!analyzerAvailable())("systemd-analyze security of the module's units", () => {
  let dir = "";
  let scores = new Map<string, number>();
  let output = "";

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "atbb-units-"));
    let errors = "";
    const io = { cwd: dir, stdout: () => {}, stderr: (t: string) => void (errors += t) };
    expect(main(["units", "--dir", "."], io), errors).toBe(0);
    ({ scores, output } = analyze(dir));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`scores each unit at ${TARGET} or better`, () => {
    console.log(
      "systemd-analyze security --offline=true: " +
        UNITS.map((u) => `${u} ${scores.get(u)?.toFixed(1) ?? "?"}`).join(", "),
    );
    expect([...scores.keys()].sort(), output).toEqual([...UNITS].sort());
    for (const unit of UNITS) expect(scores.get(unit), unit).toBeLessThanOrEqual(TARGET);
  });

  it("leaves open only what a Node service needs, nothing above 0.5", () => {
    // these show as exposures the units deliberately keep
    expect(output).toMatch(/✗ MemoryDenyWriteExecute=/);
    expect(output).toMatch(/✗ SystemCallFilter=~@resources/);
    // and nothing else of weight is left open
    for (const line of output.split("\n").filter((l) => l.startsWith("✗"))) {
      const exposure = Number(line.trim().split(/\s+/).pop());
      expect(exposure, line).toBeLessThanOrEqual(0.5);
    }
  });

  it("(contrast) the seed's units score 7.9, 7.0 and 7.0", () => {
    const seed = analyze(SEED_UNITS).scores;
    console.log(
      "the seed's units: " + UNITS.map((u) => `${u} ${seed.get(u)?.toFixed(1)}`).join(", "),
    );
    expect(UNITS.map((u) => seed.get(u))).toEqual([7.9, 7.0, 7.0]);
  });
});
