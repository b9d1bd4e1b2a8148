/**
 * One file's whole job in `nix-ast fmt`: read, decode, format, compare, and write it back
 * atomically when it changed. Synchronous: over a tree, the reads are the only waits,
 * and a blocking read of a small file costs less than a round through the event loop.
 *
 * @packageDocumentation
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { isStackOverflow } from "../../deep/run.js";
import { formatSource, type FormatSettings } from "./format.js";
import type { Target } from "./targets.js";

/** What became of one file. */
export type Outcome =
  | { readonly kind: "unchanged" }
  /** Formatted differently: written back, or with `--check` reported. */
  | { readonly kind: "changed" }
  /** Not read, parsed, formatted or written: the report says why; the file is as it was. */
  | { readonly kind: "failed"; readonly report: string };

/** Settings of a file job: how to format, and whether to write. */
export interface JobSettings extends FormatSettings {
  readonly check: boolean;
}

// A byte order mark is kept: Nix rejects it, and so must we (at 1:1).
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return (e as Error).message;
}

/**
 * Formats one file: reads it, formats it and, unless `check`, writes it back when it
 * changed. Never throws for a problem with the file (nor for a bug of the formatter,
 * which is reported as one, so that the other files are still done).
 */
export function formatFile(target: Target, settings: JobSettings): Outcome {
  const { path, name } = target;
  const fail = (why: string): Outcome => ({ kind: "failed", report: `nix-ast: fmt: ${why}` });
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return fail(`cannot read ${name}: ${reason(e)}`);
  }
  const source = decodeUtf8(bytes);
  if (source === undefined) return fail(`${name}: not valid UTF-8`);
  let formatted;
  try {
    formatted = formatSource(source, name, settings);
  } catch (e) {
    if (isStackOverflow(e)) return fail(`${name}: nested too deeply`);
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return fail(`${name}: internal error (a bug in nix-ast, please report it): ${detail}`);
  }
  if ("report" in formatted) return { kind: "failed", report: formatted.report };
  if (formatted.text === source) return { kind: "unchanged" };
  if (!settings.check) {
    try {
      writeAtomic(path, formatted.text);
    } catch (e) {
      return fail(`cannot write ${name}: ${reason(e)}`);
    }
  }
  return { kind: "changed" };
}

/**
 * Writes `text` to `target` (through symbolic links) by a temporary file in the same
 * directory, with the same mode, renamed over it: a reader sees the old text or the new,
 * never a part.
 */
export function writeAtomic(target: string, text: string): void {
  const real = realpathSync(target);
  const mode = statSync(real).mode & 0o7777;
  // A short name, so that a file whose own name is near the limit can be written too.
  const tmp = join(dirname(real), `.nix-ast-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, text, { mode, flag: "wx" });
    chmodSync(tmp, mode);
    renameSync(tmp, real);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Not created, or already gone.
    }
    throw e;
  }
}
