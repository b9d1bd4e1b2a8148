import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { memoryIo } from "./io.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = join(HERE, "..", "..");

/** Runs `nix-ast from-json ARGS` in-process with `stdin`. */
async function fromJsonCli(stdin: string | Uint8Array, args: readonly string[] = [], cwd?: string) {
  const io = memoryIo(stdin, cwd);
  const status = await runCli(["from-json", ...args], io);
  return { status, out: io.out(), err: io.err() };
}

describe("nix-ast from-json", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nix-ast-from-json-"));
    writeFileSync(join(dir, "doc.json"), '{"b": [1, 1.0], "a b": null}');
    writeFileSync(join(dir, "bad.json"), '{\n  "a": 1,\n  "a": 2\n}\n');
    writeFileSync(join(dir, "-"), "[1]");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints standard input as Nix, with one trailing newline", async () => {
    expect(await fromJsonCli('{"b": [1, 1.0, 1e2], "a b": null, "c": "x"}')).toEqual({
      status: 0,
      out: '{\n  b = [\n    1\n    1.0\n    100.0\n  ];\n  "a b" = null;\n  c = "x";\n}\n',
      err: "",
    });
    expect(await fromJsonCli("[]")).toEqual({ status: 0, out: "[ ]\n", err: "" });
    expect(await fromJsonCli(' "a\\"b" ')).toEqual({ status: 0, out: '"a\\"b"\n', err: "" });
    expect(await fromJsonCli("9223372036854775807")).toEqual({
      status: 0,
      out: "9223372036854775807\n",
      err: "",
    });
  });

  it("reads FILE relative to the working directory, or standard input for -", async () => {
    const expected = '{\n  b = [\n    1\n    1.0\n  ];\n  "a b" = null;\n}\n';
    expect(await fromJsonCli("", ["doc.json"], dir)).toEqual({ status: 0, out: expected, err: "" });
    expect(await fromJsonCli("", [join(dir, "doc.json")])).toEqual({
      status: 0,
      out: expected,
      err: "",
    });
    expect((await fromJsonCli("[2]", ["-"], dir)).out).toBe("[ 2 ]\n");
    expect((await fromJsonCli("[2]", ["--", "-"], dir)).out).toBe("[ 2 ]\n");
  });

  it.each([
    [["a.json", "b.json"], "from-json takes at most one FILE (try nix-ast from-json --help)"],
    [["--frob"], "from-json: unknown option --frob (try nix-ast from-json --help)"],
    [["-x", "doc.json"], "from-json: unknown option -x (try nix-ast from-json --help)"],
    [["missing.json"], "cannot read missing.json: no such file"],
    [["."], "cannot read .: it is a directory"],
    [["--", "--frob"], "cannot read --frob: no such file"],
    [
      ["bad.json"],
      'bad.json:3:3: key "a" appears twice in an object (first at 2:3; builtins.fromJSON would keep only the last value)',
    ],
  ])("refuses arguments %j with one line, status 2", async (args, message) => {
    expect(await fromJsonCli("", args, dir)).toEqual({
      status: 2,
      out: "",
      err: `nix-ast: ${message}\n`,
    });
  });

  it.each([
    ["[1,\n", "<stdin>:2:1: invalid JSON: expected a value, found end of input"],
    ["", "<stdin>:1:1: invalid JSON: expected a value, found end of input"],
    [
      "[9223372036854775808]",
      "<stdin>:1:2: integer 9223372036854775808 is outside the signed 64-bit range of Nix (builtins.fromJSON would wrap it or read it as a float)",
    ],
    [
      '["\\u0000"]',
      "<stdin>:1:3: \\u0000 in a string: Nix strings cannot hold NUL (builtins.fromJSON would cut the string there)",
    ],
    [
      '{"\\u0000": 1}',
      "<stdin>:1:3: \\u0000 in a key: Nix strings cannot hold NUL (builtins.fromJSON would cut the key there)",
    ],
    [
      '{"a": 1, "a": 1}',
      '<stdin>:1:10: key "a" appears twice in an object (first at 1:2; builtins.fromJSON would keep only the last value)',
    ],
    ["1e400", "<stdin>:1:1: number 1e400 is too large for a float (builtins.fromJSON refuses it)"],
    [
      "1e-400",
      "<stdin>:1:1: number 1e-400 is too small for a float: builtins.fromJSON would read it as 0.0",
    ],
    ["1e-310", "<stdin>:1:1: number 1e-310 is a subnormal float, which has no Nix literal"],
    [
      "-0.0",
      "<stdin>:1:1: number -0.0 is negative zero, which Nix cannot write (its -0.0 is positive zero)",
    ],
    [
      '"\\ud800"',
      "<stdin>:1:2: invalid Unicode: \\ud800 must be followed by a \\uDC00-\\uDFFF escape",
    ],
  ])("refuses %j with one line, status 2", async (stdin, message) => {
    expect(await fromJsonCli(stdin)).toEqual({ status: 2, out: "", err: `nix-ast: ${message}\n` });
  });

  it("refuses invalid UTF-8 and documents nested too deeply", async () => {
    expect(await fromJsonCli(new Uint8Array([0x5b, 0x22, 0xfe, 0x22, 0x5d]))).toEqual({
      status: 2,
      out: "",
      err: "nix-ast: <stdin>:1:3: invalid UTF-8 (byte 0xfe)\n",
    });
    const deep = "[".repeat(5000) + "]".repeat(5000);
    expect(await fromJsonCli(deep)).toEqual({
      status: 2,
      out: "",
      err: "nix-ast: <stdin>:1:1001: lists and objects nested deeper than 1000 levels (Nix could not read the result back)\n",
    });
  });

  it("prints deep documents, and never crashes on the deepest it accepts", async () => {
    const lists = await fromJsonCli("[".repeat(500) + "]".repeat(500));
    expect(lists.status).toBe(0);
    const sets = await fromJsonCli('{"a":'.repeat(500) + "[]" + "}".repeat(500));
    expect(sets.status).toBe(0);
    expect(sets.out.split("\n").length).toBeGreaterThan(1000);
    // at the reader's limit, deeper than the printer's stack: printed on a larger one
    for (const doc of [
      "[".repeat(1000) + "]".repeat(1000),
      '{"a":'.repeat(999) + "1" + "}".repeat(999),
    ]) {
      const r = await fromJsonCli(doc);
      expect(r.status).toBe(0);
      expect(r.err).toBe("");
    }
  });
});

