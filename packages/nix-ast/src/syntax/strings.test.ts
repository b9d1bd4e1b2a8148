import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expr, Str, StringPart } from "../ast/nodes.js";
import { apply, attrs, list, ref, str, strParts } from "../ast/builders.js";
import { print } from "../index.js";
import { evalJson, requireNix } from "../test-support/nix.js";
import { nastyPiece, nastyText } from "../test-support/text-arbitraries.js";
import { escapeDoubleQuoted, indentedStringLines, type IndentedLine } from "./strings.js";

/** The interpolated variables of the tests and their values in Nix. */
const VARS: Readonly<Record<string, string>> = { x: "X", y: "Y" };
const LET = 'let x = "X"; y = "Y"; in\n';

function varName(e: Expr): string {
  if (e.kind !== "var") throw new Error(`unexpected interpolation ${e.kind}`);
  return e.name;
}

/** Interpolated expressions other than variables, with their values (set further down). */
const EXPR_VALUES = new Map<Expr, string>();

/** The value the parts stand for, the interpolations replaced by their values. */
function valueOf(parts: readonly StringPart[]): string {
  return parts
    .map((p) => (typeof p === "string" ? p : (EXPR_VALUES.get(p) ?? VARS[varName(p)])))
    .join("");
}

/** A double-quoted string, written as the printer writes it. */
function renderDouble(parts: readonly StringPart[]): string {
  let out = '"';
  parts.forEach((p, i) => {
    if (typeof p === "string") out += escapeDoubleQuoted(p, typeof parts[i + 1] === "object");
    else out += "${" + varName(p) + "}";
  });
  return out + '"';
}

function renderLine(line: IndentedLine): string {
  return line.map((p) => (typeof p === "string" ? p : "${" + varName(p) + "}")).join("");
}

/**
 * An indented string, written as the printer writes it: content lines at `indent`
 * spaces, a closing `''` alone on its line at `outer` spaces.
 */
function renderIndented(parts: readonly StringPart[], indent: number, outer: number): string {
  const lines = indentedStringLines(parts);
  if (lines.length === 1) return "''" + renderLine(lines[0]!) + "''";
  const body = lines.map((l) => (l.length === 0 ? "" : " ".repeat(indent) + renderLine(l)));
  const last = lines[lines.length - 1]!;
  return "''\n" + body.join("\n") + (last.length === 0 ? " ".repeat(outer) : "") + "''";
}

/** A source that holds the string at `outer` indentation, as a binding value would. */
function inContext(literal: string, outer: number): string {
  return LET + " ".repeat(outer) + "{ s =\n" + " ".repeat(outer) + literal + ";\n}.s";
}

const x = ref("x");
const y = ref("y");

describe("escapeDoubleQuoted", () => {
  it("escapes backslash, quote, newline, CR and tab", () => {
    expect(escapeDoubleQuoted('a\\b"c\nd\re\tf', false)).toBe('a\\\\b\\"c\\nd\\re\\tf');
  });
  it("escapes ${ as \\${", () => {
    expect(escapeDoubleQuoted("${x}", false)).toBe("\\${x}");
  });
  it("escapes a $ before another $", () => {
    expect(escapeDoubleQuoted("$${x}", false)).toBe("\\$\\${x}");
    expect(escapeDoubleQuoted("$$", false)).toBe("\\$$");
  });
  it("escapes a trailing $ only when an interpolation follows", () => {
    expect(escapeDoubleQuoted("a$", true)).toBe("a\\$");
    expect(escapeDoubleQuoted("a$", false)).toBe("a$");
  });
  it("leaves a lone $, braces, other control characters and Unicode raw", () => {
    expect(escapeDoubleQuoted("dollar $ and {x} \x01\x7f é \u{1F600} '' '", false)).toBe(
      "dollar $ and {x} \x01\x7f é \u{1F600} '' '",
    );
  });
  it("returns plain text unchanged", () => {
    expect(escapeDoubleQuoted("hello world", true)).toBe("hello world");
  });
});

