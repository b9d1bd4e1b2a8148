/**
 * The world a command sees: standard input, output and error, and the working
 * directory. Commands take it as an argument, so tests run them in-process with
 * {@link memoryIo} and the `nix-ast` binary with {@link processIo}.
 *
 * @packageDocumentation
 */
import { resolve } from "node:path";

/** Where a command reads and writes. */
export interface CliIo {
  /** All of standard input, as bytes (read only when a command asks). */
  readStdin(): Promise<Uint8Array>;
  /** Standard output. */
  readonly stdout: { write(text: string): void };
  /** Standard error. */
  readonly stderr: { write(text: string): void };
  /** The directory relative file names are taken from. */
  readonly cwd: string;
}

/** The running process's standard streams and working directory. */
export function processIo(): CliIo {
  return {
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
  };
}

/** An in-memory {@link CliIo} with what was written to it, for tests. */
export interface MemoryIo extends CliIo {
  /** Everything written to standard output so far. */
  readonly out: () => string;
  /** Everything written to standard error so far. */
  readonly err: () => string;
}

/**
 * An in-memory {@link CliIo}: standard input holds `stdin`, output and error are
 * collected, the working directory is `cwd` (the process's own by default).
 *
 * @example
 * ```ts
 * const io = memoryIo("[1]");
 * const status = await runCli(["from-json"], io);
 * // status === 0, io.out() === "[ 1 ]\n"
 * ```
 */
export function memoryIo(stdin: string | Uint8Array = "", cwd: string = process.cwd()): MemoryIo {
  let out = "";
  let err = "";
  const bytes = typeof stdin === "string" ? new TextEncoder().encode(stdin) : stdin;
  return {
    readStdin: () => Promise.resolve(bytes),
    stdout: { write: (text) => void (out += text) },
    stderr: { write: (text) => void (err += text) },
    cwd: resolve(cwd),
    out: () => out,
    err: () => err,
  };
}
