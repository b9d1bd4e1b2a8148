/**
 * `pnpm bench`: the printer against `JSON.stringify(data, null, 2)` on the same data, a
 * nixpkgs-like package set of 10k and of 100k entries, side by side in one run. Two
 * shapes of entry: lean ones (a version, a hash, a license: about 12 MB of Nix at 100k,
 * the size issue 2 names), and full ones (source, description, platforms, dependencies:
 * about 50 MB).
 *
 * Five rows per size: `print(data)` on the plain JavaScript object (conversion to nodes
 * included), `print(tree)` on the tree converted beforehand, `toExpr(data)` (the
 * conversion alone), `JSON.stringify`, and the least any printer does: of a plain object,
 * list its names and look up each value; of a tree, reach every node. The cases are timed in rounds, one sample of
 * each per round; the median is reported. Targets (issue 2): within 5x of
 * JSON.stringify, and linear (10x the input, at most 11x the time).
 *
 * `pnpm bench` runs it with `--expose-gc`, to collect garbage before each timed run (the
 * garbage of one run would otherwise burden the next). With `gc({ type: "major" })`: a
 * plain `gc()` also makes V8 drop optimized code, so every run of JavaScript (not of the
 * native `JSON.stringify`) would start unoptimized and the comparison would be skewed.
 * `BENCH_SIZES=1000,10000 pnpm bench` measures other sizes.
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { rng } from "../src/test-support/rng.js"; // the same data on every run
import { print, toExpr, type Expr, type ExprLike } from "../dist/index.js"; // the built library, as users run it (`pnpm bench` builds first)
import { mapChildren } from "../dist/ast/map.js";

const SYLLABLES = ["lib", "py", "gnu", "x", "qt", "rust", "go", "node", "ssl", "z", "bz", "ng"];
const WORDS = ["fast", "small", "library", "tool", "for", "the", "parsing", "of", "network"];
const LICENSES = ["mit", "asl20", "gpl3Plus", "bsd3", "lgpl21Plus", "mpl20", "isc", "unfree"];
const PLATFORMS = ["x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin"];
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

type Package = {
  pname: string;
  version: string;
  src: { url: string; hash: string };
  meta: { description: string; license: string; platforms: string[]; priority?: number };
  deps: string[];
};

/** The two shapes of entry the benchmark prints. */
export type Shape = "lean" | "full";

/** Entries with a version, a hash and a license only: about 120 bytes of Nix each. */
export function leanPackageSet(n: number, seed = 1): Record<string, LeanPackage> {
  const set: Record<string, LeanPackage> = {};
  for (const [name, p] of Object.entries(packageSet(n, seed))) {
    set[name] = { version: p.version, hash: p.src.hash, license: p.meta.license };
  }
  return set;
}

type LeanPackage = { version: string; hash: string; license: string };

/** A package set of `n` entries shaped like nixpkgs' (names unique, some need quoting). */
export function packageSet(n: number, seed = 1): Record<string, Package> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const names: string[] = [];
  const set: Record<string, Package> = {};
  for (let i = 0; i < n; i++) {
    let pname = pick(SYLLABLES) + pick(SYLLABLES) + "-" + pick(WORDS) + i.toString(36);
    if (i % 97 === 0) pname = `${i % 10}${pname}`; // needs quoting: starts with a digit
    if (i % 211 === 0) pname = `${pname}.${i % 7}`; // needs quoting: a dot
    const version = `${Math.floor(r() * 10)}.${Math.floor(r() * 30)}.${Math.floor(r() * 100)}`;
    let hash = "sha256-";
    for (let k = 0; k < 43; k++) hash += pick(BASE64.split(""));
    hash += "=";
    const words = Array.from({ length: 3 + Math.floor(r() * 8) }, () => pick(WORDS));
    let description = words.join(" ");
    description = description[0]?.toUpperCase() + description.slice(1);
    if (i % 53 === 0) description += ' with "quotes" and ${dollar}'; // needs escaping
    const platforms = PLATFORMS.slice(0, 1 + Math.floor(r() * PLATFORMS.length));
    const deps = Array.from(
      { length: Math.floor(r() * 6) },
      () => names[Math.floor(r() * names.length)] ?? "stdenv",
    );
    set[pname] = {
      pname,
      version,
      src: { url: `https://example.org/releases/${pname}/${pname}-${version}.tar.gz`, hash },
      meta: {
        description,
        license: pick(LICENSES),
        platforms,
        ...(i % 10 === 0 ? { priority: i % 7 } : {}),
      },
      deps,
    };
    names.push(pname);
  }
  return set;
}

/** Timings of one measurement, in ms. */
interface Timing {
  median: number;
  min: number;
  runs: number;
}

/** One thing timed on one size: each sample is `repeat` calls of `fn` in a row. */
interface Case {
  entries: number;
  what: string;
  /** MB of text out, or 0. */
  mb: number;
  fn: () => unknown;
  repeat: number;
  samples: number[];
}

/**
 * Times every case, in rounds: a round takes one sample of each case in turn, so that a
 * change of the machine's load during the run weighs on all cases alike instead of on the
 * one measured at that moment. At least `minRounds`, more until `maxRounds` or until the
 * samples took `budgetMs` in all. A sample is `repeat` calls in a row, its time divided by
 * `repeat`: the smaller size repeats so that every sample prints as much as one of the
 * larger size. Otherwise the garbage of a small run would fit in V8's young generation and
 * be collected by the untimed collection before the next sample, while a large run pays
 * for its own: the comparison of sizes would flatter the small one.
 */
