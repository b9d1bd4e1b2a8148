#!/usr/bin/env node
/**
 * The `atbb-deploy` command (`pnpm build:nix` at the repository root).
 *
 * - `build:nix [--out DIR] [--check] [--hash SRI [--in-place]]` writes `flake.nix`,
 *   `nix/package.nix` and `nix/module.nix` under DIR (default: this repository's root);
 *   `--hash` records the pnpm dependency hash in DIR's `nix/atbb-deploy.json` first;
 *   `--in-place` instead changes only the hash in DIR's existing `nix/package.nix` (with
 *   nix-ast's editing API), leaving the rest of that file and the other files as they are;
 *   `--check` writes nothing, and exits 1 naming the stale files and showing a diff.
 * - `units [--out DIR] [--dir UNITDIR] [--domain D] [--auto-migrate] [--no-database]`
 *   shows the systemd units of the module as unit files (or writes them under UNITDIR),
 *   for the options recorded in DIR.
 *
 * A relative DIR is taken from the directory the command was run in (`INIT_CWD` under
 * pnpm). Errors are one line on standard error, with exit status 2.
 *
 * @packageDocumentation
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { NixParseError, setAttr, str } from "@atbb/nix-ast";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CONFIG_PATH, readConfig, writeConfig, writeFilesAtomic } from "./config.js";
import { unifiedDiff } from "./diff.js";
import { generate } from "./generate.js";
import { isSriHash, resolveOptions } from "./options.js";
import { renderUnitFiles, sampleValues } from "./units.js";

/** The repository root: the target of `pnpm build:nix` without `--out`. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where the command writes and what it runs in. */
export interface CliIo {
  /** The directory relative paths are taken from. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** A usage or input error: one line on standard error, exit status 2. */
class UsageError extends Error {}

/** The generated package file, relative to the target directory. */
const PACKAGE_PATH = "nix/package.nix";

/** Where the pnpm dependency hash stands in the package file. */
const HASH_ATTRIBUTE = "pnpmDeps.hash";

const HELP = `Usage:
  atbb-deploy [build] [--out DIR] [--check] [--hash SRI [--in-place]]
      Write flake.nix, nix/package.nix and nix/module.nix under DIR (default: the
      repository root). --hash records the pnpm dependency hash (sha256-...) in
      DIR/${CONFIG_PATH}, which every later run reads. --check writes nothing and
      exits 1 when a file is stale, naming it and showing a diff.
      --in-place (with --hash) regenerates nothing: it changes only the hash in the
      existing DIR/${PACKAGE_PATH} (and records it), keeping the rest of that file
      as it is, for files an older atbb-deploy wrote or someone changed by hand.
  atbb-deploy units [--out DIR] [--dir UNITDIR] [--domain NAME] [--auto-migrate] [--no-database]
      Show the module's systemd units as unit files (or write them under UNITDIR), for
      the options recorded in DIR/${CONFIG_PATH} and a sample configuration.
`;

interface Parsed {
  readonly command: "build" | "units" | "help";
  readonly flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(["--out", "--hash", "--dir", "--domain"]);
const BOOLEAN_FLAGS: Record<Parsed["command"], readonly string[]> = {
  build: ["--check", "--in-place"],
  units: ["--auto-migrate", "--no-database"],
  help: [],
};
const ALLOWED_VALUES: Record<Parsed["command"], readonly string[]> = {
  build: ["--out", "--hash"],
  units: ["--dir", "--domain", "--out"],
  help: [],
};

function parse(argv: readonly string[]): Parsed {
  const args = [...argv];
  if (args[0] === "--") args.shift();
  let command: Parsed["command"] = "build";
  if (args[0] === "build" || args[0] === "units" || args[0] === "help") {
    command = args.shift() as Parsed["command"];
  }
  const flags = new Map<string, string | true>();
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg === "--help" || arg === "-h") return { command: "help", flags };
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(name) && ALLOWED_VALUES[command].includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args.shift();
      if (value === undefined || value === "") throw new UsageError(`${name} needs a value`);
      flags.set(name, value);
    } else if (BOOLEAN_FLAGS[command].includes(arg)) {
      flags.set(arg, true);
    } else {
      throw new UsageError(`unknown argument "${arg}" for ${command} (see --help)`);
    }
  }
  return { command, flags };
}

/** `~/x` as the shell would expand it (for `--out=~/atbb`, which no shell expands). */
function expandHome(p: string): string {
  return p === "~" || p.startsWith("~/") ? homedir() + p.slice(1) : p;
}

