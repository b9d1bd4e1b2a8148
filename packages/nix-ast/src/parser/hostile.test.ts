import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rng } from "../test-support/parse-agreement.js";
import { NixParseError } from "./error.js";
import { parse } from "./parser.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../printer/fixtures");
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".nix"))
  .map((f) => readFileSync(join(FIXTURES, f), "utf8"));

/** Parses; returns "ok" or the NixParseError; anything else thrown fails the test. */
function outcome(src: string): "ok" | NixParseError {
  try {
    parse(src);
    return "ok";
  } catch (e) {
    if (e instanceof NixParseError) return e;
    throw e;
  }
}

describe("hostile input", () => {
  const N = 100_000;
  it.each([
    ["parentheses", "(".repeat(N) + "1" + ")".repeat(N)],
    ["lists", "[".repeat(N) + "]".repeat(N)],
    ["sets", "{a=".repeat(N) + "1" + ";}".repeat(N)],
    ["lets", "let a = 1; in ".repeat(N) + "a"],
    ["lambdas", "x: ".repeat(N) + "x"],
    ["interpolations", '"${'.repeat(N) + "a" + '}"'.repeat(N)],
    ["negations", "!".repeat(N) + "a"],
    ["minus signs", "- ".repeat(N) + "a"],
    ["or defaults", "a.b or ".repeat(N) + "c"],
    ["open brackets only", "[(".repeat(N)],
  ])("%s nested 100 000 deep end in 'nested too deeply', not a crash", (_, src) => {
    const r = outcome(src);
    expect(r).toBeInstanceOf(NixParseError);
    expect((r as NixParseError).message).toBe("expression nested too deeply");
  });

  it("parses 100 000-long operator chains and calls without recursion", () => {
    for (const src of [
      "a ++ ".repeat(N) + "b",
      "a // ".repeat(N) + "b",
      "a + ".repeat(N) + "b",
      "f" + " a".repeat(N),
    ]) {
      expect(outcome(src)).toBe("ok");
    }
  });

  it("reads nesting as deep as Nix's own limits and beyond (on a worker thread's stack)", () => {
    expect(outcome("(".repeat(12_000) + "1" + ")".repeat(12_000))).toBe("ok");
    expect(outcome("[".repeat(10_000) + "]".repeat(10_000))).toBe("ok");
    expect(outcome("{a=".repeat(5_000) + "1" + ";}".repeat(5_000))).toBe("ok");
    const bad = outcome("[".repeat(5_000) + "1 ++");
    expect(bad).toBeInstanceOf(NixParseError);
    expect([(bad as NixParseError).message, (bad as NixParseError).column]).toEqual([
      "unexpected '++', expected a list item or ']'",
      5_003,
    ]);
  });

  // No timed assertions here (`pnpm bench` prints the parser's speed and how it scales):
  // a quadratic step in these would run far past the test's timeout.
  it("parses a 5 MB string and a 5 MB indented string", () => {
    const big = "x".repeat(5_000_000);
    expect(parse(`"${big}"`)).toMatchObject({ kind: "string", parts: [big] });
    expect(parse(`''\n  ${big}\n''`)).toMatchObject({ kind: "string", parts: [big + "\n"] });
  });

  it("parses a long run of comments that nothing claims", () => {
    const src = "a" + "\n# c\n.b".repeat(50_000) + "\n# end\n+ 1";
    expect(outcome(src)).toBe("ok");
  });

  it("survives binary noise", () => {
    const r = rng(42);
    for (let i = 0; i < 300; i++) {
      const len = 1 + Math.floor(r() * 400);
      let s = "";
      for (let j = 0; j < len; j++) s += String.fromCharCode(Math.floor(r() * 256));
      outcome(s);
    }
  });

  it("survives Nix-flavoured noise", () => {
    const alphabet = "{}[]();:,.=?@\"'$\\#/*+-<>!&|~ \n\tab01_or in let ${ '' ...";
    const r = rng(7);
    for (let i = 0; i < 2000; i++) {
      const len = 1 + Math.floor(r() * 60);
      let s = "";
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(r() * alphabet.length)];
      outcome(s);
    }
  });

  it("reports every truncation of every fixture as a result or a NixParseError", () => {
    for (const f of fixtures) {
      for (let i = 0; i < f.length; i++) outcome(f.slice(0, i));
    }
  });
});
