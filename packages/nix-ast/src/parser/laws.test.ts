/**
 * The parser's laws over random trees of every node kind (issue 3, point 1):
 * `parse(print(t))` is `normalize(t)` (compared without parentheses, layout facts and
 * trivia; see `normalize`), and `print(parse(print(t)))` is `print(t)`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { print } from "../printer/print.js";
import { indented, ref, str, strParts } from "../ast/builders.js";
import type { Str } from "../ast/nodes.js";
import { exprArb } from "../test-support/arbitraries.js";
import { nastyText } from "../test-support/text-arbitraries.js";
import { normalize, strip } from "./normalize.js";
import { parse } from "./parser.js";

const trees = exprArb(5);

describe("laws", () => {
  it("parse(print(t)) equals normalize(t)", () => {
    fc.assert(
      fc.property(trees, (t) => {
        const printed = print(t);
        expect(strip(parse(printed))).toEqual(normalize(t));
      }),
      { numRuns: 1000 },
    );
  });

  it("print(parse(print(t))) equals print(t)", () => {
    fc.assert(
      fc.property(trees, (t) => {
        const printed = print(t);
        expect(print(parse(printed))).toBe(printed);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads back any string printed in either style, with interpolations, exactly", () => {
    fc.assert(
      fc.property(nastyText(), nastyText(), (a, b) => {
        for (const make of [str, indented]) {
          const back = parse(print(make(a))) as Str;
          expect(back.parts.join("")).toBe(a);
        }
        for (const style of ["double", "indented"] as const) {
          const back = parse(print(strParts([a, ref("x"), b], style))) as Str;
          const shown = back.parts.map((p) => (typeof p === "string" ? p : `<${p.kind}>`));
          expect(shown).toEqual([a, "<var>", b].filter((p) => p !== ""));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
