import { NixAstError, NixParseError, parse } from "@atbb/nix-ast";
import { describe, expect, it } from "vitest";
import { asPrettierErrors } from "./errors.js";

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("nothing thrown");
}

describe("nix-ast's errors as Prettier's", () => {
  it("makes a parse error a SyntaxError with Prettier's loc, keeping the original as cause", () => {
    const e = thrown(() => asPrettierErrors(() => parse("[\n  1\n  (2\n]"))) as SyntaxError & {
      loc: unknown;
    };
    expect(e).toBeInstanceOf(SyntaxError);
    expect(e.message).toBe("unexpected ']', expected ')' (4:1)");
    expect(e.loc).toEqual({ start: { line: 4, column: 1 } });
    expect(e.cause).toBeInstanceOf(NixParseError);
  });

  it("makes what nix-ast cannot format an error whose stack is its one-line message", () => {
    const e = thrown(() =>
      asPrettierErrors(() => {
        throw new NixAstError("nested too deeply to print");
      }),
    ) as Error;
    expect(e.message).toBe("cannot format: nested too deeply to print (at <root>)");
    expect(e.stack).toBe(e.message);
    expect(e.cause).toBeInstanceOf(NixAstError);
  });

  it("lets other errors through as they are", () => {
    const error = new TypeError("a bug");
    expect(
      thrown(() =>
        asPrettierErrors(() => {
          throw error;
        }),
      ),
    ).toBe(error);
  });
});
