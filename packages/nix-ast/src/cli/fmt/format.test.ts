import { describe, expect, it } from "vitest";
import { parse } from "../../parser/parser.js";
import { formatSource, verifyFormatted } from "./format.js";

const settings = { width: 100, verify: true };

describe("formatSource", () => {
  it("formats, and verifies what it formats", () => {
    expect(formatSource("{a=1;}", "a.nix", settings)).toEqual({ text: "{ a = 1; }\n" });
    expect(formatSource("''x''", "a.nix", settings)).toEqual({ text: '"x"\n' });
  });

  it("reports a parse error with its caret", () => {
    expect(formatSource("{", "a.nix", settings)).toEqual({
      report: "a.nix:1:2: unexpected end of file, expected a binding or '}'\n{\n ^",
    });
  });
});

describe("verifyFormatted (--verify)", () => {
  const tree = parse("# why\n{ a = [ 1 2 ]; b = x: x; }");

  it("accepts the formatted text", () => {
    const text = "# why\n{\n  a = [\n    1\n    2\n  ];\n  b = x: x;\n}\n";
    expect(verifyFormatted(tree, text, 100)).toBeUndefined();
  });

  it("refuses a text that does not parse", () => {
    expect(verifyFormatted(tree, "# why\n{ a = [ 1 2 ]; b = x: x;\n", 100)).toBe(
      "the formatted text does not parse (3:1: unexpected end of file, expected a binding or '}')",
    );
  });

  it("refuses a text that means something else", () => {
    for (const other of [
      "# why\n{ a = [ 1 2 ]; b = y: y; }\n",
      "# why\n{ a = [ (1 2) ]; b = x: x; }\n",
    ])
      expect(verifyFormatted(tree, other, 100)).toBe(
        "the formatted text means something else than the input",
      );
  });

  it("refuses a text that loses or changes a comment", () => {
    for (const other of ["{ a = [ 1 2 ]; b = x: x; }\n", "# who\n{ a = [ 1 2 ]; b = x: x; }\n"])
      expect(verifyFormatted(tree, other, 100)).toBe(
        "the formatted text does not keep every comment as it was",
      );
  });

  it("refuses a text that formatting changes again, saying on which line", () => {
    expect(verifyFormatted(tree, "# why\n{ a = [ 1 2 ]; b = x: x; }\n", 100)).toBe(
      "formatting the formatted text again changes its line 2",
    );
  });

  it("compares the meaning without parentheses, layout or the string style", () => {
    const t = parse("{ a = (1 + 2) * 3; b = ''x''; }");
    expect(verifyFormatted(t, '{\n  a = (1 + 2) * 3;\n  b = "x";\n}\n', 100)).toBeUndefined();
  });

  it("is reported as a failure of the file, which is not written", () => {
    expect(formatSource("{a=1;}", "a.nix", settings)).not.toHaveProperty("report");
  });
});
