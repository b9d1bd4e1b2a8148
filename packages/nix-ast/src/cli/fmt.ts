/**
 * `nix-ast fmt`: Nix files and directories formatted in place in the official style, or
 * standard input to standard output, with nixfmt's flags. The parts: `fmt/options.ts`
 * reads the arguments, `fmt/targets.ts` finds the files, `fmt/pool.ts` spreads them over
 * the cores, `fmt/file-job.ts` does one file, `fmt/format.ts` formats and verifies.
 *
 * @packageDocumentation
 */
import type { Command } from "./command.js";
import { decodeUtf8 } from "./fmt/file-job.js";
import { formatSource } from "./fmt/format.js";
import { parseFmtArgs, type FmtOptions } from "./fmt/options.js";
import { formatAll, THREADS_VARIABLE } from "./fmt/pool.js";
import { findTargets } from "./fmt/targets.js";
import type { CliIo } from "./io.js";

const HELP = `Usage: nix-ast fmt [OPTION...] [FILE|DIRECTORY...]

Formats Nix files in place in the official Nix format (nixfmt, RFC 166), keeping their
comments and blank lines. A DIRECTORY stands for every .nix file below it (regular
files, not symbolic links; .git and node_modules are skipped). With no FILE, or -,
formats standard input to standard output.

Options (nixfmt's, as treefmt, pre-commit and editors pass them):
  -c, --check          change nothing; report each file that would change as
                       "FILE: not formatted", and exit with status 1 if any would
  -w, --width N        the line width (default 100)
  -v, --verify         check each result before writing it: it parses, means what the
                       input meant, keeps every comment, and formatting it again changes
                       nothing; a file that fails is reported and left as it was
  -q, --quiet          report no problem with a file (the exit status still tells)
  -f, --filename NAME  the name standard input is reported under (default <stdin>)
  -h, --help           show this help

A file that does not parse is reported as FILE:LINE:COLUMN: MESSAGE, followed by the
source line and a caret, and left as it was; the other files are still formatted.
Every write is atomic (a temporary file renamed over the original). Many files are
formatted on one thread per two cores (${THREADS_VARIABLE}=N sets the number of threads).

Exit status: 0 when all is formatted, 1 when --check found files to change, 2 when a
file could not be read, parsed, verified or written, or for a usage error.
`;

/** `nix-ast fmt` on standard input. */
async function formatStdin(options: FmtOptions, io: CliIo): Promise<number> {
  const report = (text: string) => void (options.quiet || io.stderr.write(text + "\n"));
  const name = options.stdinName;
  const source = decodeUtf8(await io.readStdin());
  if (source === undefined) {
    report(`nix-ast: fmt: ${name}: not valid UTF-8`);
    return 2;
  }
  const formatted = formatSource(source, name, options);
  if ("report" in formatted) {
    report(formatted.report);
    return 2;
  }
  if (!options.check) {
    io.stdout.write(formatted.text);
    return 0;
  }
  if (formatted.text === source) return 0;
  report(`${name}: not formatted`);
  return 1;
}

/**
 * Runs `nix-ast fmt` with the arguments after `fmt`. Resolves to the exit status: 0
 * when everything is (now) formatted, 1 when `--check` found something to change, 2
 * when a file could not be read, decoded, parsed, verified or written (reported on
 * standard error, the file left as it was, the other files still done).
 *
 * @example
 * ```ts
 * const io = memoryIo("{a=1;}");
 * await runFmt([], io); // 0; io.out() is "{ a = 1; }\n"
 * ```
 */
export async function runFmt(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseFmtArgs(args);
  if (options.inputs.length === 0 || options.inputs[0] === "-") {
    return formatStdin(options, io);
  }
  const report = (text: string) => void (options.quiet || io.stderr.write(text + "\n"));
  const { targets, problems } = findTargets(options.inputs, io.cwd);
  for (const problem of problems) report(`nix-ast: fmt: ${problem}`);
  let failed = problems.length > 0;
  let changed = false;
  const outcomes = await formatAll(targets, options);
  outcomes.forEach((outcome, i) => {
    if (outcome.kind === "failed") {
      failed = true;
      report(outcome.report);
    } else if (outcome.kind === "changed") {
      changed = true;
      if (options.check) report(`${targets[i]!.name}: not formatted`);
    }
  });
  return failed ? 2 : options.check && changed ? 1 : 0;
}

/** The `fmt` subcommand. */
export const fmtCommand: Command = {
  name: "fmt",
  summary: "format Nix files and directories in the official style (--check to only report)",
  help: HELP,
  run: runFmt,
};
