/**
 * `nix-ast from-json` against Nix's own `builtins.fromJSON`: random JSON documents (big
 * integers near 2^53 and 2^63, floats with exponents and long mantissas, nasty strings
 * and keys, random escapes and whitespace) printed by the command evaluate to exactly
 * what `builtins.fromJSON` makes of the same text: `==` and a deep comparison of values
 * and `builtins.typeOf` inside Nix, hundreds of documents per Nix process.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/cli.js";
import { memoryIo } from "../cli/io.js";
import { evalJson, requireNix } from "../test-support/nix.js";
import { rng } from "../test-support/rng.js";

// ---------------------------------------------------------------- JSON text generators

const SHORT: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "/": "\\/",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function u4(unit: number, upper: boolean): string {
  const h = unit.toString(16).padStart(4, "0");
  return "\\u" + (upper ? h.toUpperCase() : h);
}

/** A JSON string literal for `value`, each character raw or escaped as `r` decides. */
function encodeString(value: string, r: () => number): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0) as number;
    const mustEscape = ch === '"' || ch === "\\" || cp < 0x20;
    const roll = r();
    if (!mustEscape && roll < 0.7) out += ch;
    else if (SHORT[ch] !== undefined && roll < 0.85) out += SHORT[ch];
    else if (cp > 0xffff) {
      const v = cp - 0x10000;
      out += u4(0xd800 + (v >> 10), roll < 0.9) + u4(0xdc00 + (v & 0x3ff), roll < 0.95);
    } else out += u4(cp, roll < 0.92);
  }
  return out + '"';
}

const SPACES = ["", "", "", " ", "  ", "\n", "\t", "\r\n", " \n  "];

/** Pieces of text that Nix's string lexers and the printer's quoting treat specially. */
const NASTY = [
  '"',
  "\\",
  "$",
  "${",
  "$${",
  "$$${",
  "''",
  "'''",
  "'",
  "''$",
  "''\\",
  "\\$",
  "${x}",
  " ",
  "  ",
  "\t",
  "\r",
  "\r\n",
  "\n",
  "\n  ",
  "  \n",
  "\x01",
  "\x1f",
  "\x7f",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "é",
  "😀",
  "#",
  "/*",
  ";",
  ".",
  "=",
  "a",
  "x",
  "or",
  "in",
  "rec",
  "__proto__",
  "1",
  "-",
  "'",
];

const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.array(fc.constantFrom(...NASTY), { maxLength: 8 }).map((ps) => ps.join("")),
  fc.constantFrom("", "a", "true", "null", "or", "if", "a.b", "a b", "1a", "-", "${a}", "''"),
);

/** Any text without NUL (Nix strings cannot hold it: `from-json` refuses it). */
const text: fc.Arbitrary<string> = anyText.map((s) => s.replaceAll("\0", "\u0001"));

const INT_SPECIALS = [
  0n,
  1n,
  -1n,
  2n ** 31n,
  2n ** 32n,
  2n ** 53n - 1n,
  2n ** 53n,
  2n ** 53n + 1n,
  -(2n ** 53n) - 1n,
  10n ** 18n,
  2n ** 62n,
  2n ** 63n - 2n,
  2n ** 63n - 1n,
  -(2n ** 63n) + 1n,
  -(2n ** 63n),
];

/** Integer tokens: anywhere in 64 bits, biased to the edges of doubles and of 64 bits. */
const intToken: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
  fc
    .tuple(fc.constantFrom(...INT_SPECIALS), fc.integer({ min: -3, max: 3 }))
    .map(([b, d]) => b + BigInt(d))
    .filter((v) => v >= -(2n ** 63n) && v < 2n ** 63n)
    .map(String),
  fc.constant("-0"),
);

const MIN_NORMAL = 2.2250738585072014e-308;

/** Whether Nix has a literal for what `builtins.fromJSON` makes of a float token. */
function floatTokenOk(token: string): boolean {
  const v = Number(token);
  if (!Number.isFinite(v) || Object.is(v, -0)) return false;
  if (v === 0) return !/[1-9]/.test(token.replace(/[eE].*/, ""));
  return Math.abs(v) >= MIN_NORMAL;
}

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });

