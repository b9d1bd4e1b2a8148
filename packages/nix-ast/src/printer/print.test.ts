import { describe, expect, it } from "vitest";
import {
  apply,
  attrs,
  bind,
  comment,
  formals,
  int,
  lambda,
  op,
  ref,
  select,
  withScope,
  withTrivia,
} from "../ast/builders.js";
import { print } from "./print.js";

const c = (text: string) => ({ leading: [comment(text)] });

describe("comments are never lost", () => {
  it("before an operator chain", () => {
    expect(print(withTrivia(op(ref("a"), "+", 1), c("sum")))).toBe("# sum\na + 1\n");
    expect(print(attrs([bind("b", withTrivia(op(ref("a"), "+", 1), c("sum")))]))).toBe(
      "{\n  b =\n    # sum\n    a + 1;\n}\n",
    );
  });

  it("at the end of the file's line", () => {
    expect(print(withTrivia(ref("x"), { trailing: " why" }))).toBe("x # why\n");
  });

  it("before a set that would otherwise be absorbed", () => {
    const set = withTrivia(attrs({ b: 1, c: 2 }), c("the set"));
    for (const tree of [
      attrs([bind("a", set)]),
      withScope(ref("lib"), set),
      apply(ref("f"), set),
    ]) {
      expect(print(tree)).toContain("# the set");
    }
  });
});

describe("layout facts", () => {
  it("a formals lambda's body on the line after the colon, as nixpkgs writes it", () => {
    const body = attrs({ a: 1, b: 2 });
    const params = formals(["lib"], { ellipsis: true });
    expect(print(lambda(params, body))).toBe("{ lib, ... }: {\n  a = 1;\n  b = 2;\n}\n");
    expect(print(lambda(params, body, { bodyOnNewLine: true }))).toBe(
      "{ lib, ... }:\n{\n  a = 1;\n  b = 2;\n}\n",
    );
  });
});

describe("selections from numbers", () => {
  it("keep the space a literal needs, and need none after parentheses", () => {
    expect(print(select(int(1), "a"))).toBe("1 .a\n");
    expect(print(select(int(-(2n ** 63n)), "a"))).toBe("(-9223372036854775807 - 1).a\n");
  });
});
