import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { fmtCommand, runFmt } from "./fmt.js";
import { THREADS_VARIABLE } from "./fmt/pool.js";
import { memoryIo } from "./io.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "nix-ast-fmt-"));
});
afterEach(() => {
  spawnSync("chattr", ["-R", "-i", dir]);
  rmSync(dir, { recursive: true, force: true });
});

const UGLY = "{a=1;b=[1 2];}";
const PRETTY = "{\n  a = 1;\n  b = [\n    1\n    2\n  ];\n}\n";
const LONG = 'f "item0" "item1" "item2" "item3" "item4" "item5"\n';

/** Writes the files (name → text) under `dir`, creating directories. */
function files(tree: Record<string, string>): void {
  for (const [name, text] of Object.entries(tree)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

const read = (name: string) => readFileSync(join(dir, name), "utf8");

/** Runs `nix-ast fmt ARGS` in `dir` (standard input `stdin`). */
async function fmt(args: string[], stdin = "") {
  const io = memoryIo(stdin, dir);
  const status = await runCli(["fmt", ...args], io);
  return { status, out: io.out(), err: io.err() };
}

describe("nix-ast fmt on standard input", () => {
  it("formats standard input to standard output, with no argument or -", async () => {
    for (const args of [[], ["-"]]) {
      expect(await fmt(args, UGLY)).toEqual({ status: 0, out: PRETTY, err: "" });
    }
  });

  it("--check prints nothing on standard output, and reports <stdin> with status 1", async () => {
    expect(await fmt(["--check"], UGLY)).toEqual({
      status: 1,
      out: "",
      err: "<stdin>: not formatted\n",
    });
    expect(await fmt(["-c", "-"], PRETTY)).toEqual({ status: 0, out: "", err: "" });
  });

  it("reports a parse error with the line, the column and a caret, status 2", async () => {
    expect(await fmt([], "[ 1 2")).toEqual({
      status: 2,
      out: "",
      err: "<stdin>:1:6: unexpected end of file, expected a list item or ']'\n[ 1 2\n     ^\n",
    });
  });

  it("--filename names standard input in reports", async () => {
    expect((await fmt(["--filename", "flake.nix", "-"], "[ 1 2")).err).toMatch(/^flake\.nix:1:6: /);
    expect((await fmt(["-f", "x.nix", "--check"], UGLY)).err).toBe("x.nix: not formatted\n");
    expect((await fmt(["--filename=y.nix", "-c"], UGLY)).err).toBe("y.nix: not formatted\n");
  });

  it("reports standard input that is not UTF-8", async () => {
    const io = memoryIo(new Uint8Array([0x7b, 0xff, 0x7d]), dir);
    expect(await runFmt([], io)).toBe(2);
    expect(io.err()).toBe("nix-ast: fmt: <stdin>: not valid UTF-8\n");
  });

  it("refuses a byte order mark, as Nix does, at 1:1", async () => {
    const io = memoryIo(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("{ a = 1; }\n")]), dir);
    expect(await runFmt([], io)).toBe(2);
    expect(io.err()).toMatch(/^<stdin>:1:1: unexpected byte order mark/);
    expect(io.out()).toBe("");
  });

  it("keeps comments and blank lines", async () => {
    const src = "# top\n{\n  # a\n  a = 1; # one\n\n  b = 2;\n}\n";
    expect(await fmt([], src)).toEqual({ status: 0, out: src, err: "" });
  });
});

