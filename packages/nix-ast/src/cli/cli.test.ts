import { describe, expect, it } from "vitest";
import { NixAstError } from "../errors.js";
import { EXIT_INTERNAL, mainHelp, runCli, version } from "./cli.js";
import { UsageError, type Command } from "./command.js";
import { COMMANDS } from "./commands.js";
import { memoryIo } from "./io.js";

/** Runs the CLI in-process; returns status, stdout and stderr. */
async function run(argv: readonly string[], commands: readonly Command[] = COMMANDS) {
  const io = memoryIo("");
  const status = await runCli(argv, io, commands);
  return { status, out: io.out(), err: io.err() };
}

/** Expects exactly one line `nix-ast: ...` on stderr, nothing on stdout, status 2. */
function expectUsageError(r: { status: number; out: string; err: string }, message: string) {
  expect(r.status).toBe(2);
  expect(r.out).toBe("");
  expect(r.err).toBe(`nix-ast: ${message}\n`);
}

describe("nix-ast dispatcher", () => {
  it("shows the help with --help and -h, listing every command", async () => {
    for (const flag of ["--help", "-h"]) {
      const r = await run([flag]);
      expect(r.status).toBe(0);
      expect(r.err).toBe("");
      expect(r.out).toBe(mainHelp());
      expect(r.out).toMatch(/^Usage: nix-ast <command> \[arguments\]\n/);
      const width = Math.max(...COMMANDS.map((c) => c.name.length));
      for (const c of COMMANDS)
        expect(r.out).toContain(`  ${c.name.padEnd(width)}  ${c.summary}\n`);
    }
  });

  it("shows a command's help with COMMAND --help, before any --", async () => {
    for (const c of COMMANDS) {
      for (const argv of [
        [c.name, "--help"],
        [c.name, "x", "-h"],
      ]) {
        const r = await run(argv);
        expect(r).toEqual({ status: 0, out: c.help, err: "" });
        expect(c.help).toMatch(new RegExp(`^Usage: nix-ast ${c.name}`));
        expect(c.help.endsWith("\n")).toBe(true);
      }
    }
  });

  it("prints the package version", async () => {
    const r = await run(["--version"]);
    expect(r).toEqual({ status: 0, out: `${version()}\n`, err: "" });
    expect(version()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("refuses a missing or unknown command or option with one line and status 2", async () => {
    expectUsageError(await run([]), "no command given (try nix-ast --help)");
    expectUsageError(await run(["frob"]), "unknown command frob (try nix-ast --help)");
    expectUsageError(await run(["--frob"]), "unknown option --frob (try nix-ast --help)");
    expectUsageError(await run(["FROM-JSON"]), "unknown command FROM-JSON (try nix-ast --help)");
  });

  describe("a registered command", () => {
    const calls: (readonly string[])[] = [];
    const fake = (run: Command["run"]): Command => ({
      name: "fake",
      summary: "a command for tests",
      help: "Usage: nix-ast fake\n",
      run,
    });
    const table = (c: Command) => [...COMMANDS, c];

    it("is dispatched with its arguments and io, and its status is returned", async () => {
      const c = fake(async (args, io) => {
        calls.push(args);
        io.stdout.write("out\n");
        io.stderr.write("note\n");
        return 1;
      });
      expect(await run(["fake", "a", "--", "--help"], table(c))).toEqual({
        status: 1,
        out: "out\n",
        err: "note\n",
      });
      expect(calls).toEqual([["a", "--", "--help"]]);
      expect((await run(["--help"], table(c))).out).toContain("  fake       a command for tests\n");
    });

    it("reports a UsageError or a NixAstError as one line, status 2", async () => {
      const usage = fake(async () => {
        throw new UsageError("fake: bad argument x");
      });
      expectUsageError(await run(["fake"], table(usage)), "fake: bad argument x");
      const nix = fake(async () => {
        throw new NixAstError("bad\n  input", ["binding a"]);
      });
      expectUsageError(await run(["fake"], table(nix)), "bad input (at <root> > binding a)");
    });

    it("reports a stack overflow as input nested too deeply, status 2", async () => {
      const deep = fake(async () => {
        const f = (n: number): number => f(n + 1) + 1;
        return f(0);
      });
      expectUsageError(await run(["fake"], table(deep)), "fake: the input is nested too deeply");
    });

    it("reports any other error as an internal error, with its stack", async () => {
      const bug = fake(async () => {
        throw new TypeError("x is undefined");
      });
      const r = await run(["fake"], table(bug));
      expect(r.status).toBe(EXIT_INTERNAL);
      expect(r.out).toBe("");
      expect(r.err).toMatch(
        /^nix-ast: internal error \(a bug in nix-ast, please report it\): TypeError: x is undefined\n\s+at /,
      );
    });
  });
});
