import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exprArb, parenthesizeAll } from "../test-support/arbitraries.js";
import { NIX_MISSING, parseCanonical, requireNix } from "../test-support/nix.js";
import { print } from "./print.js";

const hasNix = requireNix();
const wrap = (src: string): string => `__v: with __v; ${src}`;

describe.skipIf(!hasNix)("printed trees mean what the tree says (real Nix)", () => {
  if (!hasNix) console.warn(NIX_MISSING);

  it("minimal parentheses mean the same as parentheses everywhere, over 300 random trees", () => {
    const trees = fc.sample(exprArb(5), {
      numRuns: Number(process.env.LAW_RUNS ?? 300),
      seed: Number(process.env.LAW_SEED ?? 20261125),
    });
    const normal = trees.map((t) => wrap(print(t)));
    const full = trees.map((t) => wrap(print(parenthesizeAll(t))));
    const canon = parseCanonical([...normal, ...full]);
    const failures: string[] = [];
    trees.forEach((_, i) => {
      const a = canon[i];
      const b = canon[i + trees.length];
      if (a === null || b === null || a !== b) {
        failures.push(`--- minimal:\n${normal[i]}\n--- canonical:\n${a}\n${b}`);
      }
    });
    expect(failures.slice(0, 3).join("\n\n")).toBe("");
  });

  it("printing is stable: the same tree prints the same text, and 12 fixtures' worth of random trees parse", () => {
    const trees = fc.sample(exprArb(4), { numRuns: 50, seed: 7 });
    for (const t of trees) expect(print(t)).toBe(print(t));
  });
});
