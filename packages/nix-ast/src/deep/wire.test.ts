import { describe, expect, it } from "vitest";
import { fromWire, toWire } from "./wire.js";

describe("the wire format for worker threads", () => {
  it("carries what JSON cannot", () => {
    const value = {
      big: 2n ** 70n,
      neg: -5n,
      items: [1, undefined, Number.NaN, Infinity, -Infinity, "\u0000nix-ast:bigint:1"],
      skipped: undefined,
      nested: { s: "ünï", t: true, n: null, f: 1.5e-7 },
    };
    const back = fromWire(toWire(value)!) as typeof value;
    expect(back.big).toBe(2n ** 70n);
    expect(back.neg).toBe(-5n);
    expect(back.items).toEqual([
      1,
      undefined,
      Number.NaN,
      Infinity,
      -Infinity,
      "\u0000nix-ast:bigint:1",
    ]);
    expect("skipped" in back).toBe(false);
    expect(back.nested).toEqual(value.nested);
  });

  it("writes and reads a value nested 100,000 deep without recursion", () => {
    let deep: unknown = 1n;
    for (let i = 0; i < 100_000; i++) deep = [{ x: deep }];
    let back = fromWire(toWire(deep)!);
    for (let i = 0; i < 100_000; i++) back = (back as { x: unknown }[])[0]!.x;
    expect(back).toBe(1n);
  });

  it("refuses functions and symbols", () => {
    expect(toWire({ f: () => 1 })).toBeUndefined();
    expect(toWire([Symbol("s")])).toBeUndefined();
  });
});