/** Float tokens: a fraction or an exponent, JavaScript's own forms and random decimals. */
const floatToken: fc.Arbitrary<string> = fc
  .oneof(
    // a double in several written forms
    fc
      .tuple(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom("string", "exp", "prec17", "fixed"),
      )
      .map(([v, form]) => {
        const t =
          form === "exp"
            ? v.toExponential()
            : form === "prec17"
              ? v.toPrecision(17)
              : form === "fixed" && Math.abs(v) < 1e20
                ? v.toFixed(3)
                : String(v);
        return /[.eE]/.test(t) ? t : t + ".0";
      }),
    // a random decimal: sign, integer part, fraction, exponent
    fc
      .tuple(
        fc.boolean(),
        fc.oneof(
          fc.constant("0"),
          digits(1, 25).map((d) => "1" + d),
        ),
        fc.option(digits(1, 30), { nil: undefined }),
        fc.option(
          fc.tuple(fc.constantFrom("e", "E", "e+", "E-", "e-"), fc.integer({ min: 0, max: 330 })),
          { nil: undefined },
        ),
      )
      .map(([neg, int, frac, exp]) => {
        let t = (neg ? "-" : "") + int;
        if (frac !== undefined || exp === undefined) t += "." + (frac ?? "0");
        if (exp !== undefined) t += exp[0] + String(exp[1]);
        return t;
      }),
    // the edges: near the largest and the smallest normal double, integers near 2^53
    fc.constantFrom(
      "1.7976931348623157e308",
      "1.7976931348623157e+308",
      "2.2250738585072014e-308",
      "2.2250738585072011e-308",
      "9007199254740993.0",
      "9007199254740992.5",
      "9223372036854775808.0",
      "1e21",
      "1E-7",
      "0.1",
      "0.30000000000000004",
      "5e-324",
      "0.0",
      "0e0",
      "100e-2",
    ),
  )
  .filter(floatTokenOk);

/** A JSON value as text: `[text, depth]`. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 5 },
    fc.tuple(text, fc.integer()).map(([s, seed]) => encodeString(s, rng(seed))),
    intToken,
    floatToken,
    fc.constantFrom("true", "false", "null"),
    fc.tuple(fc.array(tie("value"), { maxLength: 5 }), fc.integer()).map(([items, seed]) => {
      const r = rng(seed);
      const sp = () => SPACES[Math.floor(r() * SPACES.length)] as string;
      return items.length === 0
        ? "[" + sp() + "]"
        : "[" + items.map((v) => sp() + v + sp()).join(",") + "]";
    }),
    fc
      .tuple(
        fc.uniqueArray(fc.tuple(text, tie("value")), { maxLength: 5, selector: ([k]) => k }),
        fc.integer(),
      )
      .map(([members, seed]) => {
        const r = rng(seed);
        const sp = () => SPACES[Math.floor(r() * SPACES.length)] as string;
        if (members.length === 0) return "{" + sp() + "}";
        const inner = members.map(
          ([k, v]) => sp() + encodeString(k, r) + sp() + ":" + sp() + v + sp(),
        );
        return "{" + inner.join(",") + "}";
      }),
  ),
})).value;

const documents: fc.Arbitrary<string> = fc
  .tuple(jsonText, fc.constantFrom("", " ", "\n", "\ufeff"), fc.constantFrom("", "\n", " \r\n"))
  .map(([v, before, after]) => before + v + after);

/** Documents of numbers only, to press on the number conversions. */
const numberDocuments: fc.Arbitrary<string> = fc
  .array(fc.oneof(intToken, floatToken), { minLength: 1, maxLength: 30 })
  .map((ts) => "[" + ts.join(",") + "]");

// ---------------------------------------------------------------- the check inside Nix

/** A Nix path literal for an absolute file name (temporary directories need no quoting). */
function pathLiteral(file: string): string {
  if (!/^\/[A-Za-z0-9._+\-/]+$/.test(file)) throw new Error(`not a plain path: ${file}`);
  return file;
}

/**
 * Nix code of a function `check` taking ours and theirs: null when they agree (`==`,
 * the same type tree, the same values and types everywhere, the same sign of zero),
 * else both deep trees for the failure message.
 */
const CHECK = `
  typeTree = v:
    let t = builtins.typeOf v; in
    if t == "set" then builtins.mapAttrs (_: typeTree) v
    else if t == "list" then map typeTree v
    else t;
  # the value with its type at every node; sets as lists of pairs, so that no set
  # that looks like a derivation is compared by its outPath alone
  deep = v:
    let t = builtins.typeOf v; in
    if t == "set" then [ t (map (n: [ n (deep v.\${n}) ]) (builtins.attrNames v)) ]
    else if t == "list" then [ t (map deep v) ]
    else if t == "float" then [ t v (builtins.substring 0 1 (builtins.toJSON v)) ]
    else [ t v ];
  check = ours: theirs:
    if ours == theirs && typeTree ours == typeTree theirs && deep ours == deep theirs then null
    else { ours = deep ours; theirs = deep theirs; };
`;

