/**
 * `nix-ast from-json [FILE]`: a JSON document printed as the Nix expression that means
 * exactly what `builtins.fromJSON` makes of it.
 *
 * @packageDocumentation
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fromJson } from "../json/from-json.js";
import { print } from "../printer/print.js";
import { UsageError, type Command } from "./command.js";
import type { CliIo } from "./io.js";

/** Reads FILE (or standard input for none or `-`), as bytes. */
export async function readInput(
  file: string | undefined,
  io: CliIo,
): Promise<{ name: string; bytes: Uint8Array }> {
  if (file === undefined || file === "-") return { name: "<stdin>", bytes: await io.readStdin() };
  try {
    return { name: file, bytes: new Uint8Array(await readFile(resolve(io.cwd, file))) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (e as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
}

/** The `from-json` subcommand. */
export const fromJsonCommand: Command = {
  name: "from-json",
  summary: "print a JSON document as the Nix expression builtins.fromJSON makes of it",
  help: `Usage: nix-ast from-json [FILE]

Prints the JSON document in FILE (standard input when FILE is absent or -) as one Nix
expression in the official Nix format, meaning exactly what builtins.fromJSON makes of
it: numbers with a fraction or an exponent are floats, all others integers.

Refuses, with exit status 2, invalid JSON and what builtins.fromJSON reads lossily:
integers outside the signed 64-bit range, \\u0000 in a string or key, a key repeated in
an object, floats that overflow, underflow to zero, are subnormal or negative zero.
`,
  async run(args, io) {
    const files: string[] = [];
    let options = true;
    for (const arg of args) {
      if (options && arg === "--") options = false;
      else if (options && arg.startsWith("-") && arg !== "-") {
        throw new UsageError(`from-json: unknown option ${arg} (try nix-ast from-json --help)`);
      } else files.push(arg);
    }
    if (files.length > 1) {
      throw new UsageError("from-json takes at most one FILE (try nix-ast from-json --help)");
    }
    const input = await readInput(files[0], io);
    io.stdout.write(print(fromJson(input.bytes, { file: input.name })));
    return 0;
  },
};
