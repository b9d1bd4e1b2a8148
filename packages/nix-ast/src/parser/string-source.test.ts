import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expr, Str } from "../ast/nodes.js";
import { node, str } from "../ast/builders.js";
import { print } from "../printer/print.js";
import { evalJson, requireNix } from "../test-support/nix.js";
import { parse } from "./parser.js";
import { readSource } from "./string-source.js";

/** The string a source holds, parsed (with `x` free, as an interpolation may use it). */
function stringOf(source: string): Str {
  const e = parse(source);
  if (e.kind !== "string") throw new Error(`not a string: ${source}`);
  return e;
}

/** Nix string literals written in the ways people write them. */
const WRITTEN = [
  '"$$OPENER $f"',
  '"$${x} \\$${x} $$${x}"',
  '"[-\\.0-9a-zA-Z]+ \\$HOME \\d"',
  '"a\tb"',
  '"a\\tb"',
  '"\n  first\n    second\n  "',
  '"pre\n${x}\npost"',
  "''\n  keep ''$HOME and $HOME\n  ''${x} and ''\\t and \traw\n    deeper  \n''",
  "''a''$b'''c''",
  "''say \"hi\"''",
  "''a''\\tb''",
  "''\n  a\n        \n  b\n''",
  "''\n    ${x}\n  y ${x}\n''",
  "''$''",
  "''a$${x}''",
];

describe("strings keep the text they were written with", () => {
  it("prints each as written, or as the official format rewrites it", () => {
    const printed = WRITTEN.map((w) => print(parse(`{ s = ${w}; }`)));
    expect(printed[0]).toContain('"$$OPENER $f"');
    expect(printed[3]).toContain('"a\tb"');
    expect(printed[8]).toContain("\"a\\$b''c\"");
  });

  it("falls back to escaping the value when the text no longer reads as it", () => {
    const s = stringOf('"$$x"');
    // The same source under other parts: the printer must not trust it.
    const edited: Str = { ...s, parts: ["$x"] };
    expect(print(edited)).toBe('"$x"\n');
    const cut: Str = { ...s, parts: ["$", node({ kind: "var", name: "x" })] };
    expect(print(cut)).toBe('"\\$${x}"\n');
  });

  it("reads a source as Nix does, refusing one that would not read as its pieces", () => {
    const x: Expr = node({ kind: "var", name: "x" });
    expect(readSource("double", ["a$$", x])).toEqual(["a$$", x]);
    expect(readSource("double", ["a$", x])).toBeUndefined(); // `$${` is no interpolation
    expect(readSource("double", ['a"'])).toBeUndefined();
    expect(readSource("double", ["a\\"])).toBeUndefined();
    expect(readSource("indented", ["a''"])).toBeUndefined();
    expect(readSource("indented", ["a\n  b"])).toEqual(["a\n  b"]);
    expect(readSource("double", ["${"])).toBeUndefined();
  });
});

describe.skipIf(!requireNix())("strings as written, against real Nix", () => {
  const LET = 'let x = "X"; in ';

  it("every written string prints to the same value", () => {
    const printed = WRITTEN.map((w) => print(parse(`x: { s = ${w}; }`)).replace(/^x: /, ""));
    const values = evalJson([...WRITTEN, ...printed.map((p) => `(${p}).s`)].map((e) => LET + e));
    expect(values.slice(WRITTEN.length)).toEqual(values.slice(0, WRITTEN.length));
  });

  it("random sources of quotes, dollars, braces, escapes and blanks keep their value", () => {
    const piece = fc.constantFrom(
      "$",
      "$$",
      "{",
      "}",
      "'",
      "''",
      "'''",
      "''$",
      "''\\t",
      "''\\n",
      "\\",
      "\\$",
      '\\"',
      '"',
      "\\n",
      " ",
      "  ",
      "\t",
      "\n",
      "\n  ",
      "a",
      "${x}",
    );
    const sources = fc.sample(
      fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 12 })).map(([double, ps]) => {
        const body = ps.join("");
        return double ? `"${body}"` : `''${body}''`;
      }),
      { numRuns: 1500 },
    );
    // Keep the sources Nix reads as one string (our parser is Nix's judge of that: the
    // parser tests hold it to Nix), then compare values in one Nix process.
    const kept = sources.filter((s) => {
      try {
        const e = parse(`x: ${s}`);
        return e.kind === "lambda" && e.body.kind === "string";
      } catch {
        return false;
      }
    });
    expect(kept.length).toBeGreaterThan(300);
    const printed = kept.map((s) => {
      const out = print(parse(`x: { s = ${s}; }`));
      return `(${out.replace(/^x: /, "")}).s`;
    });
    const values = evalJson([...kept, ...printed].map((e) => LET + e));
    const before = values.slice(0, kept.length);
    const after = values.slice(kept.length);
    kept.forEach((s, i) => expect(after[i], s).toEqual(before[i]));
  });

  it("a string built from a value still escapes what it must", () => {
    expect(evalJson([print(str("$${x}"))])).toEqual(["$${x}"]);
  });
});
