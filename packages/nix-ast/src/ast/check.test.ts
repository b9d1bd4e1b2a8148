import { describe, expect, it } from "vitest";
import {
  apply,
  int,
  list,
  node,
  NixAstError,
  print,
  ref,
  toExpr,
  type Expr,
  type ExprLike,
} from "../index.js";
import { nixos } from "../index.js";

/** The NixAstError that `f` throws. */
function error(f: () => unknown): NixAstError {
  try {
    f();
  } catch (e) {
    if (e instanceof NixAstError) return e;
    throw new Error(`expected a NixAstError, got ${String(e)}`);
  }
  throw new Error("expected a NixAstError, got none");
}

const untyped = (v: unknown): ExprLike => v as ExprLike;

describe("a value that contains itself", () => {
  it("is a NixAstError naming the path of the cycle, from print and toExpr", () => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    const e = error(() => print(untyped(o)));
    expect(e.message).toBe(
      "a cycle: this value is the root, which contains it (at <root> > binding self > value)",
    );
    expect(error(() => toExpr(untyped(o))).message).toBe(e.message);
  });

  it("names where the cycle starts when it is deeper down", () => {
    const inner: unknown[] = [1];
    inner.push({ back: inner });
    const e = error(() => print(untyped({ settings: { items: inner } })));
    expect(e.message).toBe(
      "a cycle: this value is the value at <root> > binding settings > value > binding items > value, which contains it (at <root> > binding settings > value > binding items > value > list item 2 > binding back > value)",
    );
  });

  it("is found in a tree of nodes too, and inside a builder's argument", () => {
    const l = list([1]);
    (l.items as Expr[]).push(l);
    expect(error(() => print(l)).message).toMatch(/^a cycle: this value is the root/);
    const o: Record<string, unknown> = {};
    o.o = [o];
    expect(error(() => apply(ref("f"), untyped(o))).message).toMatch(/^a cycle/);
  });

  it("is not a shared value reached twice", () => {
    const shared = { port: 80 };
    expect(print({ a: shared, b: shared })).toBe(
      "{\n  a = {\n    port = 80;\n  };\n  b = {\n    port = 80;\n  };\n}\n",
    );
  });
});

