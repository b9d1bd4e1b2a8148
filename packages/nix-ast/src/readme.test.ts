import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli/cli.js";
import { memoryIo } from "./cli/io.js";
import * as api from "./index.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const readme = readFileSync(`${root}README.md`, "utf8");
const example = `${root}packages/nix-ast/examples/readme.ts`;

function block(lang: string, index = 0): string {
  const blocks = [...readme.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))];
  const found = blocks[index];
  if (!found) throw new Error(`README has no ${lang} block ${index}`);
  return found[1]!;
}

describe("the README's example", () => {
  it("is the example file, word for word", () => {
    expect(block("ts")).toBe(readFileSync(example, "utf8"));
  });

  it("prints what the README shows", () => {
    const tsx = `${root}node_modules/.bin/tsx`;
    const out = execFileSync(tsx, ["--conditions=@atbb/source", example], { encoding: "utf8" });
    expect(out).toBe(block("nix"));
  });
});

describe("the README's template example", () => {
  it("prints what its comments show", () => {
    const lines = block("ts", 1)
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("import "));
    const code = lines.filter((l) => !l.startsWith("//"));
    const expected = lines.filter((l) => l.startsWith("//")).map((l) => l.replace(/^\/\/ ?/, ""));
    const last = code.pop()!.replace(/;$/, "");
    const run = new Function(...Object.keys(api), `${code.join("\n")}\nreturn ${last};`) as (
      ...args: unknown[]
    ) => string;
    expect(run(...Object.values(api))).toBe(expected.join("\n") + "\n");
  });
});

describe("the README's editing example", () => {
  const section = readme.slice(readme.indexOf("## Editing Nix files"));
  const blocks = (lang: string) =>
    [...section.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);
  const [before, after] = blocks("nix");
  const transcript = blocks("console")[0]!;

  /** A command line's words, with '...' quoting as the shell reads it. */
  const words = (line: string) => [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);

  it("runs each command with the output shown, leaving the file shown", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nix-ast-readme-"));
    try {
      writeFileSync(join(dir, "configuration.nix"), before!);
      const steps = transcript.split(/^\$ /m).filter((s) => s !== "");
      expect(steps.length).toBeGreaterThanOrEqual(8);
      for (const step of steps) {
        const [command, ...shown] = step.split("\n");
        const [program, ...args] = words(command!);
        expect(program).toBe("nix-ast");
        const io = memoryIo("", dir);
        await runCli(args, io);
        expect(io.out() + io.err(), command).toBe(shown.join("\n"));
      }
      expect(readFileSync(join(dir, "configuration.nix"), "utf8")).toBe(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the package README's editing example", () => {
  const pkgReadme = readFileSync(`${root}packages/nix-ast/README.md`, "utf8");
  const section = pkgReadme.slice(pkgReadme.indexOf("## Editing Nix files"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;

  it("gives what its comments show", () => {
    const lines = code.split("\n").filter((l) => !l.startsWith("import "));
    const expected = lines.filter((l) => l.startsWith("// ")).map((l) => l.slice(3));
    // `expr; // value` lines check their value as util.inspect shows it
    const body = lines
      .filter((l) => !l.startsWith("//"))
      .map((l) => {
        const m = /^(.*);\s*\/\/ (.*)$/.exec(l);
        return m ? `__check(${m[1]}, ${JSON.stringify(m[2])});` : l;
      })
      .join("\n")
      .trim()
      .replace(/\n(\w+);$/, "\nreturn $1;");
    const checks: [unknown, string][] = [];
    const run = new Function("__check", ...Object.keys(api), body) as (
      ...args: unknown[]
    ) => string;
    const out = run((v: unknown, s: string) => checks.push([v, s]), ...Object.values(api));
    expect(checks.length).toBe(1);
    for (const [v, s] of checks) expect(inspect(v)).toBe(s);
    expect(out).toBe(expected.join("\n") + "\n");
  });
});
