/**
 * Real-world Nix: every file of nixpkgs' `lib` (env `NIXPKGS_LIB`, the path of its `lib`
 * directory; skipped, saying so, when unset). Each parses, prints to a fixpoint with all
 * its comments, and means what the original means (`nix-parse-canonical`); at commit
 * a53daa43 (formatted by nixpkgs' CI with the official formatter) 231 of its 239 files
 * come back byte for byte, a floor the test keeps.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { print } from "../printer/print.js";
import { commentTexts } from "../test-support/comments.js";
import { parseCanonical, requireNix } from "../test-support/nix.js";
import { parse } from "./parser.js";

const LIB = process.env["NIXPKGS_LIB"];
if (!LIB) {
  console.warn(
    "NIXPKGS_LIB is not set: skipping the parser tests over nixpkgs' lib (set it to the path of nixpkgs' lib directory)",
  );
}

function nixFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return nixFiles(p);
      return f.endsWith(".nix") ? [p] : [];
    });
}

describe.skipIf(!LIB)("nixpkgs' lib", () => {
  const files = LIB ? nixFiles(LIB) : [];
  const sources = files.map((f) => readFileSync(f, "utf8"));

  it("parses every file", () => {
    expect(files.length).toBeGreaterThan(100);
    for (const [i, f] of files.entries())
      expect(() => parse(sources[i]!, { file: f }), f).not.toThrow();
  });

  it.skipIf(!requireNix())(
    "reprints every file to a fixpoint with the same meaning, most byte for byte",
    () => {
      const printed: [string, string][] = [];
      let same = 0;
      sources.forEach((src, i) => {
        const tree = parse(src, { file: files[i] });
        const out = print(tree);
        if (out === src) same++;
        const again = parse(out);
        expect(print(again), files[i]).toBe(out);
        expect(commentTexts(again), files[i]).toEqual(commentTexts(tree));
        printed.push([src, out]);
      });
      console.log(`nixpkgs lib: ${files.length} files reprinted, ${same} byte for byte`);
      expect(same / files.length).toBeGreaterThanOrEqual(0.96);
      const canon = parseCanonical([...printed.map(([s]) => s), ...printed.map(([, o]) => o)]);
      const n = printed.length;
      const differ = printed.map((_, i) => i).filter((i) => canon[i] !== canon[n + i]);
      expect(differ.map((i) => printed[i]![1].slice(0, 200))).toEqual([]);
    },
  );
});
