/**
 * Test support for the parser's agreement with Nix: mutants of Nix sources, and which
 * sources `nix-instantiate --parse` accepts, batched (one Nix process per batch plus
 * one per rejected source, since Nix stops at the first source it rejects), with a few
 * batches in parallel.
 *
 * @packageDocumentation
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rng } from "./rng.js";

export { rng };

/** Characters and snippets inserted by {@link mutants}: the ones Nix's syntax turns on. */
const INSERTS = [
  ..."{}[]();:,.=?@\"'$\\#/*+-<>!&|~ \n\ta0_",
  "${",
  "''",
  "or ",
  "let ",
  "in ",
  " rec",
  "...",
  "/*",
  "*/",
  "//",
  "->",
  "1.5",
  "./a",
];

/**
 * Mutants of a source: `count` variants with one character deleted, one character or
 * snippet inserted, two characters swapped, or the source truncated, at random offsets.
 */
export function mutants(source: string, count: number, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(r() * (source.length + 1));
    switch (Math.floor(r() * 4)) {
      case 0:
        out.push(source.slice(0, at) + source.slice(at + 1));
        break;
      case 1: {
        const ins = INSERTS[Math.floor(r() * INSERTS.length)]!;
        out.push(source.slice(0, at) + ins + source.slice(at));
        break;
      }
      case 2:
        out.push(
          source.slice(0, at) +
            source.slice(at + 1, at + 2) +
            source.slice(at, at + 1) +
            source.slice(at + 2),
        );
        break;
      default:
        out.push(source.slice(0, at));
    }
  }
  return out;
}

function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn("nix-instantiate", args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on("data", (d: Buffer) => out.push(d));
    p.stderr.on("data", (d: Buffer) => err.push(d));
    p.on("error", reject);
    p.on("close", (status) =>
      resolve({
        status: status ?? -1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}

/** For each of `files`, whether `nix-instantiate --parse` accepts it. */
async function acceptsFiles(files: readonly string[]): Promise<boolean[]> {
  const ok: boolean[] = [];
  while (ok.length < files.length) {
    const rest = files.slice(ok.length);
    const r = await run(["--parse", "--store", "dummy://", ...rest]);
    const done = r.stdout.split("\n").filter((l) => l !== "").length;
    if (r.status === 0) {
      if (done !== rest.length)
        throw new Error(`--parse printed ${done} lines for ${rest.length} sources`);
      ok.push(...rest.map(() => true));
    } else {
      if (done >= rest.length)
        throw new Error(`--parse failed after accepting every source:\n${r.stderr}`);
      ok.push(...Array.from({ length: done }, () => true), false);
    }
  }
  return ok;
}

/**
 * Which sources Nix accepts (`nix-instantiate --parse`), in batches of `batch`, `jobs`
 * batches at a time. Sources are written to files of one temporary directory.
 */
export async function nixAccepts(
  sources: readonly string[],
  batch = 40,
  jobs = 4,
): Promise<boolean[]> {
  const dir = mkdtempSync(join(tmpdir(), "nix-ast-parse-"));
  try {
    const files = sources.map((s, i) => {
      const f = join(dir, `m${i}.nix`);
      writeFileSync(f, s);
      return f;
    });
    const chunks: string[][] = [];
    for (let i = 0; i < files.length; i += batch) chunks.push(files.slice(i, i + batch));
    const results: boolean[][] = new Array<boolean[]>(chunks.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < chunks.length) {
        const k = next++;
        results[k] = await acceptsFiles(chunks[k]!);
      }
    };
    await Promise.all(Array.from({ length: jobs }, worker));
    return results.flat();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
