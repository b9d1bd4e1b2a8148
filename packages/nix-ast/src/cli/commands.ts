/**
 * The table of `nix-ast` subcommands. Registering one is one line here.
 *
 * @packageDocumentation
 */
import type { Command } from "./command.js";
import { getCommand, rmCommand, setCommand } from "./edit.js";
import { fmtCommand } from "./fmt.js";
import { fromJsonCommand } from "./from-json.js";

/** Every subcommand, in the order `nix-ast --help` lists them. */
export const COMMANDS: readonly Command[] = [
  fromJsonCommand,
  fmtCommand,
  getCommand,
  setCommand,
  rmCommand,
];
