import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attrs, hasAttr, inheritFrom, name, ref, select } from "../ast/builders.js";
import { print } from "../index.js";
import { evalJson, requireNix } from "../test-support/nix.js";
import { nastyText } from "../test-support/text-arbitraries.js";
import { formatAttrName, isIdentifier, KEYWORDS } from "./names.js";

describe("formatAttrName", () => {
  it("leaves identifiers bare", () => {
    for (const n of ["a", "_x", "foo-bar", "x'", "a--b", "true", "null", "__curPos", "If"]) {
      expect(formatAttrName(n)).toBe(n);
    }
  });
  it("quotes keywords, `or` included", () => {
    for (const k of KEYWORDS) expect(formatAttrName(k)).toBe(`"${k}"`);
    expect(formatAttrName("or")).toBe('"or"');
  });
  it("quotes everything else, escaped as a double-quoted string", () => {
    expect(formatAttrName("foo.bar")).toBe('"foo.bar"');
    expect(formatAttrName("")).toBe('""');
    expect(formatAttrName("with space")).toBe('"with space"');
    expect(formatAttrName("1a")).toBe('"1a"');
    expect(formatAttrName("-a")).toBe('"-a"');
    expect(formatAttrName("é")).toBe('"é"');
    expect(formatAttrName("${x}")).toBe('"\\${x}"');
    expect(formatAttrName('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });
  it("quotes an identifier when asked to", () => {
    expect(formatAttrName("a", true)).toBe('"a"');
  });
});

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_'-]{0,8}$/);
/** Any attribute name: keywords, identifiers, dotted, spaced, empty, Unicode, nasty. */
const anyName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...KEYWORDS,
    "or",
    "true",
    "false",
    "null",
    "",
    " ",
    "foo.bar",
    "a.b.c",
    "with space",
  ),
  fc.constantFrom("1", "1a", "-a", "a/b", "a:b", "a b", "é", "\u{1F600}", "${x}", "$", "''", "#"),
  identifier,
  nastyText(5),
);

/** One expression per name giving `[attrNames, value by selection, has, inherited names]`. */
function probe(bare: string, nameText: string): string {
  return (
    `let s = { ${nameText} = "v"; }; in ` +
    `[ (builtins.attrNames s) (s.${nameText}) (s ? ${nameText}) ` +
    `(builtins.attrNames { inherit (s) ${nameText}; }) ]`
  );
}

function expected(n: string): unknown {
  return [[n], "v", true, [n]];
}

describe.skipIf(!requireNix())("attribute names against real Nix", () => {
  it("any name survives a binding, a selection, `?` and `inherit`", () => {
    fc.assert(
      fc.property(fc.array(anyName, { minLength: 400, maxLength: 400 }), (names) => {
        const exprs = names.flatMap((n) => [
          probe(n, formatAttrName(n)),
          probe(n, formatAttrName(n, true)),
        ]);
        const got = evalJson(exprs);
        const bad = got.flatMap((g, i) => {
          const n = names[i >> 1]!;
          return JSON.stringify(g) === JSON.stringify(expected(n))
            ? []
            : [{ n, source: exprs[i], got: g }];
        });
        expect(bad).toEqual([]);
      }),
      { numRuns: 3, endOnFailure: true },
    );
  });

  it("any name survives the printer: a set, a selection, `?` and `inherit (s)`", () => {
    fc.assert(
      fc.property(fc.array(anyName, { minLength: 300, maxLength: 300 }), (names) => {
        const exprs = names.map((n) => {
          const s = ref("s");
          const set = print(attrs({ [n]: "v" }));
          const sel = print(select(s, [n]));
          const has = print(hasAttr(s, [n]));
          const inh = print(attrs([inheritFrom(s, [n])]));
          return `let s = ${set}; in [ (builtins.attrNames s) (${sel}) (${has}) (builtins.attrNames (${inh})) ]`;
        });
        const quoted = names.map((n) => {
          const set = print(
            attrs([{ kind: "assign", path: [name(n, { quoted: true })], value: ref("v") }]),
          );
          return `let v = "v"; in builtins.attrNames (${set})`;
        });
        const got = evalJson([...exprs, ...quoted]);
        const bad = got.flatMap((g, i) => {
          const n = names[i % names.length]!;
          const want = i < names.length ? expected(n) : [n];
          return JSON.stringify(g) === JSON.stringify(want) ? [] : [{ n, got: g }];
        });
        expect(bad).toEqual([]);
      }),
      { numRuns: 2, endOnFailure: true },
    );
  });

  it("the printer quotes exactly the names that are not identifiers", () => {
    for (const n of ["a", "or", "let", "a.b", "", "x'"]) {
      const printed = print(attrs({ [n]: 1 }));
      expect(printed).toBe(`{ ${isIdentifier(n) ? n : JSON.stringify(n)} = 1; }\n`);
    }
  });
});
