import { describe, expect, it } from "vitest";
import { evalJson, parseCanonical, parseOk, requireNix } from "./nix.js";

describe.skipIf(!requireNix())("test-support/nix", () => {
  it("evaluates many expressions in one process", () => {
    expect(evalJson(["1 + 1", '"a" + "b" # comment', "[ 1.5 null ]"])).toEqual([
      2,
      "ab",
      [1.5, null],
    ]);
    expect(evalJson([])).toEqual([]);
  });

  it("throws with Nix's message when evaluation fails", () => {
    expect(() => evalJson(['throw "boom"'])).toThrow(/boom/);
  });

  it("tells which sources parse, past rejected ones", () => {
    expect(parseOk(["1", '"a', "x: x", "{ a = 1; a = 2; }", "''a''", "(", "y: y"])).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
  });

  it("gives canonical lines, null where Nix rejects a source", () => {
    expect(parseCanonical(["{ b = 1; a = 2; }", "{ a = 2; b = 1; }", '"a', "''\n  a\n''"])).toEqual(
      ["{ a = 2 ; b = 1 ; }", "{ a = 2 ; b = 1 ; }", null, '"a\\n"'],
    );
  });
});
