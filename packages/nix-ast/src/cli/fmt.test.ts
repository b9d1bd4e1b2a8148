import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  chmodSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { runFmt } from "./fmt.js";
import { memoryIo } from "./io.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "nix-ast-fmt-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const UGLY = "{a=1;b=[1 2];}";
const PRETTY = "{\n  a = 1;\n  b = [\n    1\n    2\n  ];\n}\n";

describe("nix-ast fmt", () => {
  it("formats standard input to standard output", async () => {
    const io = memoryIo(UGLY);
    expect(await runFmt([], io)).toBe(0);
    expect(io.out()).toBe(PRETTY);
    expect(io.err()).toBe("");
  });

  it("--check on standard input prints nothing and exits 1 when it would change", async () => {
    const io = memoryIo(UGLY);
    expect(await runFmt(["--check"], io)).toBe(1);
    expect(io.out()).toBe("");
    const same = memoryIo(PRETTY);
    expect(await runFmt(["--check", "-"], same)).toBe(0);
    expect(same.out()).toBe("");
  });

  it("formats files in place, keeping their mode, leaving no temporary file", async () => {
    writeFileSync(join(dir, "a.nix"), UGLY);
    writeFileSync(join(dir, "b.nix"), PRETTY);
    chmodSync(join(dir, "a.nix"), 0o640);
    const io = memoryIo("", dir);
    expect(await runFmt(["a.nix", "b.nix"], io)).toBe(0);
    expect(readFileSync(join(dir, "a.nix"), "utf8")).toBe(PRETTY);
    expect(readFileSync(join(dir, "b.nix"), "utf8")).toBe(PRETTY);
    expect(statSync(join(dir, "a.nix")).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(["a.nix", "b.nix"]);
    expect(io.out()).toBe("");
  });

  it("--check lists the files that would change, changes nothing, exits 1", async () => {
    writeFileSync(join(dir, "a.nix"), UGLY);
    writeFileSync(join(dir, "b.nix"), PRETTY);
    const io = memoryIo("", dir);
    expect(await runFmt(["--check", "a.nix", "b.nix"], io)).toBe(1);
    expect(io.out()).toBe("a.nix\n");
    expect(readFileSync(join(dir, "a.nix"), "utf8")).toBe(UGLY);
  });

  it("reports a file that does not parse with a caret, leaves it, formats the others, exits 2", async () => {
    writeFileSync(join(dir, "bad.nix"), "{\n  a = 1\n}\n");
    writeFileSync(join(dir, "good.nix"), UGLY);
    const io = memoryIo("", dir);
    expect(await runFmt(["bad.nix", "good.nix"], io)).toBe(2);
    expect(io.err()).toBe("bad.nix:3:1: unexpected '}', expected ';'\n}\n^\n");
    expect(readFileSync(join(dir, "bad.nix"), "utf8")).toBe("{\n  a = 1\n}\n");
    expect(readFileSync(join(dir, "good.nix"), "utf8")).toBe(PRETTY);
  });

  it("reports bad standard input the same way", async () => {
    const io = memoryIo("[ 1 2");
    expect(await runFmt([], io)).toBe(2);
    expect(io.err()).toBe(
      "<stdin>:1:6: unexpected end of file, expected a list item or ']'\n[ 1 2\n     ^\n",
    );
    expect(io.out()).toBe("");
  });

  it("reports missing files and invalid UTF-8, and goes on", async () => {
    writeFileSync(join(dir, "bin.nix"), new Uint8Array([0x7b, 0xff, 0x7d]));
    writeFileSync(join(dir, "ok.nix"), UGLY);
    const io = memoryIo("", dir);
    expect(await runFmt(["missing.nix", "bin.nix", "ok.nix"], io)).toBe(2);
    expect(io.err()).toContain("cannot read missing.nix: no such file");
    expect(io.err()).toContain("bin.nix: not valid UTF-8");
    expect(readFileSync(join(dir, "ok.nix"), "utf8")).toBe(PRETTY);
  });

  it("is a nix-ast subcommand with help, and refuses unknown options", async () => {
    const help = memoryIo();
    expect(await runCli(["fmt", "--help"], help)).toBe(0);
    expect(help.out()).toMatch(/^Usage: nix-ast fmt \[--check\] \[FILE\.\.\.\]/);
    const main = memoryIo();
    await runCli(["--help"], main);
    expect(main.out()).toContain("fmt");
    const bad = memoryIo();
    expect(await runCli(["fmt", "--frobnicate"], bad)).toBe(2);
    expect(bad.err()).toBe("nix-ast: fmt: unknown option --frobnicate (try nix-ast fmt --help)\n");
  });

  it("formats a file nested deeper than the stack", async () => {
    writeFileSync(join(dir, "deep.nix"), "(".repeat(3000) + "1" + ")".repeat(3000));
    writeFileSync(join(dir, "ok.nix"), UGLY);
    const io = memoryIo("", dir);
    expect(await runFmt(["deep.nix", "ok.nix"], io)).toBe(0);
    expect(readFileSync(join(dir, "deep.nix"), "utf8")).toMatch(/^\(\n {2}\(\n/);
    expect(readFileSync(join(dir, "ok.nix"), "utf8")).toBe(PRETTY);
  });

  it("keeps comments and blank lines", async () => {
    const src = "# top\n{\n  # a\n  a = 1; # one\n\n  b = 2;\n}\n";
    const io = memoryIo(src);
    expect(await runFmt([], io)).toBe(0);
    expect(io.out()).toBe(src);
  });
});