function measure(cases: readonly Case[], minRounds: number, maxRounds: number, budgetMs: number) {
  for (const c of cases) for (let i = 0; i < 2 * c.repeat; i++) c.fn(); // warm-up
  let spent = 0;
  for (let round = 0; round < minRounds || (round < maxRounds && spent < budgetMs); round++) {
    for (const c of cases) {
      collectGarbage();
      const t0 = performance.now();
      for (let i = 0; i < c.repeat; i++) c.fn();
      const t = performance.now() - t0;
      c.samples.push(t / c.repeat);
      spent += t;
    }
  }
}

function timing(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] as number,
    min: sorted[0] as number,
    runs: sorted.length,
  };
}

/**
 * A full collection that keeps optimized code (see the file's comment); nothing without
 * `--expose-gc`.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: (options: { type: "major" }) => void }).gc?.({ type: "major" });
}

interface Row {
  entries: number;
  what: string;
  mb: number;
  ms: Timing;
}

const MB = 1024 * 1024;

/**
 * What to time on a package set of `n` entries. Besides the printer and `JSON.stringify`,
 * the least that any printer of a plain object must do: list its names and look up each
 * value. It shows how the machine itself scales on this data (caches, V8's handling of
 * an object with many names).
 */
function cases(shape: Shape, n: number, repeat: number): Case[] {
  const data = shape === "lean" ? leanPackageSet(n) : packageSet(n);
  const plain = data as unknown as ExprLike;
  const tree = toExpr(plain);
  const nix = print(plain);
  if (print(tree) !== nix) throw new Error("print(data) and print(toExpr(data)) differ");
  const json = JSON.stringify(data, null, 2);
  const entry = (what: string, mb: number, fn: () => unknown): Case => {
    return { entries: n, what, mb, fn, repeat, samples: [] };
  };
  return [
    entry("print(data)", nix.length / MB, () => print(plain)),
    entry("print(tree)", nix.length / MB, () => print(tree)),
    entry("toExpr(data)", 0, () => toExpr(plain)),
    entry("JSON.stringify(data, null, 2)", json.length / MB, () => JSON.stringify(data, null, 2)),
    entry("Object.keys(data), each data[key]", 0, () => {
      let defined = 0;
      for (const key of Object.keys(data)) if (data[key] !== undefined) defined++;
      return defined;
    }),
    entry("visit every node of the tree", 0, () => countNodes(tree)),
  ];
}

/** The least any printer of a tree does: reach every node (here, count them). */
function countNodes(e: Expr): number {
  let n = 1;
  mapChildren(e, (child) => {
    n += countNodes(child);
    return child;
  });
  return n;
}

function table(rows: readonly Row[]): string {
  const stringify = new Map(
    rows.filter((r) => r.what.startsWith("JSON")).map((r) => [r.entries, r.ms] as const),
  );
  const header = [
    "entries",
    "what",
    "MB out",
    "runs",
    "ms (median)",
    "ms (min)",
    "ns per entry",
    "x JSON.stringify (median)",
    "(min)",
  ];
  const body = rows.map((r) => [
    r.entries.toLocaleString("en-US"),
    r.what,
    r.mb === 0 ? "" : r.mb.toFixed(1),
    String(r.ms.runs),
    r.ms.median.toFixed(1),
    r.ms.min.toFixed(1),
    ((r.ms.median * 1e6) / r.entries).toFixed(0),
    (r.ms.median / (stringify.get(r.entries)?.median ?? NaN)).toFixed(2),
    (r.ms.min / (stringify.get(r.entries)?.min ?? NaN)).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

function main(): void {
  // BENCH_SIZES=1000,10000 measures other sizes (the first two are compared for scaling)
  const sizes = (process.env["BENCH_SIZES"] ?? "10000,100000").split(",").map(Number);
  const [small = 10_000, large = 100_000] = sizes;
  const load = () => loadavg()[0]?.toFixed(2);
  console.log(
    `node ${process.version}, gc before each run: ${"gc" in globalThis ? "yes" : "no"},` +
      ` ${cpus().length} CPUs, load average at start ${load()}`,
  );
  for (const shape of ["lean", "full"] as const) {
    console.log(`\n${shape} entries`);
    const repeat = Math.max(1, Math.round(large / small));
    const all = [...cases(shape, small, repeat), ...cases(shape, large, 1)];
    measure(all, 5, 9, 30_000);
    const rows = all.map((c) => ({
      entries: c.entries,
      what: c.what,
      mb: c.mb,
      ms: timing(c.samples),
    }));
    console.log(table(rows));
    console.log(
      `scaling ${small.toLocaleString("en-US")} -> ${large.toLocaleString("en-US")} entries` +
        ` (time ratio; linear is ${large / small}, the target at most ${(11 * large) / (10 * small)}):`,
    );
    for (const what of new Set(rows.map((r) => r.what))) {
      const a = rows.find((r) => r.what === what && r.entries === small);
      const b = rows.find((r) => r.what === what && r.entries === large);
      if (a && b) {
        const median = (b.ms.median / a.ms.median).toFixed(2);
        const min = (b.ms.min / a.ms.min).toFixed(2);
        console.log(`  ${what.padEnd(30)} x${median} (median), x${min} (min)`);
      }
    }
  }
  console.log(`load average at the end ${load()} (other processes make the figures noisy)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  main();
