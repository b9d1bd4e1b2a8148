import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { float, int, list } from "../ast/builders.js";
import { NixAstError } from "../errors.js";
import { print } from "../index.js";
import { evalJson, requireNix } from "../test-support/nix.js";
import { formatFloat, formatInt } from "./numbers.js";

const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;
const MIN_NORMAL = 2.2250738585072014e-308;

/** A float's literal as the printer writes it: unary minus before the magnitude. */
function floatLiteral(x: number): string {
  return x < 0 || Object.is(x, -0) ? "-" + formatFloat(-x) : formatFloat(x);
}

/** An integer's source as the printer writes it. */
function intLiteral(n: bigint): string {
  if (n === INT_MIN) return "(-9223372036854775807 - 1)";
  return n < 0n ? "-" + formatInt(-n) : formatInt(n);
}

/** The shortest JSON of a float, made to read as a float (`2` → `2.0`). */
function floatJson(x: number): string {
  const json = JSON.stringify(x);
  return /[.eE]/.test(json) ? json : json + ".0";
}

describe("formatFloat", () => {
  it.each([
    [0, "0.0"],
    [2, "2.0"],
    [1.5, "1.5"],
    [0.01, "0.01"],
    [0.1, "0.1"],
    [123456, "123456.0"],
    [1 / 3, "0.3333333333333333"],
    [1e20, "100000000000000000000.0"],
    [0.009999, "9.999e-3"],
    [1e-3, "1.0e-3"],
    [1.5e-7, "1.5e-7"],
    [1e21, "1.0e21"],
    [2.5e300, "2.5e300"],
    [MIN_NORMAL, "2.2250738585072014e-308"],
    [Number.MAX_VALUE, "1.7976931348623157e308"],
  ])("%s prints %s", (value, expected) => {
    expect(formatFloat(value)).toBe(expected);
  });

  it("refuses negative values, NaN and infinities", () => {
    expect(() => formatFloat(-1)).toThrow(NixAstError);
    expect(() => formatFloat(Number.NaN)).toThrow(NixAstError);
    expect(() => formatFloat(Infinity)).toThrow(NixAstError);
  });
});

describe("formatInt", () => {
  it("prints the digits of a magnitude", () => {
    expect(formatInt(0n)).toBe("0");
    expect(formatInt(42n)).toBe("42");
    expect(formatInt(INT_MAX)).toBe("9223372036854775807");
  });
  it("refuses negative values and magnitudes beyond 64 bits", () => {
    expect(() => formatInt(-1n)).toThrow(NixAstError);
    expect(() => formatInt(2n ** 63n)).toThrow(NixAstError);
  });
});

describe("the printer's number literals", () => {
  it("prints negative numbers as unary minus before the literal", () => {
    expect(print(int(-7))).toBe("-7\n");
    expect(print(float(-1.5e-7))).toBe("-1.5e-7\n");
    expect(print(float(2))).toBe("2.0\n");
  });
  it("prints the minimum integer as (-9223372036854775807 - 1)", () => {
    expect(print(int(INT_MIN))).toBe("(-9223372036854775807 - 1)\n");
  });
});

/** Finite normal doubles (and zero), biased towards the edges of the literal forms. */
const normalDouble: fc.Arbitrary<number> = fc
  .oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.constantFrom(
      0,
      -0,
      1,
      0.01,
      0.009999999999999998,
      1e21,
      999999999999999900000,
      1e-7,
      MIN_NORMAL,
      -MIN_NORMAL,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MAX_SAFE_INTEGER,
      2 ** 53 + 2,
      0.1 + 0.2,
    ),
    fc
      .tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: -307, max: 300 }))
      .map(([m, e]) => Number(`${m}e${e}`)),
  )
  .filter((x) => x === 0 || Math.abs(x) >= MIN_NORMAL);

const int64: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: INT_MIN, max: INT_MAX }),
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.constantFrom(INT_MIN, INT_MIN + 1n, INT_MAX, 0n, -1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n),
);

describe.skipIf(!requireNix())("number literals against real Nix", () => {
  it("any finite normal double reads back as exactly that float", () => {
    fc.assert(
      fc.property(fc.array(normalDouble, { minLength: 500, maxLength: 500 }), (xs) => {
        const direct = xs.map(
          (x) =>
            `let v = ${floatLiteral(x)}; in [ (v == builtins.fromJSON "${floatJson(x)}") (builtins.typeOf v) ]`,
        );
        // the same through the printer (print ends with a newline: fine inside the list)
        const printed = xs.map(
          (x) =>
            `let v = ${print(float(x))}; in [ (v == builtins.fromJSON "${floatJson(x)}") (builtins.typeOf v) ]`,
        );
        // as a list item, where a negative float needs parentheses
        const inList = xs.map(
          (x) =>
            `let v = builtins.head (${print(list([float(x), 1]))}); in [ (v == builtins.fromJSON "${floatJson(x)}") (builtins.typeOf v) ]`,
        );
        const got = evalJson([...direct, ...printed, ...inList]);
        const bad = got.flatMap((g, i) =>
          JSON.stringify(g) === '[true,"float"]' ? [] : [{ x: xs[i % xs.length], got: g }],
        );
        expect(bad).toEqual([]);
      }),
      { numRuns: 3, endOnFailure: true },
    );
  });

  it("any 64-bit integer reads back as exactly that integer", () => {
    fc.assert(
      fc.property(fc.array(int64, { minLength: 500, maxLength: 500 }), (ns) => {
        const exprs = [
          ...ns.map((n) => `let v = ${intLiteral(n)}; in [ (builtins.typeOf v) (toString v) ]`),
          // through the printer
          ...ns.map((n) => `let v = ${print(int(n))}; in [ (builtins.typeOf v) (toString v) ]`),
          // and as list items, where the minimum needs its parentheses
          ...ns.map(
            (n) =>
              `let v = builtins.elemAt (${print(list([int(n), int(n)]))}) 1; in [ (builtins.typeOf v) (toString v) ]`,
          ),
        ];
        const got = evalJson(exprs);
        const bad = got.flatMap((g, i) => {
          const n = ns[i % ns.length]!;
          return JSON.stringify(g) === JSON.stringify(["int", n.toString()])
            ? []
            : [{ n: String(n), got: g }];
        });
        expect(bad).toEqual([]);
      }),
      { numRuns: 3, endOnFailure: true },
    );
  });
});
