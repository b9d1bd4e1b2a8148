import { describe, expect, it } from "vitest";
import {
  attrs,
  bind,
  dynamic,
  float,
  formals,
  int,
  lambda,
  letIn,
  list,
  node,
  path,
  print,
  ref,
  str,
  toExpr,
  NixAstError,
  type Expr,
  type ExprLike,
} from "./index.js";

/** The error `f` throws, which must be a NixAstError. */
function error(f: () => unknown): NixAstError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NixAstError);
    return e as NixAstError;
  }
  throw new Error("expected a NixAstError, nothing was thrown");
}

describe("bad input is refused with what and where", () => {
  it("NaN and the infinities", () => {
    expect(error(() => float(Number.NaN)).message).toMatch(/NaN has no Nix literal/);
    expect(error(() => float(Infinity)).message).toMatch(/Infinity has no Nix literal/);
    expect(error(() => float(-Infinity)).message).toMatch(/-Infinity has no Nix literal/);
    // Plain data converts without keeping a location; the error finds it afterwards.
    expect(error(() => print({ a: [1, Number.NaN] })).message).toBe(
      "NaN has no Nix literal (at <root> > binding a > value > list item 2)",
    );
    expect(error(() => toExpr({ "a b": { c: "x\0" } })).message).toBe(
      'NUL character at offset 1 cannot appear in Nix text (at <root> > binding "a b" > value > binding c > value)',
    );
    const handMade: Expr = node({ kind: "float", value: Number.NaN });
    const e = error(() => print(attrs({ cfg: { port: handMade } })));
    expect(e.message).toBe(
      "NaN has no Nix literal (at <root> > binding cfg > value > binding port > value)",
    );
    expect(e.location).toEqual(["binding cfg", "value", "binding port", "value"]);
  });

  it("subnormal floats", () => {
    expect(error(() => float(5e-324)).message).toMatch(/subnormal float/);
  });

  it("NUL in strings, names and comments", () => {
    expect(error(() => str("a\0b")).message).toMatch(/NUL character at offset 1/);
    expect(error(() => str("a\uD800b")).message).toMatch(/lone surrogate U\+D800 at offset 1/);
    const split: Expr = node({ kind: "string", parts: ["$", "{x}"] });
    expect(print(split)).toBe('"\\${x}"\n');
    expect(error(() => print(attrs({ "a\0": 1 }))).message).toMatch(/NUL/);
    const handMade: Expr = node({ kind: "string", parts: ["x\0"] });
    expect(error(() => print(list([1, handMade]))).message).toBe(
      "NUL character at offset 1 cannot appear in Nix text (at <root> > list item 2)",
    );
  });

  it("integers outside 64 bits", () => {
    expect(error(() => int(2n ** 63n)).message).toMatch(/outside the signed 64-bit range/);
    expect(error(() => int(-(2n ** 63n) - 1n)).message).toMatch(/outside the signed 64-bit range/);
    expect(error(() => int(2 ** 60)).message).toMatch(/not a safe integer: pass a bigint/);
    const handMade: Expr = node({ kind: "int", value: 2n ** 64n });
    expect(error(() => print(attrs({ n: handMade }))).message).toMatch(
      /outside the signed 64-bit range of Nix \(at <root> > binding n > value\)/,
    );
    expect(print(int(-(2n ** 63n)))).toBe("(-9223372036854775807 - 1)\n");
  });

  it("impossible path literals", () => {
    expect(error(() => path("./a b")).message).toMatch(/character " " cannot appear in a path/);
    expect(error(() => path("foo")).message).toMatch(/does not start a path literal/);
    expect(error(() => path("./a/")).message).toMatch(/cannot end with "\/"/);
    expect(error(() => path("./a//b")).message).toMatch(/holds "\/\/"/);
    expect(error(() => path("./ü")).message).toMatch(/cannot appear in a path/);
  });

  it("a dynamic name in let or inherit", () => {
    const e = error(() => print(letIn([bind([dynamic(ref("x"))], 1)], 2)));
    expect(e.message).toBe("a let binding cannot have a dynamic name (at <root>)");
    const inheritDynamic = {
      kind: "inherit",
      names: [{ kind: "dynamic", expr: ref("x") }],
    } as never;
    expect(error(() => print(attrs([inheritDynamic]))).message).toMatch(
      /a dynamic name cannot be inherited/,
    );
  });

  it("duplicate formals, the @ name included", () => {
    expect(error(() => print(lambda(formals(["a", "b", "a"]), 1))).message).toBe(
      'formal "a" is given twice (at <root>)',
    );
    expect(
      error(() => print(lambda(formals(["a"], { bind: { name: "a", position: "before" } }), 1)))
        .message,
    ).toMatch(/formal "a" is given twice/);
  });

  it("an attribute defined twice", () => {
    expect(error(() => print(attrs([bind("a", 1), bind("a", 2)]))).message).toBe(
      'attribute "a" is defined twice (at <root>)',
    );
    expect(
      error(() => print(attrs({ outer: attrs([bind(["x", "y"], 1), bind("x", 2)]) }))).message,
    ).toBe('attribute "x" is defined twice (at <root> > binding outer > value)');
    // Nix 2.8's merging rules, each checked with nix-instantiate --parse.
    const a = (...bs: Parameters<typeof attrs>[0] & unknown[]) => attrs(bs);
    expect(error(() => print(a(bind("a", { b: 1 }), bind(["a", "b"], 2)))).message).toMatch(
      /attribute "a.b" is defined twice/,
    );
    expect(
      error(() => print(a(bind(["a", "b", "c"], 1), bind("a", attrs([bind(["b", "d"], 1)])))))
        .message,
    ).toMatch(/attribute "a.b" is defined twice/);
    expect(print(a(bind("a", attrs([bind(["b", "d"], 1)])), bind(["a", "b", "c"], 1)))).toContain(
      "a.b.c = 1;",
    );
    expect(print(a(bind("a", { x: 1 }), bind("a", { y: 2 })))).toContain("y = 2;");
    // Nested paths under one name merge, as in Nix.
    expect(print(attrs([bind(["x", "y"], 1), bind(["x", "z"], 2)]))).toBe(
      "{\n  x.y = 1;\n  x.z = 2;\n}\n",
    );
  });

  it("names that are not identifiers where Nix needs one", () => {
    expect(error(() => ref("a b")).message).toMatch(/is not a variable/);
    expect(error(() => ref("or")).message).toMatch(/is not a variable/);
    expect(error(() => print(lambda("let", 1))).message).toMatch(/not a valid parameter name/);
  });
});

describe("a tree nested deeper than the stack", () => {
  it("prints on a thread with a larger stack", () => {
    let deep: ExprLike = 1;
    for (let i = 0; i < 3_000; i++) deep = [deep];
    const text = print(deep);
    expect(text.startsWith("[\n  [\n")).toBe(true);
    expect(text.replace(/\s+/g, "")).toBe("[".repeat(3_000) + "1" + "]".repeat(3_000));
  });

  it("is a NixAstError when its text would be longer than a string can be", () => {
    // Each level indents its line by two more spaces: 50,000 levels make gigabytes.
    let deep: ExprLike = 1;
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    expect(error(() => print(deep)).message).toBe(
      "the printed text would be longer than a JavaScript string can be (at <root>)",
    );
  });

  it("names what has no Nix counterpart deep inside it, its location shortened", () => {
    let deep: ExprLike = (() => 1) as unknown as ExprLike;
    for (let i = 0; i < 3_000; i++) deep = [deep];
    const e = error(() => print(deep));
    expect(e.message).toBe("a function has no Nix counterpart (at <root> > list item 1 ×3000)");
    expect(e.location).toHaveLength(3_000);
  });
});
