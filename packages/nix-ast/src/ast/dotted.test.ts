import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dotted, NixAstError, print, ref, toExpr, type ExprLike } from "../index.js";
import { evalJson, requireNix } from "../test-support/nix.js";

describe("dotted", () => {
  it("writes chains of one-attribute sets as dotted paths, at every level", () => {
    expect(print(dotted({ users: { users: { tally: { isSystemUser: true, group: "t" } } } }))).toBe(
      '{\n  users.users.tally = {\n    isSystemUser = true;\n    group = "t";\n  };\n}\n',
    );
    expect(print(dotted({ a: { b: 1, c: { d: { e: 2 } } }, f: {}, g: [{ h: { i: 3 } }] }))).toBe(
      "{\n  a = {\n    b = 1;\n    c.d.e = 2;\n  };\n  f = { };\n  g = [\n    {\n      h = {\n        i = 3;\n      };\n    }\n  ];\n}\n",
    );
    expect(print(dotted({ x: { y: ref("z"), skipped: undefined } }))).toBe("{ x.y = z; }\n");
  });

  it("means what the nested set means, in Nix (random objects)", () => {
    requireNix();
    const key = fc.constantFrom("a", "b", "c", "x y");
    const leaf = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant("s"), fc.constant(null));
    const tree = fc.letrec<{ obj: Record<string, unknown> }>((tie) => ({
      obj: fc.dictionary(key, fc.oneof({ depthSize: "small" }, leaf, tie("obj")), {
        maxKeys: 3,
      }),
    })).obj;
    const objects = fc.sample(tree, { numRuns: 60, seed: 7 }) as { [k: string]: ExprLike }[];
    const results = evalJson(objects.flatMap((o) => [print(dotted(o)), print(toExpr(o))]));
    for (let i = 0; i < objects.length; i++) expect(results[2 * i]).toEqual(results[2 * i + 1]);
  });

  it("refuses what toExpr refuses", () => {
    expect(() => dotted({ a: { b: new Date() as never } })).toThrow(NixAstError);
  });
});
