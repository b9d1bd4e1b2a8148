/**
 * The arguments of `nix-ast fmt`: nixfmt's flags that formatter runners pass (treefmt,
 * pre-commit, editors), read into {@link FmtOptions}.
 *
 * @packageDocumentation
 */
import { UsageError } from "../command.js";

/** What `nix-ast fmt` was asked to do. */
export interface FmtOptions {
  /** Change nothing; report what would change (exit status 1 if anything would). */
  readonly check: boolean;
  /** Report nothing on standard error; the exit status alone tells. */
  readonly quiet: boolean;
  /** Reparse and reformat the output, refusing to write what fails. */
  readonly verify: boolean;
  /** The line width (nixfmt's `--width`). */
  readonly width: number;
  /** The name standard input is reported under. */
  readonly stdinName: string;
  /** Files and directories, in the order given; empty (or `-` alone) for standard input. */
  readonly inputs: readonly string[];
}

/** The official format's line width. */
export const DEFAULT_WIDTH = 100;

/** The widest `--width` taken (wider is surely a mistake). */
const MAX_WIDTH = 100_000;

/** The flags without a value, by every name they go by. */
const SWITCHES: Readonly<Record<string, "check" | "quiet" | "verify">> = {
  "--check": "check",
  "-c": "check",
  "--quiet": "quiet",
  "-q": "quiet",
  "--verify": "verify",
  "-v": "verify",
};

/** The flags with a value, by every name they go by. */
const VALUED: Readonly<Record<string, "width" | "filename">> = {
  "--width": "width",
  "-w": "width",
  "--filename": "filename",
  "-f": "filename",
};

function parseWidth(text: string): number {
  if (!/^[0-9]+$/.test(text) || +text < 1 || +text > MAX_WIDTH) {
    throw new UsageError(
      `fmt: --width takes a whole number from 1 to ${MAX_WIDTH}, not ${JSON.stringify(text)}`,
    );
  }
  return +text;
}

/**
 * Reads the arguments after `fmt`. Flags may come anywhere before `--`; a valued flag
 * takes the next argument or `=VALUE`. Throws {@link UsageError} for an unknown flag, a
 * missing or bad value, or `-` beside other inputs.
 *
 * @example
 * ```ts
 * parseFmtArgs(["--check", "-w", "80", "."]);
 * // { check: true, quiet: false, verify: false, width: 80, stdinName: "<stdin>", inputs: ["."] }
 * ```
 */
export function parseFmtArgs(args: readonly string[]): FmtOptions {
  const flags = { check: false, quiet: false, verify: false };
  let width = DEFAULT_WIDTH;
  let stdinName = "<stdin>";
  const inputs: string[] = [];
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!options || arg === "-" || !arg.startsWith("-")) {
      inputs.push(arg);
      continue;
    }
    if (arg === "--") {
      options = false;
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const switchName = SWITCHES[flag];
    if (switchName !== undefined && eq < 0) {
      flags[switchName] = true;
      continue;
    }
    const valued = VALUED[flag];
    if (valued === undefined) {
      throw new UsageError(`fmt: unknown option ${arg} (try nix-ast fmt --help)`);
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < args.length) value = args[++i]!;
    else throw new UsageError(`fmt: ${flag} needs a value (try nix-ast fmt --help)`);
    if (valued === "width") width = parseWidth(value);
    else stdinName = value;
  }
  if (inputs.includes("-") && inputs.length > 1) {
    throw new UsageError("fmt: - (standard input) cannot be mixed with files");
  }
  return { ...flags, width, stdinName, inputs };
}
