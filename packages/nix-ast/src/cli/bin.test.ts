/**
 * The bundled command (`pnpm build` writes dist/bin/nix-ast.js, the package's `bin`), as
 * users run it: one file that still finds what lies beside the compiled modules (the
 * version in package.json, the workers for deep trees and for many files).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { THREADS_VARIABLE } from "./fmt/pool.js";

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as {
  version: string;
  bin: Record<string, string>;
};
const BIN = join(PACKAGE, pkg.bin["nix-ast"]!);
const dir = mkdtempSync(join(tmpdir(), "nix-ast-bin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: readonly string[], input = "", env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: "utf8",
    cwd: dir,
    maxBuffer: 1 << 28,
    env: { ...process.env, ...env },
  });
  if (r.error) throw r.error;
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe("the bundled nix-ast command", () => {
  it("is one file with a node shebang, importing no module of the package", () => {
    const text = readFileSync(BIN, "utf8");
    expect(text).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(text).not.toMatch(/^import .* from "\.\.?\//m);
    expect(BIN.endsWith(join("dist", "bin", "nix-ast.js"))).toBe(true);
  });

  it("prints the version from package.json, and formats standard input", () => {
    expect(run(["--version"])).toEqual({ status: 0, out: `${pkg.version}\n`, err: "" });
    expect(run(["fmt"], "{a=1;}")).toEqual({ status: 0, out: "{ a = 1; }\n", err: "" });
  });

  it("parses and prints a tree deeper than the stack on its worker", () => {
    const deep = "[".repeat(3000) + "]".repeat(3000);
    const r = run(["fmt", "-"], deep);
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^\[\n {2}\[\n/);
  });

  it("formats a directory of many files on two threads", () => {
    for (let i = 0; i < 60; i++) writeFileSync(join(dir, `f${i}.nix`), `{a=${i};}`);
    expect(run(["fmt", "--check", "."], "", { [THREADS_VARIABLE]: "2" }).status).toBe(1);
    expect(run(["fmt", "."], "", { [THREADS_VARIABLE]: "2" })).toEqual({
      status: 0,
      out: "",
      err: "",
    });
    for (let i = 0; i < 60; i++)
      expect(readFileSync(join(dir, `f${i}.nix`), "utf8")).toBe(`{ a = ${i}; }\n`);
  });
});
