/**
 * What a `nix-ast` subcommand is, and the error a command throws for bad usage or bad
 * input (reported as one line on standard error, exit status 2).
 *
 * @packageDocumentation
 */
import type { CliIo } from "./io.js";

/** A `nix-ast` subcommand. */
export interface Command {
  /** The word after `nix-ast`. */
  readonly name: string;
  /** One line for `nix-ast --help`. */
  readonly summary: string;
  /** The text of `nix-ast NAME --help` (usage line first, ends with a newline). */
  readonly help: string;
  /**
   * Runs the command with the arguments after its name (`--help` is handled before).
   * Resolves to the exit status. Throws {@link UsageError} for bad arguments, and a
   * `NixAstError` for bad input; both are reported by the caller as one line, status 2.
   */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Bad arguments or input a command reports as `nix-ast: MESSAGE` (exit status 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