describe("indentedStringLines", () => {
  it("splits at newlines; a final newline gives an empty last line", () => {
    expect(indentedStringLines(["a\nb\n"])).toEqual([["a"], ["b"], []]);
    expect(indentedStringLines(["\na"])).toEqual([[], ["a"]]);
    expect(indentedStringLines([""])).toEqual([[]]);
    expect(indentedStringLines([])).toEqual([[]]);
  });
  it("keeps interpolations in their line and merges adjacent text", () => {
    expect(indentedStringLines(["a ", x, " b\nc", "d", y, "\n"])).toEqual([
      ["a ", x, " b"],
      ["cd", y],
      [],
    ]);
  });
  it("writes ${ as ''${", () => {
    expect(indentedStringLines(["${HOME}"])).toEqual([["''${HOME}"]]);
  });
  it("writes a $ before an interpolation as ''$, and leaves other $ raw", () => {
    expect(indentedStringLines(["$", x, " $$ $"])).toEqual([["''$", x, " $$ $"]]);
    expect(indentedStringLines(["$${x}"])).toEqual([["$''${x}"]]);
  });
  it("writes '' as ''' ", () => {
    expect(indentedStringLines(["a '' b ''' c ''''"])).toEqual([["a ''' b '''' c ''''''"]]);
  });
  it("writes a ' before something starting with ' as ''\\'", () => {
    // before the closing ''
    expect(indentedStringLines(["a'"])).toEqual([["a''\\'"]]);
    expect(indentedStringLines(["a'''"])).toEqual([["a'''''\\'"]]);
    // before an escape
    expect(indentedStringLines(["'${"])).toEqual([["''\\'''${"]]);
    expect(indentedStringLines(["'\r"])).toEqual([["''\\'''\\r"]]);
    expect(indentedStringLines(["'$", x])).toEqual([["''\\'''$", x]]);
    // elsewhere it stays
    expect(indentedStringLines(["it's", x, "'\n'\na'"])).toEqual([
      ["it's", x, "'"],
      ["'"],
      ["a''\\'"],
    ]);
    expect(indentedStringLines(["'", x])).toEqual([["'", x]]);
  });
  it("writes CR as ''\\r and leaves tabs and control characters raw", () => {
    expect(indentedStringLines(["a\r\nb\tc\x01"])).toEqual([["a''\\r"], ["b\tc\x01"]]);
  });
  it("escapes a leading space only where indentation stripping would eat it", () => {
    // a line of spaces only is guarded; so is the first line with content when all start with a space
    expect(indentedStringLines(["  a\n b\n\n   \n\tc\n  "])).toEqual([
      ["  a"],
      [" b"],
      [],
      ["''\\   "],
      ["\tc"],
      ["''\\  "],
    ]);
    expect(indentedStringLines(["  a\n b"])).toEqual([["''\\  a"], [" b"]]);
    expect(indentedStringLines([" ", x, " "])).toEqual([["''\\ ", x, " "]]);
    expect(indentedStringLines([x, "  a"])).toEqual([[x, "  a"]]);
  });
  it("prints readable multi-line strings", () => {
    expect(
      renderIndented(["line one\n  indented ", x, "\nescaped ${y} and '' quotes\n"], 4, 2),
    ).toBe("''\n    line one\n      indented ${x}\n    escaped ''${y} and ''' quotes\n  ''");
  });
});

const textPart: fc.Arbitrary<StringPart> = nastyText(6);
const interpolation: fc.Arbitrary<StringPart> = fc.constantFrom<StringPart>(x, y);
/** Parts mixing nasty text and interpolations of `x` and `y`. */
const mixedParts: fc.Arbitrary<StringPart[]> = fc.array(
  fc.oneof({ weight: 3, arbitrary: textPart }, { weight: 1, arbitrary: interpolation }),
  { maxLength: 8 },
);
const plainParts: fc.Arbitrary<StringPart[]> = nastyText(16).map((t) => [t]);
/** A string value as parts: pure text, or text with interpolations. */
const anyParts: fc.Arbitrary<readonly StringPart[]> = fc
  .oneof(plainParts, mixedParts)
  // adjacent text merged and empty text dropped, as the builders do
  .map((parts) => strParts(parts).parts);

/**
 * Evaluates every case (source, expected value) in one Nix process and returns the
 * mismatches.
 */
function mismatches(cases: readonly { source: string; value: string }[]) {
  const got = evalJson(cases.map((c) => c.source));
  return cases.flatMap((c, i) => (got[i] === c.value ? [] : [{ ...c, got: got[i] }]));
}