function build(flags: Parsed["flags"], io: CliIo): number {
  const out = flags.get("--out");
  const dir = typeof out === "string" ? resolve(io.cwd, expandHome(out)) : REPOSITORY_ROOT;
  const check = flags.has("--check");
  const hash = flags.get("--hash");
  if (typeof hash === "string" && !isSriHash(hash)) {
    throw new UsageError(`--hash "${hash}" is not an SRI hash (sha256-<44 base64 characters>)`);
  }
  if (typeof out === "string" && !check && existsSync(dir) === false) {
    throw new UsageError(`--out ${dir} does not exist`);
  }
  if (flags.has("--in-place")) {
    if (typeof hash !== "string") throw new UsageError("--in-place needs --hash SRI");
    if (check) throw new UsageError("--in-place and --check do not go together");
    return setHashInPlace(dir, hash, io);
  }
  const config = {
    ...readConfig(dir),
    ...(typeof hash === "string" ? { pnpmDepsHash: hash } : {}),
  };
  // Everything is generated before anything is written: a failure leaves the old files.
  const files = generate(config);
  if (check) {
    const stale: string[] = [];
    for (const file of files) {
      const target = join(dir, file.path);
      const current = existsSync(target) ? readFileSync(target, "utf8") : null;
      if (current === file.content) continue;
      stale.push(file.path);
      io.stdout(
        unifiedDiff(
          current ?? "",
          file.content,
          current === null ? "/dev/null" : `a/${file.path}`,
          `b/${file.path}`,
        ),
      );
    }
    if (stale.length > 0) {
      io.stderr(`stale: ${stale.join(", ")} (run pnpm build:nix to regenerate)\n`);
      return 1;
    }
    io.stdout(`up to date: ${files.map((f) => f.path).join(", ")}\n`);
    return 0;
  }
  if (typeof hash === "string") writeConfig(dir, { pnpmDepsHash: hash });
  writeFilesAtomic(files.map((f) => ({ file: join(dir, f.path), content: f.content })));
  io.stdout(`wrote ${files.map((f) => join(dir, f.path)).join(", ")}\n`);
  return 0;
}

/**
 * `--hash SRI --in-place`: the hash changed in the existing package file, every other
 * byte of it kept (nix-ast's `setAttr`), and recorded for later runs.
 */
function setHashInPlace(dir: string, hash: string, io: CliIo): number {
  const file = join(dir, PACKAGE_PATH);
  if (!existsSync(file)) {
    throw new UsageError(
      `${file} does not exist: generate the files first (pnpm build:nix --out DIR)`,
    );
  }
  const before = readFileSync(file, "utf8");
  let after: string;
  try {
    after = setAttr(before, HASH_ATTRIBUTE, str(hash), { file });
  } catch (e) {
    if (!(e instanceof NixParseError)) throw e;
    throw new UsageError(`${file}:${e.line}:${e.column}: ${e.message}`);
  }
  if (after !== before) writeFilesAtomic([{ file, content: after }]);
  writeConfig(dir, { pnpmDepsHash: hash });
  io.stdout(`${after === before ? "already set" : "set"} ${HASH_ATTRIBUTE} in ${file}\n`);
  return 0;
}

function units(flags: Parsed["flags"], io: CliIo): number {
  const out = flags.get("--out");
  const o = resolveOptions(
    readConfig(typeof out === "string" ? resolve(io.cwd, expandHome(out)) : REPOSITORY_ROOT),
  );
  const domain = flags.get("--domain");
  const values = sampleValues(o, {
    ...(typeof domain === "string" ? { domain, oauthPublicUrl: `https://${domain}` } : {}),
    ...(flags.has("--auto-migrate") ? { autoMigrate: true } : {}),
    ...(flags.has("--no-database") ? { database: { enable: false, name: o.databaseName } } : {}),
  });
  const files = renderUnitFiles(o, values);
  const dir = flags.get("--dir");
  if (typeof dir === "string") {
    const target = resolve(io.cwd, expandHome(dir));
    writeFilesAtomic(files.map((f) => ({ file: join(target, f.name), content: f.content })));
    io.stdout(`wrote ${files.map((f) => join(target, f.name)).join(", ")}\n`);
    return 0;
  }
  io.stdout("# The module's units for a sample configuration (store paths are placeholders).\n");
  for (const f of files) io.stdout(`\n# ${f.name}\n${f.content}`);
  return 0;
}

/** Runs the command with `argv` (without node and the script); returns the exit status. */
export function main(argv: readonly string[], io: CliIo): number {
  try {
    const { command, flags } = parse(argv);
    if (command === "help") {
      io.stdout(HELP);
      return 0;
    }
    return command === "units" ? units(flags, io) : build(flags, io);
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split("\n")[0];
    io.stderr(`atbb-deploy: ${message}\n`);
    return 2;
  }
}

function isEntry(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntry()) {
  // `atbb-deploy units | head`: a closed pipe ends the output, not with a stack trace
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = main(process.argv.slice(2), {
    cwd: process.env["INIT_CWD"] ?? process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}
