/**
 * The files `nix-ast fmt` formats: each named file, and every `.nix` regular file below
 * each named directory, in a deterministic order.
 *
 * @packageDocumentation
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** One file to format. */
export interface Target {
  /** The file's absolute path. */
  readonly path: string;
  /** The name it is reported under: the argument, or the argument joined with the path below it. */
  readonly name: string;
}

/** Directories a walk never enters: version control and installed packages. */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([".git", "node_modules"]);

/** What finding the targets gave: the files, and one report per argument that failed. */
export interface Targets {
  readonly targets: readonly Target[];
  readonly problems: readonly string[];
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES") return "permission denied";
  return (e as Error).message;
}

/**
 * The targets for `inputs` (taken from `cwd`). A named file is formatted whatever its
 * name; a named directory gives every regular file below it whose name ends in `.nix`
 * (not symbolic links, nor `.git` or `node_modules`), sorted by name, directories named
 * `x.nix` included as directories. A file met twice is formatted once.
 *
 * @example
 * ```ts
 * findTargets(["flake.nix", "nix"], "/repo").targets.map((t) => t.name);
 * // ["flake.nix", "nix/module.nix", "nix/package.nix"]
 * ```
 */
export function findTargets(inputs: readonly string[], cwd: string): Targets {
  const targets: Target[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (path: string, name: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    targets.push({ path, name });
  };

  const walk = (path: string, name: string) => {
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch (e) {
      problems.push(`cannot read directory ${name}: ${reason(e)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const below = join(path, entry.name);
      const belowName = join(name, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(below, belowName);
      } else if (entry.isFile() && entry.name.endsWith(".nix")) {
        add(below, belowName);
      }
    }
  };

  for (const input of inputs) {
    const path = resolve(cwd, input);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (e) {
      problems.push(`cannot read ${input}: ${reason(e)}`);
      continue;
    }
    if (isDirectory) walk(path, input);
    else add(path, input);
  }
  return { targets, problems };
}
