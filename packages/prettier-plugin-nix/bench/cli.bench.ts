/**
 * `pnpm bench:prettier [DIR]`: Prettier with the plugin against `nix-ast fmt` (and
 * nixfmt, when it is installed) on the same `.nix` files of a tree, side by side in one
 * run, each as a whole process, as a user or CI runs them. Rounds alternate the
 * commands, so that a busy machine slows all of them alike; figures are medians of wall
 * time and of CPU time (which other work on a shared machine changes least).
 *
 * Rows:
 * - `--check` of every file: nix-ast fmt on all cores (its default) and on one thread,
 *   Prettier (which formats one file after another), nixfmt;
 * - Prettier's `--check --cache` with its cache warm (a second run of a pre-commit hook
 *   or CI when nothing changed);
 * - the plugin and nix-ast in-process (CPU time), every file once, to show how much of
 *   `prettier.format` is Prettier's own work rather than nix-ast's.
 * It also writes the tree with both, in two copies, and counts the files whose output is
 * byte for byte the same.
 *
 * DIR defaults to `/work/trees/hm-now` (home-manager); `BENCH_ROUNDS` (default 3).
 * `pnpm bench:prettier` builds first: the plugin and nix-ast run as users run them.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parse, print } from "@atbb/nix-ast";
import * as prettier from "prettier";
import { tempDir } from "../../nix-ast/src/test-support/tarball.js";
import plugin from "../dist/index.js";
import {
  BUILT_PLUGIN,
  NIX_AST_CLI,
  nixFilesBelow,
  PRETTIER_CLI,
  requireBuilt,
} from "../src/test-support/commands.js";

const NIXFMT = "/opt/nixfmt/bin/nixfmt";
const tree = process.argv[2] ?? "/work/trees/hm-now";
const rounds = Number(process.env["BENCH_ROUNDS"] ?? 3);

requireBuilt();
const files = nixFilesBelow(tree);
const sources = files.map((f) => readFileSync(join(tree, f), "utf8"));
const bytes = sources.reduce((n, s) => n + Buffer.byteLength(s), 0);
const work = tempDir("bench-prettier-");
const noIgnore = join(work, "empty-ignore");
writeFileSync(noIgnore, "");

// Prettier with the plugin and nothing of the tree's own configuration.
const PRETTIER = [PRETTIER_CLI, "--no-config", "--no-editorconfig", "--ignore-path", noIgnore];
const PLUGIN = ["--plugin", BUILT_PLUGIN];

interface Command {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
}
const node = (args: readonly string[], env?: Record<string, string>): Command => ({
  command: process.execPath,
  args,
  ...(env ? { env } : {}),
});
const commands: Record<string, Command> = {
  "nix-ast fmt --check": node([NIX_AST_CLI, "fmt", "--check", ...files]),
  "nix-ast fmt --check (1 thread)": node([NIX_AST_CLI, "fmt", "--check", ...files], {
    NIX_AST_FMT_THREADS: "1",
  }),
  "prettier --check": node([...PRETTIER, ...PLUGIN, "--check", ...files]),
  "prettier --check --cache (warm)": node([
    ...PRETTIER,
    ...PLUGIN,
    "--check",
    "--cache",
    "--cache-location",
    join(work, "prettier-cache"),
    ...files,
  ]),
};
if (existsSync(NIXFMT))
  commands["nixfmt --check"] = { command: NIXFMT, args: ["--check", ...files] };

/**
 * Runs a command in the tree: wall seconds, CPU seconds (user and system, of the
 * command and its threads and children, from the shell's `times`: on a machine shared
 * with other work, the figure that contention changes least), exit status, output.
 */
function timed(c: Command): { wall: number; cpu: number; status: number | null; output: string } {
  const out = join(work, "output");
  const script = '"$0" "$@" >"$OUT" 2>&1; status=$?; times; exit $status';
  const t = performance.now();
  const r = spawnSync("sh", ["-c", script, c.command, ...c.args], {
    cwd: tree,
    env: { ...process.env, NO_COLOR: "1", OUT: out, ...c.env },
    encoding: "utf8",
  });
  const wall = (performance.now() - t) / 1000;
  if (r.error) throw r.error;
  // `times` prints the shell's own times, then its children's: "0m1.5s 0m0.2s".
  const children = r.stdout.trim().split("\n").at(-1) ?? "";
  const [user = 0, system = 0] = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (m) => Number(m[1]) * 60 + Number(m[2]),
  );
  return { wall, cpu: user + system, status: r.status, output: readFileSync(out, "utf8") };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** How many of the tree's files a `--check` output names. */
