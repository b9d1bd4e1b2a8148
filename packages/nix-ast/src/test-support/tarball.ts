/**
 * Packages as users get them: packed into tarballs, installed with `npm` into a fresh
 * project in a temporary directory outside the workspace. The install is `--offline`
 * with a cache of its own: every tarball it needs is given, so a test never reaches a
 * registry and a missing dependency fails the install instead of being fetched.
 *
 * @example
 * ```ts
 * const packs = tempDir("packs-");
 * const project = npmProject([packWorkspacePackage(NIX_AST_DIR, packs)]);
 * project.run("node_modules/.bin/nix-ast", ["--help"]);
 * project.remove();
 * ```
 *
 * @packageDocumentation
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The root of the workspace (where `pnpm-workspace.yaml` is). */
export const WORKSPACE = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** A fresh directory under the system's temporary directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** What a command did. */
export interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of commands whose output a test reads: no colours, which CI asks for. */
function plainEnv(): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _, ...env } = process.env;
  return { ...env, NO_COLOR: "1" };
}

/** Runs `command` in `cwd`, its output uncoloured; throws only when it cannot be started. */
export function run(command: string, args: readonly string[], cwd: string, input?: string): Ran {
  const r = spawnSync(command, args, {
    cwd,
    input,
    env: plainEnv(),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `command` and throws, with its output, unless it exits with status 0. */
function runOk(command: string, args: readonly string[], cwd: string): Ran {
  const r = run(command, args, cwd);
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  }
  return r;
}

/** The one tarball `pack` writes into a fresh directory under `into`. */
function packInto(into: string, pack: (dir: string) => void): string {
  const dir = mkdtempSync(join(into, "pack-"));
  pack(dir);
  const tarballs = readdirSync(dir).filter((f) => f.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`expected one tarball in ${dir}, found ${tarballs}`);
  return join(dir, tarballs[0]!);
}

/**
 * Packs the workspace package in `packageDir` with `pnpm pack`, which writes the
 * versions of `workspace:` dependencies into the packed `package.json`. Build first:
 * the tarball holds what the package's `files` name, as it is on disk.
 */
export function packWorkspacePackage(packageDir: string, into: string): string {
  return packInto(into, (dir) => runOk("pnpm", ["pack", "--pack-destination", dir], packageDir));
}

/**
 * Packs a package the workspace has installed (for example `prettier`, to give a test
 * project the same version without a registry), with `npm pack`.
 */
export function packInstalledPackage(name: string, into: string): string {
  const require = createRequire(join(WORKSPACE, "package.json"));
  const dir = realpathSync(dirname(require.resolve(`${name}/package.json`)));
  return packInto(into, (out) => runOk("npm", ["pack", "--pack-destination", out, dir], into));
}

/** A project outside the workspace with tarballs installed. */
export interface NpmProject {
  /** Its directory. */
  readonly dir: string;
  /** Runs a command in it (a path relative to it, such as `node_modules/.bin/x`, works). */
  run(command: string, args: readonly string[], input?: string): Ran;
  /** Deletes it. */
  remove(): void;
}

/**
 * A fresh npm project in a temporary directory with `tarballs` installed by
 * `npm install --offline`, as a user would install them: each becomes a dependency,
 * and a dependency of one is satisfied by another that is given.
 */
export function npmProject(tarballs: readonly string[]): NpmProject {
  const dir = tempDir("npm-project-");
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }),
  );
  const cache = join(dir, ".npm-cache");
  runOk(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--cache", cache, ...tarballs],
    dir,
  );
  return {
    dir,
    run: (command, args, input) =>
      run(command.includes("/") ? resolve(dir, command) : command, args, dir, input),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