describe.skipIf(!requireNix())("strings against real Nix", () => {
  it("the usual traps read back exactly, in both kinds, at every indentation 0 to 10", () => {
    const traps = [
      "\na",
      "\n\na\n\n",
      "a\n   ",
      "   ",
      "  a",
      "a\n  b\n",
      "\tindented by a tab\n\tand again\n",
      "  \t mixed\n",
      "a''b",
      "'''",
      "a'",
      "'",
      "''",
      "x'\n",
      "'${",
      "$${x}",
      "$$${x}",
      "${x}",
      "\\${x}",
      "a\r\nb\r\n",
      "\r",
      "$",
      "$\n",
      "\n",
      "\n\n",
      " \n \n ",
      "\x01\x1f\x7f\u2028\u{1F600}",
    ];
    const cases = traps.flatMap((value) => [
      { source: renderDouble([value]), value },
      ...Array.from({ length: 11 }, (_, indent) => {
        const outer = Math.max(0, indent - 2);
        return { source: inContext(renderIndented([value], indent, outer), outer), value };
      }),
    ]);
    expect(mismatches(cases)).toEqual([]);
  });

  it("double-quoted: hundreds of strings per Nix process read back exactly", () => {
    fc.assert(
      fc.property(fc.array(anyParts, { minLength: 400, maxLength: 400 }), (all) => {
        const cases = all.map((parts) => ({
          source: LET + renderDouble(parts),
          value: valueOf(parts),
        }));
        expect(mismatches(cases)).toEqual([]);
      }),
      { numRuns: 3, endOnFailure: true },
    );
  });

  it("indented: hundreds of strings, at indentations 0 to 10, read back exactly", () => {
    const indentedCase = fc.record({
      parts: anyParts,
      indent: fc.integer({ min: 0, max: 10 }),
      dedent: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(fc.array(indentedCase, { minLength: 400, maxLength: 400 }), (all) => {
        const cases = all.flatMap(({ parts, indent, dedent }) => {
          const value = valueOf(parts);
          const outer = Math.max(0, indent - dedent);
          return [
            { source: inContext(renderIndented(parts, indent, outer), outer), value },
            // the same string with no indentation at all, and deeper than any other
            { source: LET + renderIndented(parts, 0, 0), value },
            { source: inContext(renderIndented(parts, 10, 8), 8), value },
          ];
        });
        expect(mismatches(cases)).toEqual([]);
      }),
      { numRuns: 3, endOnFailure: true },
    );
  });

  it("indented: lines made only of nasty pieces, spaces and quotes", () => {
    // every line starts or ends with something special
    const line = fc.array(nastyPiece, { minLength: 0, maxLength: 4 }).map((ps) => ps.join(""));
    const value = fc.array(line, { minLength: 1, maxLength: 6 }).map((ls) => ls.join("\n"));
    fc.assert(
      fc.property(fc.array(value, { minLength: 300, maxLength: 300 }), (values) => {
        const cases = values.flatMap((v) =>
          [0, 1, 2, 7].map((indent) => ({
            source: inContext(
              renderIndented([v], indent, Math.max(0, indent - 2)),
              Math.max(0, indent - 2),
            ),
            value: v,
          })),
        );
        expect(mismatches(cases)).toEqual([]);
      }),
      { numRuns: 2, endOnFailure: true },
    );
  });
});

/** `depth` sets nested as binding values, the string at the bottom: `{ a = { a = { s = ...; }; }; }`. */
function nested(s: Expr, depth: number): Expr {
  let e: Expr = attrs({ s });
  for (let i = 0; i < depth; i++) e = attrs({ a: e });
  return e;
}

/** Interpolations long enough for the printer to break them over several lines. */
const longInterpolations: readonly Expr[] = [
  apply(ref("builtins.substring"), 0, 1, str("L" + "x".repeat(120))),
  apply(ref("builtins.concatStringsSep"), "", list(["L", "y".repeat(50), "z".repeat(50)])),
];
EXPR_VALUES.set(longInterpolations[0]!, "L");
EXPR_VALUES.set(longInterpolations[1]!, "L" + "y".repeat(50) + "z".repeat(50));

/** Parts mixing nasty text, short and long interpolations. */
const printerParts: fc.Arbitrary<readonly StringPart[]> = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: textPart },
      { weight: 2, arbitrary: interpolation },
      { weight: 1, arbitrary: fc.constantFrom<StringPart>(...longInterpolations) },
    ),
    { maxLength: 8 },
  )
  .map((parts) => strParts(parts).parts);

describe.skipIf(!requireNix())("strings through the printer against real Nix", () => {
  it("print(str(...)) in every style, at depths 0 to 5 and in lists, reads back exactly", () => {
    const printedCase = fc.record({
      parts: fc.oneof(anyParts, printerParts),
      style: fc.constantFrom<Str["style"]>(undefined, "double", "indented"),
      depth: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(printedCase, { minLength: 300, maxLength: 300 }), (all) => {
        const cases = all.flatMap(({ parts, style, depth }) => {
          const s = strParts(parts, style);
          const value = valueOf(parts);
          const path = "a.".repeat(depth) + "s";
          return [
            { source: LET + print(s), value },
            { source: LET + "(" + print(nested(s, depth)) + ")." + path, value },
            { source: LET + "builtins.elemAt (" + print(list([s, s])) + ") 1", value },
          ];
        });
        expect(mismatches(cases)).toEqual([]);
      }),
      { numRuns: 3, endOnFailure: true },
    );
  });
});
