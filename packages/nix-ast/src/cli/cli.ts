/**
 * The `nix-ast` command line: dispatch to a subcommand, `--help`, `--version`, and the
 * one rule for errors (one line on standard error, `nix-ast: ...`, exit status 2; a
 * stack trace only for a bug).
 *
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import { isStackOverflow } from "../deep/run.js";
import { NixAstError } from "../errors.js";
import { UsageError, type Command } from "./command.js";
import { COMMANDS } from "./commands.js";
import type { CliIo } from "./io.js";

/** Exit status for success. */
export const EXIT_OK = 0;
/** Exit status for bad usage or bad input. */
export const EXIT_USAGE = 2;
/** Exit status for an internal error (a bug in nix-ast). */
export const EXIT_INTERNAL = 70;

/** This package's version, from its package.json. */
export function version(): string {
  const pkg: unknown = JSON.parse(
    readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
  );
  return (pkg as { version: string }).version;
}

/** The text of `nix-ast --help`. */
export function mainHelp(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: nix-ast <command> [arguments]",
    "",
    "The Nix expression language as typed TypeScript values, printed in the official Nix format.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Options:",
    "  -h, --help  show this help; nix-ast <command> --help shows a command's",
    "  --version   print the version",
    "",
    "Exit status: 0 on success, 2 on bad usage or bad input (one line on standard error).",
    "",
  ].join("\n");
}

/** Whether the arguments ask for help (`-h` or `--help` before any `--`). */
function asksHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
  }
  return false;
}

/** One line for standard error. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Runs `nix-ast` with `argv` (the arguments after the program name) against `io`.
 * Resolves to the exit status; never rejects. Errors in the input or the usage are
 * written as one line `nix-ast: ...` on standard error (status 2).
 *
 * @example
 * ```ts
 * const io = memoryIo('{"a": 1.0}');
 * await runCli(["from-json"], io); // 0; io.out() is "{ a = 1.0; }\n"
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [first, ...rest] = argv;
  const fail = (message: string): number => {
    io.stderr.write(`nix-ast: ${oneLine(message)}\n`);
    return EXIT_USAGE;
  };
  if (first === undefined) return fail("no command given (try nix-ast --help)");
  if (first === "--help" || first === "-h") {
    io.stdout.write(mainHelp(commands));
    return EXIT_OK;
  }
  if (first === "--version") {
    io.stdout.write(`${version()}\n`);
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === first);
  if (command === undefined) {
    const what = first.startsWith("-") ? "option" : "command";
    return fail(`unknown ${what} ${first} (try nix-ast --help)`);
  }
  if (asksHelp(rest)) {
    io.stdout.write(command.help);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof NixAstError) return fail(e.message);
    if (isStackOverflow(e)) {
      return fail(`${command.name}: the input is nested too deeply`);
    }
    io.stderr.write(
      `nix-ast: internal error (a bug in nix-ast, please report it): ${
        e instanceof Error ? (e.stack ?? e.message) : String(e)
      }\n`,
    );
    return EXIT_INTERNAL;
  }
}