/**
 * Runs every document through `nix-ast from-json` (in-process) and compares the printed
 * Nix with `builtins.fromJSON` of the same text, all in one Nix process. Returns the
 * disagreements and the documents the command refused.
 */
async function compareWithNix(docs: readonly string[]) {
  const dir = mkdtempSync(join(tmpdir(), "nix-ast-fromjson-"));
  try {
    const refused: { doc: string; err: string }[] = [];
    const printed: { doc: string; file: string; out: string }[] = [];
    for (const [i, doc] of docs.entries()) {
      const io = memoryIo(doc);
      const status = await runCli(["from-json"], io);
      if (status !== 0) {
        refused.push({ doc, err: io.err() });
        continue;
      }
      const file = join(dir, `e${i}.nix`);
      writeFileSync(file, io.out());
      printed.push({ doc, file, out: io.out() });
    }
    const docsFile = join(dir, "docs.json");
    writeFileSync(docsFile, JSON.stringify(printed.map((p) => p.doc)));
    const expr = `
      let
        ${CHECK}
        docs = builtins.fromJSON (builtins.readFile ${pathLiteral(docsFile)});
        ours = [
          ${printed.map((p) => `(import ${pathLiteral(p.file)})`).join("\n          ")}
        ];
      in
      builtins.filter (r: r != null) (
        builtins.genList (i: let r = check (builtins.elemAt ours i) (builtins.fromJSON (builtins.elemAt docs i)); in
          if r == null then null else r // { index = i; }) (builtins.length ours)
      )`;
    const [failures] = evalJson([expr]) as [{ index: number; ours: unknown; theirs: unknown }[]];
    const disagreements = failures.map((f) => ({
      doc: printed[f.index]?.doc,
      printed: printed[f.index]?.out,
      ours: f.ours,
      theirs: f.theirs,
    }));
    return { refused, disagreements, compared: printed.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SEED =
  process.env["FC_SEED"] === "random"
    ? Date.now() % 2 ** 31
    : Number(process.env["FC_SEED"] ?? 20261125);

describe.skipIf(!requireNix())("from-json agrees with builtins.fromJSON", () => {
  it.each([
    ["documents of every kind", documents, 400],
    ["documents of numbers", numberDocuments, 300],
  ] as const)("%s", async (_, arbitrary, runs) => {
    const docs = fc.sample(arbitrary, { numRuns: runs, seed: SEED });
    const { refused, disagreements, compared } = await compareWithNix(docs);
    const context = `(FC_SEED=${SEED} reproduces this run)`;
    expect(disagreements, `documents that mean something else than in Nix ${context}`).toEqual([]);
    expect(refused, `documents refused ${context}`).toEqual([]);
    expect(compared).toBe(docs.length);
  });

  it("each refusal is where builtins.fromJSON is lossy", () => {
    // what Nix makes of the documents from-json refuses (1e400 aside: Nix fails on it)
    const nix = (json: string) => `builtins.fromJSON ${JSON.stringify(json)}`;
    const cases = [
      [`${nix("9223372036854775808")} == -9223372036854775807 - 1`, "integer past 2^63 wraps"],
      [`builtins.typeOf (${nix("-9223372036854775809")}) == "float"`, "below -2^63 is a float"],
      [`${nix(String.raw`"a\u0000b"`)} == "a"`, "\\u0000 cuts the string"],
      [`${nix('{"a": 1, "a": 2}')} == { a = 2; }`, "a repeated key keeps the last value"],
      [`${nix("1e-400")} == 0.0`, "underflow gives 0.0"],
      [`${nix("1e-310")} * 1.0e300 < 2.3e-8`, "subnormal float (below the smallest normal)"],
      [`builtins.toJSON (${nix("-0.0")}) == "-0"`, "negative zero"],
      [`builtins.toJSON (-0.0) == "0"`, "Nix's -0.0 is positive zero"],
    ] as const;
    const results = evalJson(cases.map(([e]) => e));
    expect(Object.fromEntries(cases.map(([, what], i) => [what, results[i]]))).toEqual(
      Object.fromEntries(cases.map(([, what]) => [what, true])),
    );
  });
});