describe("nix-ast fmt on files", () => {
  it("formats files in place, keeping their mode, leaving no temporary file", async () => {
    files({ "a.nix": UGLY, "b.nix": PRETTY });
    chmodSync(join(dir, "a.nix"), 0o640);
    expect(await fmt(["a.nix", "b.nix"])).toEqual({ status: 0, out: "", err: "" });
    expect(read("a.nix")).toBe(PRETTY);
    expect(read("b.nix")).toBe(PRETTY);
    expect(statSync(join(dir, "a.nix")).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(["a.nix", "b.nix"]);
  });

  it("writes through a symbolic link to the file it names", async () => {
    files({ "real.nix": UGLY });
    symlinkSync("real.nix", join(dir, "link.nix"));
    expect((await fmt(["link.nix"])).status).toBe(0);
    expect(read("real.nix")).toBe(PRETTY);
    expect(readdirSync(dir).sort()).toEqual(["link.nix", "real.nix"]);
  });

  it("formats a file whose name is as long as a name can be", async () => {
    const name = "x".repeat(251) + ".nix";
    files({ [name]: UGLY });
    expect((await fmt([name])).status).toBe(0);
    expect(read(name)).toBe(PRETTY);
  });

  it("--check reports the files that would change, changes nothing, exits 1", async () => {
    files({ "a.nix": UGLY, "b.nix": PRETTY, "c.nix": UGLY });
    expect(await fmt(["--check", "a.nix", "b.nix", "c.nix"])).toEqual({
      status: 1,
      out: "",
      err: "a.nix: not formatted\nc.nix: not formatted\n",
    });
    expect(read("a.nix")).toBe(UGLY);
    expect(await fmt(["--check", "b.nix"])).toEqual({ status: 0, out: "", err: "" });
  });

  it("reports a file that does not parse with a caret, leaves it, formats the others, exits 2", async () => {
    files({ "bad.nix": "{\n  a = 1\n}\n", "good.nix": UGLY });
    const r = await fmt(["bad.nix", "good.nix"]);
    expect(r.status).toBe(2);
    expect(r.err).toBe("bad.nix:3:1: unexpected '}', expected ';'\n}\n^\n");
    expect(read("bad.nix")).toBe("{\n  a = 1\n}\n");
    expect(read("good.nix")).toBe(PRETTY);
  });

  it("a parse error outweighs --check's status 1", async () => {
    files({ "bad.nix": "{", "ugly.nix": UGLY });
    expect((await fmt(["--check", "bad.nix", "ugly.nix"])).status).toBe(2);
  });

  it("reports missing files and invalid UTF-8, one line each, and goes on", async () => {
    writeFileSync(join(dir, "bin.nix"), new Uint8Array([0x7b, 0xff, 0x7d]));
    files({ "ok.nix": UGLY });
    expect(await fmt(["missing.nix", "bin.nix", "ok.nix"])).toEqual({
      status: 2,
      out: "",
      err:
        "nix-ast: fmt: cannot read missing.nix: no such file or directory\n" +
        "nix-ast: fmt: bin.nix: not valid UTF-8\n",
    });
    expect(read("ok.nix")).toBe(PRETTY);
  });

  it("reports a file it cannot write, in one line, and leaves it whole", async () => {
    files({ "ro/a.nix": UGLY, "ok.nix": UGLY });
    chmodSync(join(dir, "ro"), 0o555);
    spawnSync("chattr", ["+i", join(dir, "ro")]);
    let writable = true;
    try {
      writeFileSync(join(dir, "ro", "probe"), "");
    } catch {
      writable = false;
    }
    if (writable) {
      console.warn("fmt.test: cannot make a directory unwritable here (root without chattr)");
      return;
    }
    const r = await fmt(["ro/a.nix", "ok.nix"]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^nix-ast: fmt: cannot write ro\/a\.nix: [^\n]+\n$/);
    expect(read("ro/a.nix")).toBe(UGLY);
    expect(readdirSync(join(dir, "ro"))).toEqual(["a.nix"]);
    expect(read("ok.nix")).toBe(PRETTY);
  });

  it("formats a file nested deeper than the stack", async () => {
    files({ "deep.nix": "(".repeat(3000) + "1" + ")".repeat(3000), "ok.nix": UGLY });
    expect((await fmt(["deep.nix", "ok.nix"])).status).toBe(0);
    expect(read("deep.nix")).toMatch(/^\(\n {2}\(\n/);
    expect(read("ok.nix")).toBe(PRETTY);
  });

  it("refuses - beside files", async () => {
    expect(await fmt(["a.nix", "-"])).toEqual({
      status: 2,
      out: "",
      err: "nix-ast: fmt: - (standard input) cannot be mixed with files\n",
    });
  });
});

describe("nix-ast fmt on directories", () => {
  const TREE = {
    "default.nix": UGLY,
    "lib/a.nix": PRETTY,
    "lib/b.nix": UGLY,
    "lib/notes.txt": "not nix",
    "lib/dir.nix/inner.nix": UGLY,
    ".git/hooks/x.nix": UGLY,
    "node_modules/pkg/y.nix": UGLY,
    "sub/node_modules.nix": UGLY,
  };

  it("--check reports every .nix file below that would change, in name order", async () => {
    files(TREE);
    symlinkSync("../default.nix", join(dir, "lib", "link.nix"));
    expect(await fmt(["--check", "."])).toEqual({
      status: 1,
      out: "",
      err: [
        "default.nix: not formatted",
        "lib/b.nix: not formatted",
        "lib/dir.nix/inner.nix: not formatted",
        "sub/node_modules.nix: not formatted",
        "",
      ].join("\n"),
    });
    expect((await fmt(["-c", "lib"])).err).toBe(
      "lib/b.nix: not formatted\nlib/dir.nix/inner.nix: not formatted\n",
    );
  });

  it("formats every .nix regular file below, skipping .git and node_modules", async () => {
    files(TREE);
    expect(await fmt(["."])).toEqual({ status: 0, out: "", err: "" });
    for (const name of [
      "default.nix",
      "lib/b.nix",
      "lib/dir.nix/inner.nix",
      "sub/node_modules.nix",
    ])
      expect(read(name)).toBe(PRETTY);
    expect(read(".git/hooks/x.nix")).toBe(UGLY);
    expect(read("node_modules/pkg/y.nix")).toBe(UGLY);
    expect(read("lib/notes.txt")).toBe("not nix");
  });

  it("formats a file named on the command line whatever its name, and each file once", async () => {
    files({ "script.nix.in": UGLY, "lib/a.nix": UGLY });
    expect((await fmt(["script.nix.in", "lib", "lib/a.nix", "--check"])).err).toBe(
      "script.nix.in: not formatted\nlib/a.nix: not formatted\n",
    );
  });

  it("spreads many files over threads, with the same outcomes in the same order", async () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 60; i++) {
      tree[`m${String(i).padStart(2, "0")}.nix`] = i % 3 === 0 ? UGLY : i % 7 === 0 ? "{" : PRETTY;
    }
    files(tree);
    const runs = [];
    const before = process.env[THREADS_VARIABLE];
    try {
      for (const threads of ["1", "2"]) {
        process.env[THREADS_VARIABLE] = threads;
        runs.push(await fmt(["--check", "."]));
      }
    } finally {
      if (before === undefined) delete process.env[THREADS_VARIABLE];
      else process.env[THREADS_VARIABLE] = before;
    }
    expect(runs[0]!.status).toBe(2);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]!.err.split("\n").filter((l) => l.endsWith("not formatted"))).toHaveLength(20);
  });

  it("reports a directory it cannot read, and goes on", async () => {
    files({ "ok.nix": UGLY });
    expect(await fmt(["--check", "gone", "ok.nix"])).toEqual({
      status: 2,
      out: "",
      err: "nix-ast: fmt: cannot read gone: no such file or directory\nok.nix: not formatted\n",
    });
  });
});

