/**
 * `nix-ast fmt [--check] [FILE...]`: Nix files formatted in place in the official
 * style (standard input to standard output when no file is named).
 *
 * @packageDocumentation
 */
import { randomBytes } from "node:crypto";
import { chmod, readFile, realpath, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { NixAstError } from "../errors.js";
import { NixParseError } from "../parser/error.js";
import { parse } from "../parser/parser.js";
import { print } from "../printer/print.js";
import { UsageError, type Command } from "./command.js";
import type { CliIo } from "./io.js";

const HELP = `Usage: nix-ast fmt [--check] [FILE...]

Formats each Nix FILE in place in the official Nix format (nixfmt, RFC 166), keeping
its comments and blank lines. With no FILE (or -), formats standard input to standard
output.

  --check   change nothing; list the files that would change (with standard input,
            print nothing) and exit with status 1 if any would

A file that does not parse is reported as FILE:LINE:COLUMN: MESSAGE, followed by the
source line and a caret, and left untouched; the other files are still formatted.
Every write is atomic (a temporary file renamed over the original).

Exit status: 0 when all is formatted, 1 when --check found files to change, 2 when a
file could not be read or parsed, or for a usage error.
`;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The official format of `source`, or the reason it has none. */
function format(
  source: string,
  file: string,
): { ok: true; text: string } | { ok: false; report: string } {
  try {
    return { ok: true, text: print(parse(source, { file })) };
  } catch (e) {
    if (e instanceof NixParseError) return { ok: false, report: e.format() };
    if (e instanceof NixAstError)
      return { ok: false, report: `${file}: cannot format: ${e.message}` };
    throw e;
  }
}

/** Writes `text` to `target` through a temporary file in the same directory, renamed over it. */
async function writeAtomic(target: string, text: string): Promise<void> {
  const real = await realpath(target);
  const mode = (await stat(real)).mode & 0o7777;
  const tmp = join(
    dirname(real),
    `.${basename(real)}.nix-ast-${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await writeFile(tmp, text, { mode });
    await chmod(tmp, mode);
    await rename(tmp, real);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

function decode(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new UsageError(`${file}: not valid UTF-8`);
  }
}

/**
 * Runs `nix-ast fmt` with the arguments after `fmt`. Resolves to the exit status: 0
 * when everything is (now) formatted, 1 when `--check` found something to change, 2
 * when a file could not be read, decoded, parsed or printed (reported on standard error,
 * the file left untouched, the other files still done).
 *
 * @example
 * ```ts
 * const io = memoryIo("{a=1;}");
 * await runFmt([], io); // 0; io.out() is "{ a = 1; }\n"
 * ```
 */
export async function runFmt(args: readonly string[], io: CliIo): Promise<number> {
  let check = false;
  const files: string[] = [];
  let options = true;
  for (const arg of args) {
    if (options && arg === "--") options = false;
    else if (options && arg === "--check") check = true;
    else if (options && arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`fmt: unknown option ${arg} (try nix-ast fmt --help)`);
    } else files.push(arg);
  }

  if (files.length === 0 || (files.length === 1 && files[0] === "-")) {
    const source = decode(await io.readStdin(), "<stdin>");
    const r = format(source, "<stdin>");
    if (!r.ok) {
      io.stderr.write(r.report + "\n");
      return 2;
    }
    if (check) return r.text === source ? 0 : 1;
    io.stdout.write(r.text);
    return 0;
  }

  let failed = false;
  let changed = false;
  for (const file of files) {
    if (file === "-") {
      io.stderr.write("nix-ast: fmt: - (standard input) cannot be mixed with files\n");
      failed = true;
      continue;
    }
    const path = resolve(io.cwd, file);
    let source: string;
    try {
      source = decode(new Uint8Array(await readFile(path)), file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why =
        e instanceof UsageError
          ? e.message
          : `cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (e as Error).message}`;
      io.stderr.write(`nix-ast: fmt: ${why}\n`);
      failed = true;
      continue;
    }
    const r = format(source, file);
    if (!r.ok) {
      io.stderr.write(r.report + "\n");
      failed = true;
      continue;
    }
    if (r.text === source) continue;
    changed = true;
    if (check) {
      io.stdout.write(file + "\n");
      continue;
    }
    try {
      await writeAtomic(path, r.text);
    } catch (e) {
      io.stderr.write(`nix-ast: fmt: cannot write ${file}: ${(e as Error).message}\n`);
      failed = true;
    }
  }
  return failed ? 2 : check && changed ? 1 : 0;
}

/** The `fmt` subcommand. */
export const fmtCommand: Command = {
  name: "fmt",
  summary: "format Nix files in place in the official style (--check to only list them)",
  help: HELP,
  run: runFmt,
};
