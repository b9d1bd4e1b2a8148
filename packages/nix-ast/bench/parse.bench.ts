/**
 * `pnpm bench` (second part): the parser on about 1 MB of real-world-shaped Nix (the
 * style cases and the seed plan's files as functions in one package set, comments and
 * indented strings included), in-process, beside whole processes: `nix-instantiate
 * --parse` of the same file, and `nix-ast fmt --check` on it (the built command; run
 * `pnpm build` first). In-process figures are medians of warm runs; one more row times
 * parse + print as the first call of a fresh process, before V8 has optimized anything.
 *
 * Targets (issue 3): parse + print of 1 MB in-process under 0.3 s; `nix-ast fmt` as a
 * whole process within 1.5x of `nix-instantiate --parse`.
 *
 * `BENCH_PARSE_MB=4 pnpm bench` measures another size.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse, print } from "../dist/index.js"; // the built library, as users run it (`pnpm bench` builds first)
import { collectGarbage } from "./print.bench.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const MAIN = join(HERE, "../dist/cli/main.js");

/** About `bytes` of Nix: a set of functions whose bodies are the fixture files. */
export function corpus(bytes: number): string {
  const dirs = [
    join(HERE, "../src/printer/fixtures"),
    join(HERE, "../src/parser/fixtures/seed-formatted"),
  ];
  const files = dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".nix"))
      .sort()
      .map((f) => readFileSync(join(d, f), "utf8").trimEnd()),
  );
  const parts: string[] = ["{\n"];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const body = files[i % files.length]!.replace(/\n/g, "\n  ");
    const entry = `  # entry ${i}\n  pkg${i} = __v: with __v; ${body};\n\n`;
    parts.push(entry);
    size += entry.length;
  }
  parts.push("}\n");
  return parts.join("");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measure(fn: () => void, runs = 7): number {
  for (let i = 0; i < 2; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

function measureProcess(cmd: string, args: string[], runs = 5): number | string {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 30 });
    if (r.error) return `not run (${r.error.message})`;
    if (r.status !== 0 && r.status !== 1)
      return `failed (status ${r.status}): ${r.stderr.slice(0, 200)}`;
    times.push(performance.now() - t);
  }
  return median(times);
}

/**
 * Parse + print as the first call in a fresh process (code not optimized yet, as a
 * one-shot command sees it): the median over `runs` processes, timed inside each.
 */
function measureFirstCall(file: string, runs = 5): number | string {
  const index = pathToFileURL(join(HERE, "../dist/index.js")).href;
  const script = [
    `import { readFileSync } from "node:fs";`,
    `import { parse, print } from ${JSON.stringify(index)};`,
    `const src = readFileSync(process.argv[1], "utf8");`,
    `const t = performance.now();`,
    `print(parse(src));`,
    `console.log(performance.now() - t);`,
  ].join("\n");
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script, file], {
      encoding: "utf8",
    });
    if (r.status !== 0) return `failed (status ${r.status}): ${r.stderr.slice(0, 200)}`;
    times.push(Number(r.stdout));
  }
  return median(times);
}

function main(): void {
  const mb = Number(process.env["BENCH_PARSE_MB"] ?? "1");
  const src = corpus(mb * 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), "nix-ast-bench-"));
  try {
    const file = join(dir, "corpus.nix");
    writeFileSync(file, src);
    const tree = parse(src);
    const rows: [string, number | string][] = [
      ["parse (in-process)", measure(() => parse(src))],
      ["print of the parsed tree (in-process)", measure(() => print(tree))],
      ["parse + print (in-process)", measure(() => print(parse(src)))],
      ["parse + print, first call in a fresh process", measureFirstCall(file)],
      [
        "nix-instantiate --parse (whole process)",
        measureProcess("nix-instantiate", ["--parse", "--store", "dummy://", file]),
      ],
      [
        "nix-ast fmt --check (whole process)",
        existsSync(MAIN)
          ? measureProcess(process.execPath, [MAIN, "fmt", "--check", file])
          : "not run (pnpm build first)",
      ],
    ];
    console.log(
      `\nparser: ${(src.length / 1e6).toFixed(2)} MB of Nix, ${src.split("\n").length} lines (median of runs)`,
    );
    for (const [name, t] of rows) {
      console.log(
        `  ${name.padEnd(46)} ${typeof t === "number" ? `${t.toFixed(1).padStart(8)} ms` : t}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("parse.bench.ts")) main();
