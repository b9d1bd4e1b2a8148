/**
 * `pnpm bench:fmt [DIR]`: `nix-ast fmt` against the official formatter, side by side in
 * one run, as whole processes (what a user waits for), and where our time goes.
 *
 * (a) One file of about 1 MB (the corpus of `parse.bench.ts`): `nix-ast fmt --check` against
 *     `nixfmt --check` and `nix-instantiate --parse` of the same file.
 * (b) A tree of real files (DIR, or the NIX_AST_BENCH_TREE variable): `nix-ast fmt --check
 *     DIR` against `nixfmt --check` of the same files, then both on every fourth and every
 *     second file, to show how the time grows with the number of files.
 * Then where the time goes: node's own start-up, loading the bundled command, the first
 * calls before the JIT has compiled them (the first pass over the tree against a second
 * one in the same process), parsing and printing; the default threads (one per two cores)
 * against one per core.
 *
 * Each figure is the median of BENCH_RUNS runs (3 by default), the commands taking turns
 * so that a busy machine slows them alike. nixfmt is taken from NIXFMT, /opt/nixfmt/bin or
 * PATH; what is missing (nixfmt, Nix, a tree) is said and left out.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { findTargets } from "../src/cli/fmt/targets.js";
import { corpus } from "./parse.bench.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = join(HERE, "..");
const BIN = join(
  PACKAGE,
  (
    JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as {
      bin: Record<string, string>;
    }
  ).bin["nix-ast"]!,
);
const RUNS = Math.max(1, Number(process.env["BENCH_RUNS"] ?? "3"));

/** A command to time: a label and what to run. */
interface Command {
  readonly label: string;
  readonly argv: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** A median wall time, and the CPU time the processes used (where Linux tells). */
interface Timing {
  readonly wall: number;
  readonly cpu: number | undefined;
}

type Result = Timing | string;

/**
 * The CPU time (ms) of the children this process has waited for, from /proc/self/stat
 * (`cutime` + `cstime`, in clock ticks of 10 ms); undefined elsewhere. On a busy machine
 * it tells what the wall time cannot: how much work a command did.
 */
function childrenCpu(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** The median times of `RUNS` runs of each command, the commands taking turns. */
function timeAll(commands: readonly Command[]): Map<string, Result> {
  const walls = new Map<string, number[]>(commands.map((c) => [c.label, []]));
  const cpus = new Map<string, number[]>(commands.map((c) => [c.label, []]));
  const failed = new Map<string, string>();
  for (let run = 0; run < RUNS; run++) {
    for (const c of commands) {
      if (failed.has(c.label)) continue;
      const [exe, ...args] = c.argv as [string, ...string[]];
      const cpu = childrenCpu();
      const t = performance.now();
      const r = spawnSync(exe, args, {
        env: { ...process.env, ...c.env },
        stdio: ["ignore", "ignore", "pipe"],
        maxBuffer: 1 << 28,
      });
      const wall = performance.now() - t;
      const cpuAfter = childrenCpu();
      if (r.error || (r.status !== 0 && r.status !== 1)) {
        const why = r.error?.message ?? `status ${r.status}: ${String(r.stderr).slice(0, 160)}`;
        failed.set(c.label, `failed (${why.trim()})`);
      } else {
        walls.get(c.label)!.push(wall);
        if (cpu !== undefined && cpuAfter !== undefined) cpus.get(c.label)!.push(cpuAfter - cpu);
      }
    }
  }
  return new Map(
    commands.map((c) => {
      const cpu = cpus.get(c.label)!;
      return [
        c.label,
        failed.get(c.label) ?? {
          wall: median(walls.get(c.label)!),
          cpu: cpu.length > 0 ? median(cpu) : undefined,
        },
      ];
    }),
  );
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function ms(t: number | Result | undefined): string {
  if (t === undefined || typeof t === "string") return String(t);
  if (typeof t === "number") return `${t.toFixed(0).padStart(7)} ms`;
  const cpu = t.cpu === undefined ? "" : ` (cpu ${t.cpu.toFixed(0).padStart(6)} ms)`;
  return `${t.wall.toFixed(0).padStart(7)} ms${cpu}`;
}

function ratio(ours: Result | undefined, theirs: Result | undefined): string {
  if (typeof ours !== "object" || typeof theirs !== "object") return "";
  const cpu =
    ours.cpu !== undefined && theirs.cpu ? `; cpu ${(ours.cpu / theirs.cpu).toFixed(3)}` : "";
  return `${(ours.wall / theirs.wall).toFixed(3)} of nixfmt's wall time${cpu}`;
}

/** The difference of two wall times, or what went wrong. */
function minus(a: Result | undefined, b: Result | undefined): number | string | undefined {
  if (typeof a === "object" && typeof b === "object") return a.wall - b.wall;
  return typeof a === "object" ? (b as string | undefined) : a;
}

function row(label: string, t: number | Result | undefined, note = ""): void {
  console.log(`  ${label.padEnd(52)} ${ms(t)}  ${note}`);
}

/** The official formatter, or undefined. */
function findNixfmt(): string | undefined {
  const candidates = [process.env["NIXFMT"], "/opt/nixfmt/bin/nixfmt", "nixfmt"];
  for (const c of candidates) {
    if (c && spawnSync(c, ["--version"], { stdio: "ignore" }).status === 0) return c;
  }
  return undefined;
}

function hasNix(): boolean {
  return spawnSync("nix-instantiate", ["--version"], { stdio: "ignore" }).status === 0;
}

/** `nixfmt --check FILES`, in as many processes as the argument list needs. */
function nixfmtCheck(nixfmt: string, files: readonly string[], listFile: string): Command {
  writeFileSync(listFile, files.join("\0"));
  return {
    label: `nixfmt --check (${files.length} files)`,
    // xargs says 123 for "some run exited 1": files to format, as nixfmt's own 1 says.
    argv: [
      "sh",
      "-c",
      `xargs -0 "$0" --check < "$1" 2>/dev/null; s=$?; [ $s -eq 123 ] && exit 1; exit $s`,
      nixfmt,
      listFile,
    ],
  };
}

/** Where our time goes, measured inside fresh processes (`phases` mode of this script). */
function phases(args: readonly string[]): void {
  const files = readFileSync(args[0]!, "utf8").split("\n");
  void import(pathToFileURL(join(PACKAGE, "dist", "index.js")).href).then(({ parse, print }) => {
    const sources = files.map((f) => readFileSync(f, "utf8"));
    const pass = () => {
      let parsing = 0;
      let printing = 0;
      for (const s of sources) {
        const a = performance.now();
        const tree = parse(s);
        const b = performance.now();
        print(tree);
        printing += performance.now() - b;
        parsing += b - a;
      }
      return [parsing, printing];
    };
    const first = pass();
    const second = pass();
    const third = pass();
    console.log(
      JSON.stringify({
        first,
        warm: [second, third].sort((x, y) => x[0]! + x[1]! - y[0]! - y[1]!)[0],
      }),
    );
  });
}

interface Phases {
  readonly first: [number, number];
  readonly warm: [number, number];
}

function measurePhases(files: readonly string[], listFile: string): Phases | string {
  writeFileSync(listFile, files.join("\n"));
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ["--import", "tsx", script, "--phases", listFile], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) return `failed: ${r.stderr.slice(0, 200)}`;
  return JSON.parse(r.stdout) as Phases;
}

function printPhases(label: string, p: Phases | string): void {
  if (typeof p === "string") {
    console.log(`  ${label}: ${p}`);
    return;
  }
  const [p1, q1] = p.first;
  const [p2, q2] = p.warm;
  console.log(`  ${label}, parsed and printed in one fresh process (dist/index.js):`);
  row("    first pass: parse", p1);
  row("    first pass: print", q1);
  row("    again, the JIT warm: parse", p2);
  row("    again, the JIT warm: print", q2);
  row("    first calls before the JIT (first pass - warm)", p1 + q1 - p2 - q2);
}

function main(argv: readonly string[]): void {
  const nixfmt = findNixfmt();
  const nix = hasNix();
  const treeArg = argv[0] ?? process.env["NIX_AST_BENCH_TREE"];
  const dir = mkdtempSync(join(tmpdir(), "nix-ast-fmt-bench-"));
  console.log(
    `nix-ast fmt bench: node ${process.version}, ${cpus().length} cores, median of ${RUNS} runs`,
  );
  if (!existsSync(BIN)) console.log(`  ${BIN} is missing: run pnpm build first`);
  if (!nixfmt)
    console.log("  nixfmt not found (NIXFMT, /opt/nixfmt/bin, PATH): its rows are left out");
  if (!nix) console.log("  nix-instantiate not found: its row is left out");
  try {
    // (a) one file of about 1 MB
    const big = join(dir, "corpus.nix");
    writeFileSync(big, corpus(1 << 20));
    const one: Command[] = [
      { label: "node -e 0", argv: [process.execPath, "-e", "0"] },
      { label: "nix-ast --version", argv: [process.execPath, BIN, "--version"] },
      { label: "nix-ast fmt --check", argv: [process.execPath, BIN, "fmt", "--check", big] },
    ];
    if (nixfmt) one.push({ label: "nixfmt --check", argv: [nixfmt, "--check", big] });
    if (nix)
      one.push({
        label: "nix-instantiate --parse",
        argv: ["nix-instantiate", "--parse", "--store", "dummy://", big],
      });
    const a = timeAll(one);
    console.log(`\n(a) one file, ${(statSync(big).size / 1e6).toFixed(2)} MB, whole processes`);
    row(
      "nix-ast fmt --check",
      a.get("nix-ast fmt --check"),
      ratio(a.get("nix-ast fmt --check"), a.get("nixfmt --check")),
    );
    if (nixfmt) row("nixfmt --check", a.get("nixfmt --check"));
    if (nix) row("nix-instantiate --parse", a.get("nix-instantiate --parse"));
    console.log("  where the time goes:");
    const node = a.get("node -e 0");
    const version = a.get("nix-ast --version");
    row("  node's own start-up (node -e 0)", node);
    row("  loading the bundled command (--version - node)", minus(version, node));
    printPhases("  the file", measurePhases([big], join(dir, "one.txt")));

    // (b) a tree of real files
    if (!treeArg) {
      console.log("\n(b) no tree given (pnpm bench:fmt DIR, or NIX_AST_BENCH_TREE=DIR): left out");
      return;
    }
    const root = resolve(treeArg);
    const files = findTargets([root], root).targets.map((t) => t.path);
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    console.log(
      `\n(b) ${root}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, whole processes`,
    );
    // Every fourth and every second file: subsets whose files are like the whole tree's.
    const subsets = [4, 2].map((k) => files.filter((_, i) => i % k === 0));
    const tree: Command[] = [
      { label: "ours DIR", argv: [process.execPath, BIN, "fmt", "--check", root] },
      {
        label: "ours DIR, a thread per core",
        argv: [process.execPath, BIN, "fmt", "--check", root],
        env: { NIX_AST_FMT_THREADS: String(cpus().length) },
      },
    ];
    for (const subset of subsets) {
      tree.push({
        label: `ours ${subset.length}`,
        argv: [process.execPath, BIN, "fmt", "--check", ...subset],
      });
    }
    if (nixfmt) {
      for (const subset of [files, ...subsets]) {
        const n = subset.length;
        tree.push({ ...nixfmtCheck(nixfmt, subset, join(dir, `list-${n}`)), label: `nixfmt ${n}` });
      }
    }
    const b = timeAll(tree);
    const all = files.length;
    row(
      `nix-ast fmt --check DIR (${all} files)`,
      b.get("ours DIR"),
      ratio(b.get("ours DIR"), b.get(`nixfmt ${all}`)),
    );
    if (nixfmt) row(`nixfmt --check of the same files`, b.get(`nixfmt ${all}`));
    row(
      `nix-ast fmt --check DIR, ${cpus().length} threads`,
      b.get("ours DIR, a thread per core"),
      ratio(b.get("ours DIR, a thread per core"), b.get(`nixfmt ${all}`)),
    );
    console.log("  how the time grows with the files (every 4th file, every 2nd, all):");
    for (const subset of [...subsets, files]) {
      const n = subset.length;
      const mb = subset.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6;
      const ours = n === all ? b.get("ours DIR") : b.get(`ours ${n}`);
      const theirs = b.get(`nixfmt ${n}`);
      const per = (t: Result | undefined) =>
        typeof t === "object" ? `${(t.wall / mb).toFixed(0)} ms/MB` : "";
      console.log(
        `    ${String(n).padStart(6)} files, ${mb.toFixed(2)} MB: nix-ast ${ms(ours)} ${per(ours)}` +
          (nixfmt ? `; nixfmt ${ms(theirs)} ${per(theirs)}; ${ratio(ours, theirs)}` : ""),
      );
    }
    printPhases("  the tree", measurePhases(files, join(dir, "tree.txt")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--phases") phases(process.argv.slice(3));
else if (process.argv[1]?.endsWith("fmt.bench.ts")) main(process.argv.slice(2));
