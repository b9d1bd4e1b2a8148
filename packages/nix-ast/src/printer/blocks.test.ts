import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  attrs,
  bind,
  comment,
  list,
  neg,
  op,
  ref,
  str,
  toExpr,
  withTrivia,
  type ExprLike,
} from "../ast/builders.js";
import { NixAstError } from "../errors.js";
import type { Expr } from "../ast/nodes.js";
import { exprArb } from "../test-support/arbitraries.js";
import { fixup, layout } from "./doc.js";
import { Pretty } from "./pretty.js";
import { print } from "./print.js";

/** The printer without its fast path: everything through the document IR. */
function printSlow(e: Expr): string {
  return layout(fixup(new Pretty(100, false).top(e)), 100, 2).trim() + "\n";
}

/** Data trees with names and strings whose lengths straddle the width. */
const dataArb: fc.Arbitrary<Expr> = fc.letrec<{ data: Expr }>((tie) => {
  const name = fc.oneof(
    fc.constantFrom("a", "enable", "x86_64-linux", "with space", "or", ""),
    fc.integer({ min: 1, max: 110 }).map((n) => "n".repeat(n)),
  );
  const scalar = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.constantFrom(true, false, null, 1.5, 2.0e-7),
    fc.integer({ min: 0, max: 110 }).map((n) => "s".repeat(n)),
    fc.constantFrom("a\nb", "${x}", "tab\t"),
  );
  return {
    data: fc.oneof(
      { depthSize: "small", maxDepth: 4 },
      scalar.map((v) =>
        typeof v === "string"
          ? str(v)
          : (attrs({ v }).bindings[0] as never as { value: Expr }).value,
      ),
      fc.array(tie("data"), { maxLength: 4 }).map((items) => list(items)),
      fc
        .uniqueArray(fc.tuple(name, tie("data")), { maxLength: 4, selector: ([n]) => n })
        .map((entries) => attrs(entries.map(([n, v]) => bind(n, v)))),
    ),
  };
}).data;

describe("the fast path for expanded sets and lists lays out exactly as the document IR", () => {
  it("on data with lengths around the width", () => {
    fc.assert(
      fc.property(dataArb, (e) => {
        expect(print(e)).toBe(printSlow(e));
      }),
      { numRuns: 500, seed: 42 + Number(process.env.BLOCK_SEED ?? 0) },
    );
  });

  it("on random trees of every node kind", () => {
    fc.assert(
      fc.property(exprArb(5), (e) => {
        expect(print(e)).toBe(printSlow(e));
      }),
      { numRuns: 500, seed: 43 + Number(process.env.BLOCK_SEED ?? 0) },
    );
  });
});

/** Plain JavaScript data, as `print` takes it, with some nodes inside. */
const plainArb: fc.Arbitrary<ExprLike> = fc.letrec<{ data: ExprLike }>((tie) => {
  const name = fc.oneof(
    fc.constantFrom("a", "enable", "x86_64-linux", "with space", "or", "", "1st", "kind"),
    fc.integer({ min: 1, max: 110 }).map((n) => "n".repeat(n)),
  );
  const scalar = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.constantFrom(-0, 1.5, -2.5, 2 ** 53, 2 ** 60, 3n, -3n, 2n ** 63n - 1n, true, false, null),
    fc.integer({ min: 0, max: 110 }).map((n) => "s".repeat(n)),
    fc.constantFrom("a\nb", "${x}", "tab\t", "ünï", ""),
    // Text that the fast path's one-pass scan must hand over to full escaping.
    fc.string({
      unit: fc.constantFrom("a", " ", "!", "#", '"', "\\", "$", "{", "\r", "\x01", "é"),
    }),
  );
  return {
    data: fc.oneof(
      { depthSize: "small", maxDepth: 4 },
      scalar,
      fc.constantFrom<ExprLike>(
        ref("pkgs.hello"),
        neg(1),
        str`${ref("x")}/bin`,
        list([]),
        attrs({}),
        // Nodes with comments, on themselves or on their first part.
        withTrivia(ref("x"), { leading: [comment("why")] }),
        withTrivia(ref("x"), { leading: [comment("why", { endOfLine: true })] }),
        op(withTrivia(ref("a"), { leading: [comment("left")] }), "+", 1),
      ),
      fc.array(tie("data"), { maxLength: 4 }),
      fc
        .uniqueArray(fc.tuple(name, fc.option(tie("data"), { nil: undefined, freq: 6 })), {
          maxLength: 4,
          selector: ([n]) => n,
        })
        .map((entries) => Object.fromEntries(entries) as ExprLike),
    ),
  };
}).data;

describe("print(data) without a tree", () => {
  it("prints plain data exactly as its converted tree", () => {
    fc.assert(
      fc.property(plainArb, (data) => {
        const tree = toExpr(data);
        expect(print(data)).toBe(print(tree));
        expect(print(data)).toBe(printSlow(tree));
      }),
      { numRuns: 1000, seed: 44 + Number(process.env.BLOCK_SEED ?? 0) },
    );
  });

  it("refuses what the tree refuses, saying where", () => {
    const bads = [
      { a: 1, b: [1, NaN] },
      { a: 1, b: "nul\0" },
      [1, 2, undefined],
      { a: 1, b: "\ud800" },
    ];
    for (const bad of bads) {
      expect(() => print(bad as ExprLike)).toThrow(NixAstError);
      expect(() => print(bad as ExprLike)).toThrow(/binding b|list item 3/);
    }
  });
});
