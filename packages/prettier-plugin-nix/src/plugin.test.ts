/**
 * The plugin through Prettier's API, in-process: what `prettier.format` and
 * `formatWithCursor` (which editor integrations call) give for Nix files.
 */
import { parse, print } from "@atbb/nix-ast";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import plugin from "./index.js";

const UGLY = "{a=1;b=[1 2];}";
const PRETTY = "{\n  a = 1;\n  b = [\n    1\n    2\n  ];\n}\n";

/** A call 98 columns long: within nixfmt's 100, beyond Prettier's 80. */
const WIDE = `lib.attrsets.recursiveUpdate ${Array.from({ length: 7 }, (_, i) => `argument${i}`).join(" ")}\n`;

function format(text: string, options: prettier.Options = {}): Promise<string> {
  return prettier.format(text, { filepath: "default.nix", plugins: [plugin], ...options });
}

/** What `nix-ast fmt` writes for `text`. */
function nixAstFmt(text: string, width?: number): string {
  return print(parse(text), width === undefined ? {} : { width });
}

describe("prettier-plugin-nix through Prettier's API", () => {
  it("infers the nix parser from a .nix file name and formats as nix-ast does", async () => {
    expect(await format(UGLY)).toBe(PRETTY);
    expect(await format(UGLY, { filepath: "nix/module.nix" })).toBe(PRETTY);
    expect(await prettier.format(UGLY, { parser: "nix", plugins: [plugin] })).toBe(PRETTY);
    const info = await prettier.getFileInfo("flake.nix", { plugins: [plugin] });
    expect(info.inferredParser).toBe("nix");
  });

  it("is nixfmt's width, 100, when the user set no printWidth", async () => {
    expect(WIDE.length - 1).toBeGreaterThan(80);
    expect(WIDE.length - 1).toBeLessThanOrEqual(100);
    expect(await format(WIDE)).toBe(WIDE);
    expect(await format(WIDE)).toBe(nixAstFmt(WIDE));
  });

  it("is the printWidth the user set, at any width, as nix-ast prints it", async () => {
    for (const printWidth of [40, 80, 100, 120]) {
      expect(await format(WIDE, { printWidth }), `printWidth ${printWidth}`).toBe(
        nixAstFmt(WIDE, printWidth),
      );
    }
    expect(await format(WIDE, { printWidth: 80 })).not.toBe(WIDE);
  });

  it("reports a syntax error as Prettier's parsers do: message, line, column, code frame", async () => {
    const error = await format("{\n  a = 1\n}\n").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyntaxError);
    const e = error as SyntaxError & { loc: unknown; codeFrame: string };
    expect(e.loc).toEqual({ start: { line: 3, column: 1 } });
    expect(e.message).toMatch(/^unexpected '}', expected ';' \(3:1\)\n/);
    expect(e.codeFrame).toContain("> 3 | }");
  });

  it("counts columns as Prettier's code frames do (UTF-16 code units, from 1)", async () => {
    const error = (await format('{ a = "é"; b = 1 }').catch((e: unknown) => e)) as {
      loc: unknown;
    };
    expect(error.loc).toEqual({ start: { line: 1, column: 18 } });
  });

  it("keeps an editor's cursor on the token it was on", async () => {
    const text = "{a=1;\nbee=[1 2];}";
    const result = await prettier.formatWithCursor(text, {
      filepath: "a.nix",
      plugins: [plugin],
      cursorOffset: text.indexOf("bee") + 1,
    });
    expect(result.formatted).toBe(nixAstFmt(text));
    expect(result.cursorOffset).toBe(result.formatted.indexOf("bee") + 1);
  });

  it("writes the line ends asked for with endOfLine, else \\n as nix-ast does", async () => {
    expect(await format(UGLY, { endOfLine: "crlf" })).toBe(PRETTY.replaceAll("\n", "\r\n"));
    expect(await format(UGLY.replaceAll("\n", "\r\n"))).toBe(PRETTY);
  });

  it("sees a CRLF file as Prettier gives it, its line ends already \\n (so '' strings lose their CRs)", async () => {
    // Nix keeps a CR inside an indented string, and nix-ast fmt writes it as ''\r;
    // Prettier turns CRLF into LF before any plugin sees the file (README: limits).
    const crlf = "{ a = ''\r\n  x\r\n''; }\r\n";
    expect(await format(crlf)).toBe(nixAstFmt(crlf.replaceAll("\r\n", "\n")));
    expect(nixAstFmt(crlf)).toContain("''\\r");
  });

  it("honours Prettier's pragmas in Nix comments", async () => {
    const marked = "# @format\n{a=1;}";
    expect(await format(UGLY, { requirePragma: true })).toBe(UGLY);
    expect(await format(marked, { requirePragma: true })).toBe("# @format\n{ a = 1; }\n");
    expect(await format(`/**\n * @prettier\n */\n${UGLY}`, { requirePragma: true })).not.toBe(UGLY);
    const inserted = await format(UGLY, { insertPragma: true });
    expect(inserted).toBe(`# @format\n${PRETTY}`);
    expect(nixAstFmt(inserted)).toBe(inserted);
    expect(await format(marked, { insertPragma: true })).toBe("# @format\n{ a = 1; }\n");
    const ignored = "# @noformat\n{a=1;}";
    expect(await format(ignored, { checkIgnorePragma: true })).toBe(ignored);
    expect(await format(ignored)).toBe("# @noformat\n{ a = 1; }\n");
  });

  it("leaves a file alone when asked for a range (Prettier formats ranges only of its own languages)", async () => {
    const text = "{a=1;\nb=2;}";
    expect(await format(text, { rangeStart: 1, rangeEnd: 4 })).toBe(text);
    expect(await format(text, { rangeStart: 0, rangeEnd: text.length })).toBe(nixAstFmt(text));
  });

  it("gives prettier-ignore comments no meaning: they stay, and the code is formatted as nix-ast does", async () => {
    const text = [
      "{",
      "  # prettier-ignore",
      "  a = [1   2];",
      "  # prettier-ignore-start",
      "  b = {x=1;};",
      "  # prettier-ignore-end",
      "}",
      "",
    ].join("\n");
    const out = await format(text);
    expect(out).toBe(nixAstFmt(text));
    expect(out).not.toContain("[1   2]");
    for (const c of ["# prettier-ignore\n", "# prettier-ignore-start", "# prettier-ignore-end"]) {
      expect(out).toContain(c);
    }
  });

  it("formats nix code blocks in Markdown", async () => {
    const markdown = "# Example\n\n```nix\n{a=1;}\n```\n\n```nix\n{ a =\n```\n";
    const out = await prettier.format(markdown, { parser: "markdown", plugins: [plugin] });
    // A block that does not parse is left as it is.
    expect(out).toBe("# Example\n\n```nix\n{ a = 1; }\n```\n\n```nix\n{ a =\n```\n");
  });

  it("formats an empty or blank file to nothing, as Prettier does for every language", async () => {
    expect(await format("")).toBe("");
    expect(await format(" \n\n")).toBe("");
  });
});
