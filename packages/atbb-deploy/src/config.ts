/**
 * The small configuration file kept in the target directory (`nix/atbb-deploy.json`),
 * so that the real dependency hash (and any other option an operator sets) survives
 * regeneration. Nobody edits a generated file by hand.
 *
 * @packageDocumentation
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { NixAstError } from "@atbb/nix-ast";
import { defaultOptions, resolveOptions, type DeployOptions } from "./options.js";

/** The configuration file's path, relative to the target directory. */
export const CONFIG_PATH = "nix/atbb-deploy.json";

/** What the configuration file may hold: any of the options, as JSON. */
export type DeployConfig = Partial<DeployOptions>;

function checkShape(key: string, value: unknown, file: string): void {
  if (!(key in defaultOptions)) {
    throw new NixAstError(`${file}: unknown option "${key}"`);
  }
  const expected = (defaultOptions as unknown as Record<string, unknown>)[key];
  const ok =
    key === "pnpmDepsHash"
      ? value === null || typeof value === "string"
      : Array.isArray(expected)
        ? Array.isArray(value) && value.every((v) => typeof v === "string")
        : typeof value === typeof expected;
  if (!ok) throw new NixAstError(`${file}: option "${key}" has the wrong type`);
}

/**
 * The options recorded in `dir`'s configuration file ({} when there is none). Throws a
 * {@link NixAstError} for a file that is not JSON, an unknown option or a bad value.
 */
export function readConfig(dir: string): DeployConfig {
  const file = join(dir, CONFIG_PATH);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw e;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new NixAstError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new NixAstError(`${file}: expected a JSON object of options`);
  }
  for (const [key, value] of Object.entries(data)) checkShape(key, value, file);
  const config = data as DeployConfig;
  try {
    resolveOptions(config);
  } catch (e) {
    throw new NixAstError(`${file}: ${(e as NixAstError).problem ?? (e as Error).message}`);
  }
  return config;
}

/** Writes `content` to `file` atomically: a temporary file beside it, then a rename. */
export function writeFileAtomic(file: string, content: string): void {
  writeFilesAtomic([{ file, content }]);
}

/**
 * Writes several files as one step, as far as a file system allows: every content goes
 * to a temporary file beside its target first; only when all are written are they
 * renamed over the targets. A failure before that removes the temporary files and
 * leaves every old file as it was.
 */
export function writeFilesAtomic(files: readonly { file: string; content: string }[]): void {
  const temps: { temp: string; file: string }[] = [];
  try {
    for (const { file, content } of files) {
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      temps.push({ temp, file });
      writeFileSync(temp, content);
    }
  } catch (e) {
    for (const { temp } of temps) rmSync(temp, { force: true });
    throw e;
  }
  for (const { temp, file } of temps) renameSync(temp, file);
}

/** Records `config` (merged over what the file already holds) in `dir`'s configuration file. */
export function writeConfig(dir: string, config: DeployConfig): void {
  const merged = { ...readConfig(dir), ...config };
  writeFileAtomic(join(dir, CONFIG_PATH), JSON.stringify(merged, null, 2) + "\n");
}
