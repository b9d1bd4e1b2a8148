/**
 * Property test against nixpkgs' lib (env `NIXPKGS_LIB`; skipped, saying so, when
 * unset): random option types (leaves and nested `listOf`, `attrsOf`, `nullOr`,
 * `either`, `enum`, `submodule`) with random JavaScript defaults (nasty strings and
 * attribute names, 64-bit integers, floats) become one module built with `mkOption`
 * and `nixosModule`; `lib.evalModules` must accept every default (each passes its
 * type's check and merge) and give back exactly the JavaScript value (compared with
 * `==` inside Nix against `builtins.fromJSON`, and by `builtins.typeOf` everywhere).
 * Hundreds of options per Nix process.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { print, str } from "../index.js";
import { evalJson, requireNix } from "../test-support/nix.js";
import { mkOption, nixosModule, TYPE_INFO, types, type OptionType } from "./index.js";

const LIB = process.env["NIXPKGS_LIB"];
const usable = (() => {
  if (!LIB) {
    console.warn("NIXPKGS_LIB is not set: skipping the option-default property test");
    return false;
  }
  return requireNix();
})();

/** A JavaScript value with the Nix type it must have. */
type Typed =
  | { readonly t: "string"; readonly v: string }
  | { readonly t: "int"; readonly v: bigint }
  | { readonly t: "float"; readonly v: number }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "null" }
  | { readonly t: "list"; readonly v: readonly Typed[] }
  | { readonly t: "set"; readonly v: readonly (readonly [string, Typed])[] };

interface Case {
  readonly type: OptionType<unknown>;
  /** The JavaScript value given as `default`. */
  readonly js: unknown;
  /** What Nix must make of it. */
  readonly expected: Typed;
}

const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom(
    "",
    "${x}",
    "$${",
    "''",
    "'''",
    "a'",
    "\\",
    '"',
    " lead",
    "\ttab",
    "or",
    "a.b",
    "\r\n",
  ),
);
const text = nasty.filter(
  (s) => !s.includes("\0") && Buffer.from(s, "utf8").toString("utf8") === s,
);
const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;

const floats = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .filter((d) => d === 0 || Math.abs(d) >= 2.2250738585072014e-308)
  .map((d) => (Object.is(d, -0) ? 0 : d));

/** Cases print as `TYPE = VALUE` in counterexamples. */
const shown = (c: Case): Case =>
  Object.assign(c, {
    [fc.toStringMethod]: () => `${c.type[TYPE_INFO].name} = ${json(c.expected)}`,
  });

const leaf: fc.Arbitrary<Case> = fc.oneof(
  text.map((s): Case => ({ type: types.str, js: s, expected: { t: "string", v: s } })),
  fc.boolean().map((b): Case => ({ type: types.bool, js: b, expected: { t: "bool", v: b } })),
  fc
    .bigInt({ min: INT_MIN, max: INT_MAX })
    .map((i): Case => ({ type: types.int, js: i, expected: { t: "int", v: i } })),
  fc
    .integer({ min: 0, max: 65535 })
    .map((p): Case => ({ type: types.port, js: p, expected: { t: "int", v: BigInt(p) } })),
  floats.map((f): Case => ({ type: types.float, js: f, expected: { t: "float", v: f } })),
  fc
    .integer({ min: -1000, max: 1000 })
    .map((n): Case => ({ type: types.float, js: n, expected: { t: "float", v: n } })),
  fc.oneof(fc.integer({ min: -5, max: 5 }), floats).map((n): Case => ({
    type: types.number,
    js: n,
    expected: Number.isSafeInteger(n) ? { t: "int", v: BigInt(n) } : { t: "float", v: n },
  })),
  fc
    .tuple(fc.uniqueArray(text, { minLength: 1, maxLength: 4 }), fc.nat())
    .map(([vals, i]): Case => {
      const v = vals[i % vals.length]!;
      return { type: types.enum(vals), js: v, expected: { t: "string", v } };
    }),
);

