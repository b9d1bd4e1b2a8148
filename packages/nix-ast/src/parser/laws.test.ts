/**
 * The parser's laws over random trees of every node kind (issue 3, point 1):
 * `parse(print(t))` is `normalize(t)` (compared without parentheses, layout facts and
 * trivia; see `normalize`), and `print(parse(print(t)))` is `print(t)`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { print } from "../printer/print.js";
import { exprArb } from "../test-support/arbitraries.js";
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
});