/**
 * The built command as a whole process: the package's `bin` when the package is built
 * (the test command builds first), else the source through tsx.
 */
describe("nix-ast as a process", () => {
  const pkg = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as {
    bin: Record<string, string>;
  };
  const built = join(PACKAGE, pkg.bin["nix-ast"]!);
  const command = existsSync(built)
    ? [process.execPath, built]
    : [process.execPath, "--import", "tsx", join(HERE, "main.ts")];

  function nixAst(args: readonly string[], input: string) {
    const [exe, ...pre] = command as [string, ...string[]];
    const r = spawnSync(exe, [...pre, ...args], { input, encoding: "utf8", cwd: PACKAGE });
    if (r.error) throw r.error;
    return { status: r.status, out: r.stdout, err: r.stderr };
  }

  it("starts with a node shebang when built", () => {
    if (existsSync(built)) expect(readFileSync(built, "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("prints standard input, and reports bad input in one line with status 2", async () => {
    const doc = '{"pkgs": [{"name": "hello", "version": "2.12.1"}], "n": 9007199254740993}';
    const inProcess = await fromJsonCli(doc);
    expect(nixAst(["from-json"], doc)).toEqual({ status: 0, out: inProcess.out, err: "" });
    expect(nixAst(["from-json"], "[1,]")).toEqual({
      status: 2,
      out: "",
      err: "nix-ast: <stdin>:1:4: invalid JSON: expected a value, found ']'\n",
    });
    expect(nixAst(["nope"], "")).toEqual({
      status: 2,
      out: "",
      err: "nix-ast: unknown command nope (try nix-ast --help)\n",
    });
    const help = nixAst(["--help"], "");
    expect(help.status).toBe(0);
    expect(help.out).toMatch(/^Usage: nix-ast/);
  });
});
