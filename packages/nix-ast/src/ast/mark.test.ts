import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromWire, toWire } from "../deep/wire.js";
import {
  attrs,
  comment,
  isNode,
  nix,
  NODE,
  normalize,
  parse,
  print,
  ref,
  withTrivia,
  type Expr,
  type ExprLike,
} from "../index.js";
import { hoistComments } from "../printer/hoist.js";
import { exprArb } from "../test-support/arbitraries.js";
import { mapChildren } from "./map.js";

/** Every expression node in `e`, walked without recursion (trees may be deep). */
function nodesOf(e: Expr): Expr[] {
  const out: Expr[] = [];
  const stack = [e];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    mapChildren(
      n,
      (c) => {
        stack.push(c);
        return c;
      },
      (name) => {
        if (name.kind === "dynamic") stack.push(name.expr);
        return name;
      },
    );
  }
  return out;
}

const unmarked = (e: Expr): Expr[] => nodesOf(e).filter((n) => !isNode(n));

const fixture = (name: string): string =>
  readFileSync(new URL(`../parser/fixtures/seed-formatted/${name}`, import.meta.url), "utf8");

describe("the node mark", () => {
  it("is on every node the builders make", () => {
    fc.assert(
      fc.property(exprArb(4), (t) => unmarked(t).length === 0),
      { numRuns: 200, seed: 11 },
    );
  });

  it("is on every node the parser makes, nested deep (on a worker thread) too", () => {
    for (const file of ["flake.nix", "module.nix", "package.nix"]) {
      expect(unmarked(parse(fixture(file)))).toEqual([]);
    }
    const deep = parse("[".repeat(20_000) + "1" + "]".repeat(20_000));
    const all = nodesOf(deep);
    expect(all).toHaveLength(20_001);
    expect(all.filter((n) => !isNode(n))).toEqual([]);
  });

  it("is on what the nix template, normalize, hoisting and withTrivia make", () => {
    const t = nix`{ a = ${1}; b = ${{ c: [true] }}; d = x: x.${"y"}; }`;
    expect(unmarked(t)).toEqual([]);
    expect(unmarked(normalize(parse("-1 + f (g x) a.b.${c}")))).toEqual([]);
    const commented = parse("# about f\nf x # why\n");
    expect(unmarked(hoistComments(commented))).toEqual([]);
    expect(isNode(withTrivia(ref("x"), { leading: [comment("hi")] }))).toBe(true);
    expect(isNode({ ...ref("x") })).toBe(true); // spread copies the mark
  });

  it("travels across the worker wire; a key that looks like it stays data", () => {
    const t = attrs({ a: [1, ref("b")] });
    const back = fromWire(toWire(t)!) as Expr;
    expect(unmarked(back)).toEqual([]);
    expect(print(back)).toBe(print(t));
    const data = { "\u0000nix-ast:node": 1, x: 2 };
    const dataBack = fromWire(toWire(data)!) as Record<string, unknown>;
    expect(isNode(dataBack)).toBe(false);
    expect(Object.keys(dataBack)).toEqual(["\u0000nix-ast:node", "x"]);
  });

  it("is what makes a node: a copy without it (structuredClone, JSON) is data", () => {
    fc.assert(
      fc.property(exprArb(3), (t) => {
        const copy = structuredClone(t) as ExprLike;
        expect(isNode(copy)).toBe(false);
        expect(print(copy)).toMatch(/kind = "/);
      }),
      { numRuns: 50, seed: 12 },
    );
  });

  it("is registered, so two copies of the library share it", () => {
    expect(NODE).toBe(Symbol.for("@atbb/nix-ast/node"));
  });
});
