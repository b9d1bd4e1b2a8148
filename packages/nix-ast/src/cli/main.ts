#!/usr/bin/env node
/**
 * The `nix-ast` executable (package.json `bin`): runs {@link runCli} on the process's
 * arguments and standard streams, and sets the exit status.
 *
 * @packageDocumentation
 */
import { runCli } from "./cli.js";
import { processIo } from "./io.js";

// A closed pipe downstream (`nix-ast ... | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await runCli(process.argv.slice(2), processIo());
