/**
 * The real command lines the plugin's tests compare: `prettier` (the workspace's) with
 * the built plugin, and `nix-ast fmt` (the built one), each run as a whole process.
 *
 * @packageDocumentation
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { run, WORKSPACE, type Ran } from "../../../nix-ast/src/test-support/tarball.js";

export { run, WORKSPACE, type Ran };

/** This package's directory. */
export const PLUGIN_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** The built plugin, as Prettier loads it. */
export const BUILT_PLUGIN = join(PLUGIN_DIR, "dist", "index.js");

const NIX_AST_DIR = join(WORKSPACE, "packages", "nix-ast");

/** The built `nix-ast` command: the file its package names as its bin, as users run it. */
export const NIX_AST_CLI = join(
  NIX_AST_DIR,
  (
    JSON.parse(readFileSync(join(NIX_AST_DIR, "package.json"), "utf8")) as {
      bin: { "nix-ast": string };
    }
  ).bin["nix-ast"],
);

/** The workspace's `prettier` command. */
export const PRETTIER_CLI = join(
  dirname(createRequire(import.meta.url).resolve("prettier/package.json")),
  "bin",
  "prettier.cjs",
);

/** Throws unless the plugin and nix-ast are built (`pnpm test` builds first). */
export function requireBuilt(): void {
  for (const file of [BUILT_PLUGIN, NIX_AST_CLI]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run pnpm build first`);
  }
}

/** `prettier ARGS` in `cwd`. */
export function prettier(args: readonly string[], cwd: string, input?: string): Ran {
  return run(process.execPath, [PRETTIER_CLI, ...args], cwd, input);
}

/** `nix-ast fmt ARGS` in `cwd`. */
export function nixAstFmt(args: readonly string[], cwd: string, input?: string): Ran {
  return run(process.execPath, [NIX_AST_CLI, "fmt", ...args], cwd, input);
}

const SKIPPED = new Set(["node_modules", "dist", ".git", ".tmp"]);

/**
 * Every `.nix` file of the repository (relative to its root, sorted): the generated
 * files, and every fixture directory of every package, whatever it is named.
 */
export function repositoryNixFiles(): string[] {
  return nixFilesBelow(WORKSPACE);
}

/** Every `.nix` file below `root`, relative to it, sorted (dependencies and builds left out). */
export function nixFilesBelow(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".nix")) found.push(relative(root, path));
    }
  };
  walk(root);
  return found.sort();
}