describe("objects that are not plain data", () => {
  const cases: [string, unknown, RegExp][] = [
    ["Date", new Date(0), /^a Date \(pass date\.toISOString\(\)\) is not plain data/],
    ["Map", new Map([["a", 1]]), /^a Map \(pass Object\.fromEntries\(map\)\)/],
    ["Set", new Set([1]), /^a Set \(pass \[\.\.\.set\]\)/],
    ["RegExp", /x/, /^a RegExp/],
    ["Buffer", Buffer.from("h"), /^a Buffer \(pass a string or an array of numbers\)/],
    ["Uint8Array", new Uint8Array([104]), /^a Uint8Array/],
    ["String object", new String("h"), /^a String object \(pass the primitive value/],
    ["class instance", new (class Config {})(), /^a Config instance \(pass a plain object\)/],
  ];
  for (const [what, value, message] of cases) {
    it(`refuses a ${what}, saying where`, () => {
      for (const f of [
        () => print(untyped({ cfg: { v: value } })),
        () => toExpr(untyped({ cfg: { v: value } })),
      ]) {
        const e = error(f);
        expect(e.problem).toMatch(message);
        expect(e.location).toEqual(["binding cfg", "value", "binding v", "value"]);
      }
    });
  }

  it("accepts objects without a prototype", () => {
    const bare = Object.create(null) as Record<string, number>;
    bare.a = 1;
    expect(print(untyped(bare))).toBe("{ a = 1; }\n");
  });
});

describe("data with a kind key", () => {
  it("is data, not a node", () => {
    expect(print(untyped({ kind: "int", value: 5 }))).toBe('{\n  kind = "int";\n  value = 5;\n}\n');
    expect(print(untyped({ kind: "int", value: "x" }))).toBe(
      '{\n  kind = "int";\n  value = "x";\n}\n',
    );
    expect(print(untyped({ settings: { kind: "list", note: "x" } }))).toBe(
      '{\n  settings = {\n    kind = "list";\n    note = "x";\n  };\n}\n',
    );
    expect(print(untyped({ kind: "path" }))).toBe('{ kind = "path"; }\n');
  });

  it("stays data through JSON, even when it was a node", () => {
    const json = JSON.parse(JSON.stringify({ kind: "var", name: "x" })) as ExprLike;
    expect(print(json)).toBe('{\n  kind = "var";\n  name = "x";\n}\n');
  });

  it("is refused where a node must stand", () => {
    const hand = node({ kind: "list", items: [{ kind: "int", value: 5n }] } as never);
    expect(error(() => print(hand)).message).toBe(
      'expected a node, got a plain object with kind "int" (data, not a node: nodes are made by the builders, the parser or node()) (at <root> > list item 1)',
    );
  });
});

describe("a malformed node", () => {
  const bad = (fields: object): Expr => node(fields as never);
  it("is a NixAstError saying which field is wrong, and where", () => {
    expect(error(() => print(bad({ kind: "int", value: "x" }))).message).toBe(
      'a int node\'s value must be a bigint, got the string "x" (at <root>)',
    );
    expect(error(() => print({ a: bad({ kind: "path" }) })).message).toBe(
      "a path node's parts must be an array of text and nodes, got undefined (at <root> > binding a > value)",
    );
    expect(error(() => print(bad({ kind: "nope" }))).message).toBe(
      'a node\'s kind "nope" is no Nix expression (at <root>)',
    );
    expect(error(() => print(bad({ kind: "apply", fn: ref("f"), args: [] }))).message).toMatch(
      /^a apply node's args must be a non-empty array of nodes/,
    );
    expect(error(() => print(bad({ kind: "apply", fn: ref("f"), args: [3] }))).message).toBe(
      "expected a node, got the number 3 (convert plain values with toExpr) (at <root> > argument 1)",
    );
    expect(
      error(() => print(bad({ kind: "binary", op: "%", left: int(1), right: int(2) }))).message,
    ).toMatch(/^a binary node's op must be a binary operator/);
    expect(
      error(() =>
        print(bad({ kind: "attrs", bindings: [{ kind: "assign", path: [], value: int(1) }] })),
      ).message,
    ).toMatch(/path must be a non-empty array of names/);
  });
});

describe("sparse arrays and undefined", () => {
  it("refuses a hole, saying where", () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = untyped([1, , 3]);
    expect(error(() => print(sparse)).message).toBe(
      "the array has a hole at item 2 (a sparse array: a hole is no value) (at <root>)",
    );
    expect(error(() => toExpr({ a: sparse })).message).toBe(
      "the array has a hole at item 2 (a sparse array: a hole is no value) (at <root> > binding a > value)",
    );
  });

  it("refuses undefined in an array; leaves it out of an object", () => {
    expect(error(() => print(untyped([1, undefined]))).message).toBe(
      "undefined has no Nix counterpart (leave the key out, or use null) (at <root> > list item 2)",
    );
    expect(print({ a: 1, b: undefined })).toBe("{ a = 1; }\n");
  });

  it("in an attrsOf default: left out; in a listOf default, said plainly", () => {
    const { mkOption, types } = nixos;
    const ok = mkOption({
      type: types.attrsOf(types.str),
      default: { a: undefined, b: "x" } as never,
    });
    expect(print(ok)).toMatch(/default = \{\n\s+b = "x";\n\s+\};/);
    expect(
      error(() => mkOption({ type: types.listOf(types.str), default: ["a", undefined] as never }))
        .message,
    ).toBe("types.str expects a string, got undefined (at <root> > mkOption default > [1])");
  });
});

describe("print's options", () => {
  it("refuses a width that is not a whole number of at least 1", () => {
    for (const width of [0, -5, Number.NaN, 1.5, Infinity, "80"]) {
      expect(error(() => print([1, 2], { width: width as number })).message).toMatch(
        /^print's width must be a whole number of at least 1, got/,
      );
    }
    expect(print([1, 2], { width: 1 })).toBe("[\n  1\n  2\n]\n");
    expect(error(() => print(1, null as never)).message).toMatch(
      /^print's options must be an object/,
    );
  });
});