function named(output: string): number {
  const set = new Set(files);
  return new Set(output.split("\n").flatMap((l) => l.split(/[\s:]+/).filter((w) => set.has(w))))
    .size;
}

console.log(
  `${tree}: ${files.length} .nix files, ${(bytes / 1e6).toFixed(1)} MB; ${rounds} rounds\n`,
);

timed(commands["prettier --check --cache (warm)"]!); // fills the cache (and the file system's)
const walls: Record<string, number[]> = {};
const cpus: Record<string, number[]> = {};
const last: Record<string, { status: number | null; output: string }> = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, command] of Object.entries(commands)) {
    const r = timed(command);
    (walls[name] ??= []).push(r.wall);
    (cpus[name] ??= []).push(r.cpu);
    last[name] = r;
  }
}
const baseWall = median(walls["nix-ast fmt --check"]!);
const baseCpu = median(cpus["nix-ast fmt --check (1 thread)"]!);
console.log(
  `whole processes, medians: wall time (against nix-ast fmt), CPU time (against nix-ast fmt on one thread)`,
);
for (const name of Object.keys(commands)) {
  const wall = median(walls[name]!);
  const cpu = median(cpus[name]!);
  const { status, output } = last[name]!;
  console.log(
    `  ${name.padEnd(32)} ${wall.toFixed(2).padStart(6)} s ${(wall / baseWall).toFixed(2).padStart(5)}x` +
      `   CPU ${cpu.toFixed(2).padStart(6)} s ${(cpu / baseCpu).toFixed(2).padStart(5)}x` +
      `   (exit ${status}, ${named(output)} files named)`,
  );
}

/** CPU seconds of this process to run `format` on every file once. */
async function inProcess(format: (text: string, file: string) => unknown): Promise<number> {
  const t = process.cpuUsage();
  for (let i = 0; i < files.length; i++) {
    try {
      await format(sources[i]!, files[i]!);
    } catch {
      // a file that does not parse costs its parse, as in the commands
    }
  }
  const { user, system } = process.cpuUsage(t);
  return (user + system) / 1e6;
}
const inProcessRuns = {
  "nix-ast parse + print": (text: string) => print(parse(text)),
  "prettier.format with the plugin": (text: string, file: string) =>
    prettier.format(text, { filepath: file, plugins: [plugin] }),
};
const cpuInProcess: Record<string, number[]> = {};
// A first round warms both up; then rounds alternate, as above.
for (let round = 0; round <= rounds; round++) {
  for (const [name, run] of Object.entries(inProcessRuns)) {
    const s = await inProcess(run);
    if (round > 0) (cpuInProcess[name] ??= []).push(s);
  }
}
console.log("\nin-process, every file once, median CPU time (warm)");
for (const [name, ts] of Object.entries(cpuInProcess)) {
  console.log(`  ${name.padEnd(32)} ${median(ts).toFixed(2).padStart(6)} s`);
}
const lib = median(cpuInProcess["nix-ast parse + print"]!);
const api = median(cpuInProcess["prettier.format with the plugin"]!);
console.log(
  `  Prettier's own share of prettier.format: ${(((api - lib) / api) * 100).toFixed(0)}%`,
);

// The same bytes: write a copy with each, compare every file.
const viaPrettier = join(work, "prettier");
const viaNixAst = join(work, "nix-ast");
for (const copy of [viaPrettier, viaNixAst]) {
  for (const f of files) cpSync(join(tree, f), join(copy, f));
}
spawnSync(process.execPath, [...PRETTIER, ...PLUGIN, "--write", ...files], { cwd: viaPrettier });
spawnSync(process.execPath, [NIX_AST_CLI, "fmt", ...files], { cwd: viaNixAst });
const differing = files.filter(
  (f) => readFileSync(join(viaPrettier, f), "utf8") !== readFileSync(join(viaNixAst, f), "utf8"),
);
console.log(
  `\nwritten with both: ${files.length - differing.length} of ${files.length} files byte for byte the same`,
);
for (const f of differing.slice(0, 10)) console.log(`  differs: ${f}`);
rmSync(work, { recursive: true, force: true });