const { tree } = fc.letrec<{ tree: Case }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    tie("tree").chain((c) =>
      fc.array(fc.constant(c), { maxLength: 3 }).map((items): Case => ({
        type: types.listOf(c.type),
        js: items.map((x) => x.js),
        expected: { t: "list", v: items.map((x) => x.expected) },
      })),
    ),
    tie("tree").chain((c) =>
      fc.uniqueArray(text, { maxLength: 3 }).map((keys): Case => ({
        type: types.attrsOf(c.type),
        js: Object.fromEntries(keys.map((k) => [k, c.js])),
        expected: { t: "set", v: keys.map((k) => [k, c.expected] as const) },
      })),
    ),
    tie("tree").chain((c) =>
      fc.boolean().map((isNull): Case => ({
        type: types.nullOr(c.type),
        js: isNull ? null : c.js,
        expected: isNull ? { t: "null" } : c.expected,
      })),
    ),
    fc.tuple(tie("tree"), leaf).map(([c, other]): Case => ({
      type: types.either(c.type, other.type),
      js: c.js,
      expected: c.expected,
    })),
    fc
      .tuple(
        tie("tree"),
        text.filter((n) => !n.startsWith("_")),
      )
      .map(([c, name]): Case => ({
        type: types.submodule({ options: { [name]: mkOption({ type: c.type }) } }),
        js: { [name]: c.js },
        expected: { t: "set", v: [[name, c.expected]] },
      })),
  ),
}));

/** JSON text of a value (integers exact beyond 2^53). */
function json(x: Typed): string {
  switch (x.t) {
    case "string":
      return JSON.stringify(x.v);
    case "int":
      return x.v.toString();
    case "float": {
      const s = JSON.stringify(x.v);
      return /[.eE]/.test(s) ? s : `${s}.0`;
    }
    case "bool":
      return String(x.v);
    case "null":
      return "null";
    case "list":
      return `[${x.v.map(json).join(",")}]`;
    case "set":
      return `{${x.v.map(([k, v]) => `${JSON.stringify(k)}:${json(v)}`).join(",")}}`;
  }
}

/** The `builtins.typeOf` of every node of a value, in order, as Nix lists them. */
function typesOf(x: Typed): unknown {
  switch (x.t) {
    case "list":
      return ["list", x.v.map(typesOf)];
    case "set":
      return [
        "set",
        [...x.v]
          .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
          .map(([, v]) => typesOf(v)),
      ];
    default:
      return x.t;
  }
}

const TYPES_OF = `let typesOf = v: let t = builtins.typeOf v; in
  if t == "list" then [ t (map typesOf v) ]
  else if t == "set" then [ t (map (n: typesOf v.\${n}) (builtins.attrNames v)) ]
  else t; in typesOf`;

describe.skipIf(!usable)("option defaults against lib.evalModules", () => {
  it("hundreds of random typed defaults evaluate to exactly their values", () => {
    fc.assert(
      fc.property(fc.array(tree.map(shown), { minLength: 150, maxLength: 150 }), (cases) => {
        const options = Object.fromEntries(
          cases.map((c, i) => [`o${i}`, mkOption({ type: c.type, default: c.js as never })]),
        );
        const module = print(
          nixosModule({ args: ["lib"], optionsPath: "t", options, spacing: "compact" }),
        );
        const expected = cases.map((c) => print(str(json(c.expected))).trimEnd());
        const source = `let
  lib = import ${JSON.stringify(LIB)};
  c = (lib.evalModules { modules = [ (${module}) ]; }).config.t;
  typesOf = ${TYPES_OF};
  expected = [ ${expected.map((e) => `(builtins.fromJSON ${e})`).join("\n    ")} ];
in
builtins.genList (i: let v = c.\${"o" + toString i}; in [ (v == builtins.elemAt expected i) (typesOf v) ]) ${cases.length}`;
        const [results] = evalJson([source]) as [[boolean, unknown][]];
        const bad = results
          .map(([same, ts], i) => ({ i, same, ts, want: typesOf(cases[i]!.expected) }))
          .filter((r) => !r.same || JSON.stringify(r.ts) !== JSON.stringify(r.want))
          .map((r) => ({ ...r, js: json(cases[r.i]!.expected) }));
        expect(bad).toEqual([]);
      }),
      { numRuns: 4, endOnFailure: true },
    );
  });
});
