/**
 * The real `prettier` command line with the built plugin, against the real `nix-ast
 * fmt`, over every `.nix` file of the repository (generated files and every fixture
 * directory, the conformance corpus included) and over small projects for the options.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../nix-ast/src/test-support/tarball.js";
import {
  BUILT_PLUGIN,
  nixAstFmt,
  prettier,
  repositoryNixFiles,
  requireBuilt,
  run,
  WORKSPACE,
} from "./test-support/commands.js";

/** A project whose configuration loads the built plugin, with more options if given. */
function project(files: Record<string, string>, options: object = {}): string {
  const dir = tempDir("prettier-plugin-nix-");
  const all = {
    ".prettierrc.json": JSON.stringify({ plugins: [BUILT_PLUGIN], ...options }),
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The files `prettier --check` lists (its `[warn] FILE` lines). */
function listedByPrettier(stderrAndOut: string): string[] {
  return [...stderrAndOut.matchAll(/^\[warn\] (\S+\.nix)$/gm)].map((m) => m[1]!).sort();
}

const FILES = repositoryNixFiles();

/**
 * More inputs, in every layout and many that Nix rejects: the parser's edge cases, one
 * file each, to compare the two on unformatted text and on syntax errors.
 */
const EDGE_CASES: Record<string, string> = Object.fromEntries(
  (
    JSON.parse(
      readFileSync(join(WORKSPACE, "packages/nix-ast/src/parser/fixtures/edge-cases.json"), "utf8"),
    ) as string[]
  ).map((source, i) => [`edge-cases/${String(i).padStart(3, "0")}.nix`, source]),
);

/** The files each command reported it could not format, with the position if it gave one. */
function failures(report: string, line: RegExp): Map<string, string> {
  return new Map([...report.matchAll(line)].map((m) => [m[1]!, m[2] ?? ""]));
}

describe("prettier with the plugin formats every .nix file of the repository as nix-ast fmt does", () => {
  const sources: Record<string, string> = { ...EDGE_CASES };
  for (const file of FILES) sources[file] = readFileSync(join(WORKSPACE, file), "utf8");
  const names = Object.keys(sources).sort();
  const viaPrettier = { dir: "", checked: "", checkStatus: 0 as number | null, written: "" };
  const viaNixAst = { dir: "", checked: "", checkStatus: 0 as number | null, written: "" };

  beforeAll(() => {
    requireBuilt();
    viaPrettier.dir = project(sources);
    // Prettier turns CR LF into LF before a plugin sees a file (the README says what
    // that changes); nix-ast fmt is given the text Prettier gives the plugin.
    const lf = Object.fromEntries(names.map((f) => [f, sources[f]!.replace(/\r\n?/g, "\n")]));
    viaNixAst.dir = project(lf);

    const check = prettier(["--check", "."], viaPrettier.dir);
    viaPrettier.checked = check.stdout + check.stderr;
    viaPrettier.checkStatus = check.status;
    viaPrettier.written = prettier(["--write", "."], viaPrettier.dir).stderr;

    const nixCheck = nixAstFmt(["--check", ...names], viaNixAst.dir);
    viaNixAst.checked = nixCheck.stderr;
    viaNixAst.checkStatus = nixCheck.status;
    viaNixAst.written = nixAstFmt(names, viaNixAst.dir).stderr;
  });

  afterAll(() => {
    for (const dir of [viaPrettier.dir, viaNixAst.dir])
      rmSync(dir, { recursive: true, force: true });
  });

  it("finds the generated files and every fixture directory", () => {
    const dirs = new Set(FILES.map((f) => dirname(f)));
    for (const dir of [
      ".",
      "nix",
      "packages/nix-ast/src/printer/fixtures",
      "packages/nix-ast/src/parser/fixtures/layout",
      "packages/nix-ast/src/parser/fixtures/seed-formatted",
      "packages/nix-ast/src/conformance/cases",
    ]) {
      expect(dirs, dir).toContain(dir);
    }
  });

  it("writes each input of the conformance corpus as nixfmt's output beside it", () => {
    const inputs = names.filter((f) => f.endsWith(".in.nix"));
    expect(inputs.length).toBeGreaterThan(0);
    for (const input of inputs) {
      const written = readFileSync(join(viaPrettier.dir, input), "utf8");
      expect(written, input).toBe(sources[input.replace(/\.in\.nix$/, ".out.nix")]);
    }
  });

  it("--check lists the files nix-ast fmt --check lists; both exit 2 for what does not parse", () => {
    const listed = [...viaNixAst.checked.matchAll(/^(\S+): not formatted$/gm)]
      .map((m) => m[1])
      .sort();
    expect(listed.length).toBeGreaterThan(10);
    expect(listedByPrettier(viaPrettier.checked)).toEqual(listed);
    expect(viaPrettier.checkStatus).toBe(2);
    expect(viaNixAst.checkStatus).toBe(2);
  });

  it("--write rejects the files nix-ast fmt rejects, at the same line and column", () => {
    const byPrettier = failures(
      viaPrettier.written,
      /^\[error\] (\S+\.nix): (?:SyntaxError: .* \((\d+:\d+)\)$)?/gm,
    );
    const byNixAst = failures(viaNixAst.written, /^(\S+\.nix)(?::(\d+:\d+))?: /gm);
    expect(byNixAst.size).toBeGreaterThan(10);
    expect(byPrettier).toEqual(byNixAst);
  });

  it.each(names)("%s", (file) => {
    const read = (dir: string) => readFileSync(join(dir, file), "utf8");
    expect(read(viaPrettier.dir)).toBe(read(viaNixAst.dir));
  });
});

describe("prettier with the plugin, as a user runs it", () => {
  const UGLY = "{a=1;b=[1 2];}";
  const PRETTY = "{\n  a = 1;\n  b = [\n    1\n    2\n  ];\n}\n";
  /** 98 columns on one line: within nixfmt's 100, beyond Prettier's 80. */
  const WIDE = `lib.attrsets.recursiveUpdate ${Array.from({ length: 7 }, (_, i) => `argument${i}`).join(" ")}\n`;
  const dirs: string[] = [];
  const make = (files: Record<string, string>, options?: object) => {
    const dir = project(files, options);
    dirs.push(dir);
    return dir;
  };
  /** What a file holds now. */
  const printed = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

  beforeAll(requireBuilt);
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("formats standard input named by --stdin-filepath", () => {
    const dir = make({});
    const r = prettier(["--stdin-filepath", "nix/module.nix"], dir, UGLY);
    expect(r).toMatchObject({ status: 0, stdout: PRETTY, stderr: "" });
    expect(nixAstFmt([], dir, UGLY).stdout).toBe(PRETTY);
  });

  it("reports a syntax error with the file, message, line, column and a code frame; exit 2", () => {
    const dir = make({ "bad.nix": "{\n  a = 1\n}\n" });
    const r = prettier(["--write", "bad.nix"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^\[error\] bad\.nix: SyntaxError: unexpected '}', expected ';' \(3:1\)\n/,
    );
    expect(r.stderr).toContain("[error] > 3 | }");
    expect(printed(dir, "bad.nix")).toBe("{\n  a = 1\n}\n");
  });

  it("is 100 wide without a printWidth, though Prettier's own default is 80", () => {
    const dir = make({ "a.nix": WIDE });
    expect(prettier(["--check", "a.nix"], dir).status).toBe(0);
  });

  it("takes the printWidth set for .nix files: top level, overrides, --print-width, .editorconfig", () => {
    const narrow = nixAstFmt(["--width", "80"], make({}), WIDE).stdout;
    expect(narrow).not.toBe(WIDE);
    const topLevel = make({ "a.nix": WIDE }, { printWidth: 80 });
    expect(prettier(["--write", "a.nix"], topLevel).status).toBe(0);
    expect(printed(topLevel, "a.nix")).toBe(narrow);

    // JavaScript at 80, Nix at nixfmt's 100: the README's configuration.
    const overridden = make(
      { "a.nix": WIDE },
      { printWidth: 80, overrides: [{ files: "*.nix", options: { printWidth: 100 } }] },
    );
    expect(prettier(["--check", "a.nix"], overridden).status).toBe(0);

    const flag = make({ "a.nix": WIDE });
    expect(prettier(["--print-width", "80", "--write", "a.nix"], flag).status).toBe(0);
    expect(printed(flag, "a.nix")).toBe(narrow);

    const editorconfig = make({
      "a.nix": WIDE,
      ".editorconfig": "root = true\n\n[*.nix]\nmax_line_length = 80\n",
    });
    expect(prettier(["--write", "a.nix"], editorconfig).status).toBe(0);
    expect(printed(editorconfig, "a.nix")).toBe(narrow);
  });

  it("passes --debug-check on every .nix file of the repository (same meaning, idempotent)", () => {
    const r = prettier(
      ["--debug-check", "--plugin", BUILT_PLUGIN, "--no-config", ...FILES],
      WORKSPACE,
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("skips what .prettierignore names, and formats .nix files found in a directory", () => {
    const dir = make({
      "nix/a.nix": UGLY,
      "fixtures/input.nix": UGLY,
      ".prettierignore": "fixtures/\n",
    });
    const r = prettier(["--check", "."], dir);
    expect(r.status).toBe(1);
    expect(listedByPrettier(r.stdout + r.stderr)).toEqual(["nix/a.nix"]);
  });
});

describe("this repository's Prettier configuration", () => {
  beforeAll(requireBuilt);

  // pnpm test runs prettier --check over the repository: these are the files it checks.
  // (Prettier's API in a process of its own: this one resolves nix-ast to its sources.)
  it("has prettier --check check every .nix file with the plugin but the corpus inputs", () => {
    const script = `
      import { getFileInfo } from "prettier";
      const infos = {};
      for (const file of JSON.parse(process.argv[1])) {
        infos[file] = await getFileInfo(file, { ignorePath: ".prettierignore", resolveConfig: true });
      }
      process.stdout.write(JSON.stringify(infos));`;
    const r = run(
      process.execPath,
      ["--input-type=module", "-e", script, JSON.stringify(FILES)],
      WORKSPACE,
    );
    expect(r.stderr).toBe("");
    // Ignored: only the conformance inputs, hand layouts whose expected output beside
    // each is checked.
    const expected = (file: string) =>
      file.startsWith("packages/nix-ast/src/conformance/") && file.endsWith(".in.nix")
        ? { ignored: true, inferredParser: null }
        : { ignored: false, inferredParser: "nix" };
    const infos = JSON.parse(r.stdout) as Record<string, { ignored: boolean }>;
    expect(infos).toEqual(Object.fromEntries(FILES.map((f) => [f, expected(f)])));
    for (const [file, info] of Object.entries(infos)) {
      if (info.ignored) expect(infos[file.replace(/\.in\.nix$/, ".out.nix")]?.ignored).toBe(false);
    }
  });
});
