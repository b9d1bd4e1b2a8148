/**
 * Helpers for tests that check against real Nix (`nix-instantiate`).
 *
 * Every helper runs ONE Nix process for a whole batch of cases (or, for parsing, one
 * more per rejected source), always with `--store dummy://` so no test touches a real
 * store. Tests that need Nix guard themselves with {@link requireNix}: it fails loudly in
 * CI (env `CI` set) when Nix is missing and lets the test skip elsewhere.
 *
 * @packageDocumentation
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

/** This package's copy of the canonicalizer (see the header of that script). */
export const CANONICALIZER = join(HERE, "nix-parse-canonical");

const MAX_BUFFER = 1024 * 1024 * 1024;

const STORE = ["--store", "dummy://"];

let available: boolean | undefined;

/** Whether `nix-instantiate` can be run here. */
export function nixAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync("nix-instantiate", ["--version"], { encoding: "utf8" });
    available = r.status === 0;
  }
  return available;
}

/** Why Nix tests are skipped, for the skip message. */
export const NIX_MISSING =
  "nix-instantiate not found: skipping the tests against real Nix (they are required when CI is set)";

/**
 * True when Nix is available. When it is missing: throws if env `CI` is set (Nix is
 * required there), else prints why and returns false, so a caller can write
 * `describe.skipIf(!requireNix())(...)`.
 */
export function requireNix(): boolean {
  if (nixAvailable()) return true;
  if (process.env["CI"]) {
    throw new Error(
      "Nix is required in CI: nix-instantiate was not found on PATH, so the tests against real Nix cannot run",
    );
  }
  console.warn(NIX_MISSING);
  return false;
}

/** A fresh temporary directory, removed after `fn` returns or throws. */
function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "nix-ast-test-"));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Evaluates every expression (strictly, as JSON) in one Nix process and returns their
 * values in order. The expressions are written to a temporary file as the list
 * `[ (e1) (e2) ... ]`, each on its own lines (so a `#` comment ends where it should).
 * Throws with Nix's stderr when Nix fails.
 */
export function evalJson(exprs: readonly string[]): unknown[] {
  if (exprs.length === 0) return [];
  return withTempDir((dir) => {
    const file = join(dir, "eval.nix");
    writeFileSync(file, "[\n" + exprs.map((e) => "(\n" + e + "\n)\n").join("") + "]\n");
    const r = spawnSync(
      "nix-instantiate",
      ["--eval", "--strict", "--json", ...STORE, "--readonly-mode", file],
      { encoding: "utf8", maxBuffer: MAX_BUFFER },
    );
    if (r.error) throw r.error;
    if (r.status !== 0) {
      throw new Error(`nix-instantiate --eval failed (status ${r.status}):\n${r.stderr}`);
    }
    const values: unknown = JSON.parse(r.stdout);
    if (!Array.isArray(values) || values.length !== exprs.length) {
      throw new Error(
        `nix-instantiate --eval gave an unexpected result: ${r.stdout.slice(0, 200)}`,
      );
    }
    return values;
  });
}

/** Writes each source to its own file in `dir`; returns the paths. */
function writeSources(dir: string, sources: readonly string[]): string[] {
  return sources.map((src, i) => {
    const file = join(dir, `s${i}.nix`);
    writeFileSync(file, src);
    return file;
  });
}

/**
 * The canonical `--parse` form of each source (see `nix-parse-canonical`), one line
 * each, or null where Nix rejects the source. Sources are parsed from files in one
 * temporary directory, so relative paths in them resolve alike. Free variables are
 * rejected by Nix 2.8: wrap such sources as `__v: with __v; SOURCE`.
 */
export function parseCanonical(sources: readonly string[]): (string | null)[] {
  if (sources.length === 0) return [];
  return withTempDir((dir) => {
    const files = writeSources(dir, sources);
    const r = spawnSync("python3", [CANONICALIZER, ...files], {
      encoding: "utf8",
      maxBuffer: MAX_BUFFER,
    });
    if (r.error) throw r.error;
    if (r.status !== 0 && r.status !== 1) {
      throw new Error(`nix-parse-canonical failed (status ${r.status}):\n${r.stderr}`);
    }
    const lines = r.stdout.split("\n");
    if (lines.length < sources.length) {
      throw new Error(
        `nix-parse-canonical gave ${lines.length} lines for ${sources.length} sources:\n${r.stderr}`,
      );
    }
    return lines.slice(0, sources.length).map((l) => (l === "" ? null : l));
  });
}

/**
 * Which sources `nix-instantiate --parse` accepts. One process for the batch, plus one
 * per rejected source (Nix stops at the first source it rejects).
 */
export function parseOk(sources: readonly string[]): boolean[] {
  return withTempDir((dir) => {
    const files = writeSources(dir, sources);
    const ok: boolean[] = [];
    while (ok.length < files.length) {
      const rest = files.slice(ok.length);
      const r = spawnSync("nix-instantiate", ["--parse", ...STORE, ...rest], {
        encoding: "utf8",
        maxBuffer: MAX_BUFFER,
      });
      if (r.error) throw r.error;
      // --parse prints exactly one line per accepted source, in order
      const done = r.stdout.split("\n").filter((l) => l !== "").length;
      if (r.status === 0) {
        if (done !== rest.length) {
          throw new Error(
            `nix-instantiate --parse printed ${done} lines for ${rest.length} sources`,
          );
        }
        ok.push(...rest.map(() => true));
      } else {
        if (done >= rest.length) {
          throw new Error(
            `nix-instantiate --parse failed after accepting every source:\n${r.stderr}`,
          );
        }
        ok.push(...Array.from({ length: done }, () => true), false);
      }
    }
    return ok;
  });
}

/** The `--parse` output of one Nix source given as text (for debugging and messages). */
export function parseText(source: string): string {
  return execFileSync("nix-instantiate", ["--parse", ...STORE, "-E", source], {
    encoding: "utf8",
    maxBuffer: MAX_BUFFER,
  });
}