describe("nix-ast fmt flags", () => {
  it("--width sets the line width, in every spelling", async () => {
    for (const args of [["--width", "100"], ["--width=100"], ["-w", "100"], []]) {
      expect((await fmt(args, LONG)).out).toBe(LONG);
    }
    for (const args of [["--width", "40"], ["--width=40"], ["-w", "40"]]) {
      expect((await fmt(args, LONG)).out).toBe(
        'f "item0" "item1" "item2" "item3"\n  "item4"\n  "item5"\n',
      );
    }
  });

  it("--width takes only a whole number from 1", async () => {
    for (const bad of ["0", "-5", "x", "1.5", ""]) {
      expect(await fmt(["--width", bad], UGLY)).toEqual({
        status: 2,
        out: "",
        err: `nix-ast: fmt: --width takes a whole number from 1 to 100000, not ${JSON.stringify(bad)}\n`,
      });
    }
    expect((await fmt(["--width"], UGLY)).err).toBe(
      "nix-ast: fmt: --width needs a value (try nix-ast fmt --help)\n",
    );
  });

  it("--verify formats as without it when every check passes", async () => {
    files({ "a.nix": UGLY });
    expect(await fmt(["--verify", "a.nix"])).toEqual({ status: 0, out: "", err: "" });
    expect(read("a.nix")).toBe(PRETTY);
    expect(await fmt(["-v"], "# c\n" + UGLY)).toEqual({
      status: 0,
      out: "# c\n" + PRETTY,
      err: "",
    });
  });

  it("--quiet reports nothing, and keeps the exit status", async () => {
    files({ "a.nix": UGLY, "bad.nix": "{" });
    expect(await fmt(["--quiet", "--check", "a.nix"])).toEqual({ status: 1, out: "", err: "" });
    expect(await fmt(["-q", "a.nix", "bad.nix", "missing.nix"])).toEqual({
      status: 2,
      out: "",
      err: "",
    });
    expect(read("a.nix")).toBe(PRETTY);
    expect(await fmt(["-q"], "[")).toEqual({ status: 2, out: "", err: "" });
  });

  it("takes flags after files, and names that start with - after --", async () => {
    files({ "-x.nix": UGLY, "a.nix": UGLY });
    expect((await fmt(["a.nix", "--check", "--", "-x.nix"])).err).toBe(
      "a.nix: not formatted\n-x.nix: not formatted\n",
    );
  });

  it("refuses unknown options, and a value given to a switch", async () => {
    for (const bad of ["--frobnicate", "-x", "--check=yes", "--strict"]) {
      expect(await fmt([bad, "a.nix"])).toEqual({
        status: 2,
        out: "",
        err: `nix-ast: fmt: unknown option ${bad} (try nix-ast fmt --help)\n`,
      });
    }
  });

  it("is a nix-ast subcommand whose help names every flag", async () => {
    const help = await fmt(["--help"]);
    expect(help).toEqual({ status: 0, out: fmtCommand.help, err: "" });
    expect(help.out).toMatch(/^Usage: nix-ast fmt \[OPTION\.\.\.\] \[FILE\|DIRECTORY\.\.\.\]\n/);
    for (const flag of ["--check", "--width N", "--verify", "--quiet", "--filename NAME", "--help"])
      expect(help.out).toContain(flag);
    expect(help.out).toContain(THREADS_VARIABLE);
    const main = memoryIo();
    await runCli(["--help"], main);
    expect(main.out()).toContain(`fmt        ${fmtCommand.summary}`);
  });

  it("is shown in the package README exactly as it prints", () => {
    const readme = readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), "..", "..", "README.md"),
      "utf8",
    );
    expect(readme).toContain("### `nix-ast fmt --help`\n\n```text\n" + fmtCommand.help + "```\n");
  });
});
