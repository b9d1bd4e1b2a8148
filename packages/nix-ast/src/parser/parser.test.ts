import { describe, expect, it } from "vitest";
import { apply, comment, isNode, ref, withTrivia } from "../ast/builders.js";
import { print } from "../printer/print.js";
import type { Attrs, Expr, Lambda, List, Str } from "../ast/nodes.js";
import { show } from "../test-support/show-tree.js";
import { NixParseError } from "./error.js";
import { parse } from "./parser.js";

const p = (src: string): string => show(parse(src));

function error(src: string, file?: string): NixParseError {
  try {
    parse(src, file === undefined ? {} : { file });
  } catch (e) {
    if (e instanceof NixParseError) return e;
    throw e;
  }
  throw new Error(`expected a parse error for ${JSON.stringify(src)}`);
}

const stringValue = (src: string): unknown => (parse(src) as Str).parts;

describe("literals", () => {
  it.each([
    ["42", "42"],
    ["007", "7"],
    ["9223372036854775807", "9223372036854775807"],
    ["1.5", "1.5f"],
    ["1.", "1f"],
    [".5", "0.5f"],
    ["1.5e3", "1500f"],
    ["1.e5", "100000f"],
    ["1.0e-3", "0.001f"],
    ["-7", "(neg 7)"],
    ["true", "true"],
    ["null", "null"],
    ["<nixpkgs>", "<nixpkgs>"],
    ["<nixpkgs/lib>", "<nixpkgs/lib>"],
    ["https://example.org/a?b=c", '"https://example.org/a?b=c"'],
    ["x:x", '"x:x"'],
  ])("%s", (src, tree) => expect(p(src)).toBe(tree));

  it("reads integers beyond 2^53 exactly, as bigint", () => {
    const e = parse("9007199254740993");
    expect(e).toMatchObject({ kind: "int", value: 9007199254740993n });
  });

  it("lexes as Nix does: 1e5 is a call, 0. and 00.5 split, x.0 is a call", () => {
    expect(p("1e5")).toBe("(1 e5)");
    expect(p("00.5")).toBe("(0 0.5f)");
    expect(p("x.0")).toBe("(x 0f)");
    expect(error("0.").message).toBe("unexpected end of file, expected an attribute name");
    expect(p("1e-400")).toBe("(1 e-400)");
  });

  it.each([
    ["9223372036854775808", "invalid integer"],
    ["99999999999999999999", "invalid integer"],
    ["1.0e400", "invalid float"],
    ["1.0e-310", "invalid float"],
  ])("refuses %s", (src, msg) => expect(error(src).message).toContain(msg));
});

describe("operators", () => {
  it.each([
    ["a + b * c", "(+ a (* b c))"],
    ["a - b - c", "(- (- a b) c)"],
    ["a ++ b ++ c", "(++ a (++ b c))"],
    ["a // b // c", "(// a (// b c))"],
    ["a -> b -> c", "(-> a (-> b c))"],
    ["a || b && c", "(|| a (&& b c))"],
    ["a && b || c", "(|| (&& a b) c)"],
    ["!a + b", "(! (+ a b))"],
    ["!a == b", "(== (! a) b)"],
    ["-a ? b", "(? (neg a) b)"],
    ["a ? b ? c", "(? (? a b) c)"],
    ["a ? b.c", "(? a b.c)"],
    ["- a.b", "(neg (. a b))"],
    ["-f x", "(neg (f x))"],
    ["f -1", "(- f 1)"],
    ["a * -b + c", "(+ (* a (neg b)) c)"],
    ["a * !b + c", "(* a (! (+ b c)))"],
    ["-!a + b", "(neg (! (+ a b)))"],
    ["- - a", "(neg (neg a))"],
    ["a < b == c", "(== (< a b) c)"],
    ["a == b && c != d", "(&& (== a b) (!= c d))"],
    ["a ++ b + c", "(+ (++ a b) c)"],
    ["a // b == c", "(== (// a b) c)"],
    ["a + b // c", "(// (+ a b) c)"],
    ["a <= b", "(<= a b)"],
    ["a >= b", "(>= a b)"],
    ["a > b", "(> a b)"],
    ["a / b", "(/ a b)"],
    ["a-b", "a-b"],
    ["a -b", "(- a b)"],
    ["a/b", "a/b"],
    ["a+b/c", "a+b/c"],
  ])("%s", (src, tree) => expect(p(src)).toBe(tree));

  it.each(["1 < 2 < 3", "a == b == c", "a != b == c", "a < b <= c", "a == !b == c"])(
    "%s is not associative",
    (src) => expect(error(src).message).toMatch(/not associative/),
  );

  it("keeps explicit parentheses", () => {
    expect(p("(a + b) * c")).toBe("(* (paren (+ a b)) c)");
    expect(p("((a))")).toBe("(paren (paren a))");
  });

  it.each([
    "1 + if a then b else c",
    "f let a = 1; in a",
    "[ x: x ]",
    "f x: x",
    "[ -1 ]",
    "a.b or -1",
  ])("%s is refused (needs parentheses)", (src) => expect(() => parse(src)).toThrow(NixParseError));
});

describe("application and selection", () => {
  it.each([
    ["f a b", "(f a b)"],
    ["f (g a) b", "(f (paren (g a)) b)"],
    ["a.b.c", "(. a b.c)"],
    ['a."b c".${d}', '(. a "b c".${d})'],
    ['a."b"', '(. a "b")'],
    ["a.b or c", "(. a b or c)"],
    ["a.b or c d", "((. a b or c) d)"],
    ["a.b or c.d or e", "(. a b or (. c d or e))"],
    ["{ a = 1; }.a", "(. {a=1;} a)"],
    ["a.or", "(. a or)"],
    ["let or = x: x; in map or [ 1 ]", "(let {or=(fn x x);} (map or [1]))"],
    ["f a or", "(f (a or))"],
    ["[ 1 2 ]", "[1 2]"],
    ["[ f x ]", "[f x]"],
    ["[ (f x) ]", "[(paren (f x))]"],
  ])("%s", (src, tree) => expect(p(src)).toBe(tree));

  it("refuses a stray or", () => {
    expect(() => parse("or")).toThrow(NixParseError);
    expect(() => parse("a.b or")).toThrow(NixParseError);
  });
});

describe("sets, let, inherit", () => {
  it.each([
    ["{ }", "{}"],
    ["{ a = 1; b.c = 2; }", "{a=1; b.c=2;}"],
    ["rec { a = 1; b = a; }", "rec {a=1; b=a;}"],
    ['{ "a b" = 1; ${x} = 2; "c${d}" = 3; }', '{"a b"=1; ${x}=2; ${(str "c" d)}=3;}'],
    ["{ inherit a b; inherit (x) c; }", "{inherit a b; inherit (x) c;}"],
    ['{ inherit "a b" or; }', '{inherit "a b" or;}'],
    ["{ inherit; }", "{inherit ;}"],
    ["{ or = 1; }", "{or=1;}"],
    ["let a = 1; in a", "(let {a=1;} a)"],
    ["let in 1", "(let {} 1)"],
    ["let { a = 1; body = a; }", "(. rec {a=1; body=a;} body)"],
    ["{ a = { b.d = 1; }; a.b.c = 1; }", "{a={b.d=1;}; a.b.c=1;}"],
    ["{ a.b = 1; a.c = 2; }", "{a.b=1; a.c=2;}"],
    ["{ a = { b = 1; }; a = { c = 1; }; }", "{a={b=1;}; a={c=1;};}"],
    ['let ${"a"} = 1; in a', '(let {${"a"}=1;} a)'],
    ["{ ${a} = 1; ${a} = 2; }", "{${a}=1; ${a}=2;}"],
    ["let a.${b} = 1; in a", "(let {a.${b}=1;} a)"],
  ])("%s", (src, tree) => expect(p(src)).toBe(tree));

  it.each([
    ["{ a = 1; a = 2; }", "attribute 'a' already defined at 1:3", 1, 10],
    ["{ a.b.c = 1; a = { b.d = 1; }; }", "attribute 'a.b' already defined", 1, 14],
    ["{ a = 1; a.b = 2; }", "attribute 'a.b' already defined", 1, 10],
    ["{ inherit a; a = 1; }", "attribute 'a' already defined", 1, 14],
    ["{ inherit a a; }", "attribute 'a' already defined", 1, 3],
    ["{ inherit (x) a; a.b = 1; }", "attribute 'a.b' already defined", 1, 18],
    ['{ ${"a"} = 1; a = 2; }', "attribute 'a' already defined", 1, 15],
    ['{ "a" = 1; a = 2; }', "attribute 'a' already defined", 1, 12],
    ["{ a = { b = 1; }; a = { b = 2; }; }", "attribute 'a.b' already defined", 1, 19],
    // What Nix accepts: a path into a `rec` set, a set merged into one a path made.
    ["{ a = rec { b = 1; }; a.c = 2; a.b = 3; }", "attribute 'a.b' already defined", 1, 32],
    ["let a = 1; a = 2; in a", "attribute 'a' already defined", 1, 12],
  ])("%s: defined twice", (src, msg, line, column) => {
    const e = error(src);
    expect(e.message).toContain(msg);
    expect([e.line, e.column]).toEqual([line, column]);
  });

  it.each([
    ["let ${a} = 1; in 1", "dynamic attributes are not allowed in let"],
    ['let "${a}" = 1; in 1', "dynamic attributes are not allowed in let"],
    ["{ inherit ${a}; }", "dynamic attributes are not allowed in inherit"],
    ['{ inherit "${a}"; }', "dynamic attributes are not allowed in inherit"],
  ])("%s", (src, msg) => expect(error(src).message).toBe(msg));

  it("records layout facts: multiline, quoted names, inherit across lines", () => {
    const one = parse("{ a = 1; }") as Attrs;
    expect(one.multiline).toBeUndefined();
    const multi = parse("{\n  a = 1;\n}") as Attrs;
    expect(multi.multiline).toBe(true);
    const q = parse('{ "a" = 1; "a b" = 2; "or" = 3; }') as Attrs;
    expect(q.bindings.map((b) => b.kind === "assign" && b.path[0])).toEqual([
      { kind: "name", name: "a", quoted: true },
      { kind: "name", name: "a b" },
      { kind: "name", name: "or" },
    ]);
    const inh = parse("{\n  inherit\n    a\n    b;\n}") as Attrs;
    expect(inh.bindings[0]).toMatchObject({ kind: "inherit", multiline: true });
    expect((parse("[\n1 ]") as List).multiline).toBe(true);
    expect((parse("[ 1 ]") as List).multiline).toBeUndefined();
  });
});

describe("functions", () => {
  it.each([
    ["x: x", "(fn x x)"],
    ["x :y", "(fn x y)"],
    ["x: y: x", "(fn x (fn y x))"],
    ["{ }: 1", "(fn {} 1)"],
    ["{ ... }: 1", "(fn {...} 1)"],
    ["{ a, b ? 1, ... }: a", "(fn {a b?1 ...} a)"],
    ["{ a, }: a", "(fn {a} a)"],
    ["args@{ a, ... }: a", "(fn args@{a ...} a)"],
    ["{ a } @ args: a", "(fn {a}@args a)"],
    ["{ a ? { b = 1; } }: a", "(fn {a?{b=1;}} a)"],
    ["f (x: x)", "(f (paren (fn x x)))"],
    ["if a then x: x else y", "(if a (fn x x) y)"],
    ["with a; b", "(with a b)"],
    ["assert a; b", "(assert a b)"],
    ["if a then b else if c then d else e", "(if a b (if c d e))"],
  ])("%s", (src, tree) => expect(p(src)).toBe(tree));

  it("records multiline formals", () => {
    const l = parse("{\n  a,\n  b,\n}:\na") as Lambda;
    expect(typeof l.param === "object" && l.param.multiline).toBe(true);
  });

  it.each([
    ["{ a, a }: a", "duplicate formal function argument 'a'"],
    ["a@{ a }: a", "duplicate formal function argument 'a'"],
    ["{ a }@a: a", "duplicate formal function argument 'a'"],
    ["{ ..., }: 1", "unexpected ','"],
    ["{ a, ..., b }: 1", "unexpected ','"],
    ["{ or }: 1", "unexpected '}', expected '='"],
    ["{ a, b c }: 1", "unexpected identifier 'c', expected ',' or '}'"],
  ])("%s", (src, msg) => expect(error(src).message).toContain(msg));
});

describe("strings", () => {
  it.each([
    ['"a\\nb\\tc\\rd\\\\e\\"f\\qg"', ['a\nb\tc\rd\\e"fqg']],
    ['"\\${x}"', ["${x}"]],
    ['"$${x}"', ["$${x}"]],
    ['"a$"', ["a$"]],
    ['"$"', ["$"]],
    ['"a\r\nb\rc"', ["a\nb\nc"]],
    ['""', []],
  ])("%s", (src, value) => expect(stringValue(src)).toEqual(value));

  it("interpolates, with the `$$` pair rule", () => {
    expect(p('"a${b}c"')).toBe('(str "a" b "c")');
    expect(p('"$$${x}"')).toBe('(str "$$" x)');
    expect(p('"\\$${x}"')).toBe('(str "$" x)');
    expect(p('"${"${x}"}"')).toBe("(str (str x))");
  });

  it.each([
    ["''\n  a\n  b\n''", ["a\nb\n"]],
    ["''\n  a\n    b\n''", ["a\n  b\n"]],
    ["''  \n  a''", ["a"]],
    ["''\n  a\n ''", ["a\n"]],
    ["''a''$b''", ["a$b"]],
    ["''a'''b''", ["a''b"]],
    ["''a''\\nb''", ["a\nb"]],
    ["''a''\\'''", ["a'"]],
    ["''$''", ["$"]],
    ["''a'$b''", ["a'$b"]],
    ["''\n\ta\n''", ["\ta\n"]],
    ["''\n  a\n\n  b''", ["a\n\nb"]],
    ["''\n    x''\\n    y\n''", ["x\ny\n"]],
    ["''''", []],
  ])("indented %j", (src, value) => expect(stringValue(src)).toEqual(value));

  it("strips indentation around interpolations", () => {
    expect(p("''\n  a ${b}\n    c\n''")).toBe('(str "a " b "\\n  c\\n")');
    expect(p("''\n  ${b}\n''")).toBe('(str b "\\n")');
  });

  it("records the style", () => {
    expect(parse('"a"')).toMatchObject({ style: "double" });
    expect(parse("''a''")).toMatchObject({ style: "indented" });
  });

  it.each([
    ['"abc', "unterminated string", 1, 5],
    ["''abc", "unterminated indented string", 1, 6],
    ['"a${b"', "unterminated string", 1, 7],
  ])("%j: %s", (src, msg, line, column) => {
    const e = error(src);
    expect(e.message).toBe(msg);
    expect([e.line, e.column]).toEqual([line, column]);
  });
});

describe("paths", () => {
  it.each([
    ["./a", "./a"],
    ["../.", "../."],
    ["/abs/x", "/abs/x"],
    ["~/x", "~/x"],
    ["a/b", "a/b"],
    ["./a.${b}", '(path "./a." b)'],
    ["./${b}/c", '(path "./" b "/c")'],
    ["./a${b}", '(path "./a" b)'],
    ["/${b}", '(path "/" b)'],
    ["~/${b}", '(path "~/" b)'],
    ["./a${b}//c", '(path "./a" b "//c")'],
  ])("%s", (src, tree) => expect(p(src)).toBe(tree));

  it.each([
    ["./a/", "path has a trailing slash"],
    ["./a/b/ x", "path has a trailing slash"],
    ["./a//b", "unexpected end of path"],
    ["~", "unexpected character '~'"],
  ])("%s: %s", (src, msg) => expect(error(src).message).toContain(msg));
});

describe("trivia", () => {
  it("attaches leading, trailing, blank lines and closing comments", () => {
    const src = [
      "# top",
      "{",
      "  # lead a",
      "  a = 1; # trail a",
      "",
      "  # lead b",
      "  b = [",
      "    1 # one",
      "",
      "    2",
      "    # end",
      "  ];",
      "  /* block */",
      "  c = 3;",
      "  # closing",
      "}",
    ].join("\n");
    const e = parse(src) as Attrs;
    expect(e.trivia).toEqual({ leading: [{ kind: "line", text: " top" }] });
    const [a, b, c] = e.bindings;
    expect(a!.trivia).toEqual({
      leading: [{ kind: "line", text: " lead a" }],
      trailing: " trail a",
    });
    expect(b!.trivia).toEqual({
      blankLineBefore: true,
      leading: [{ kind: "line", text: " lead b" }],
    });
    const list = (b as { value: List }).value;
    expect(list.items[0]!.trivia).toEqual({ trailing: " one" });
    expect(list.items[1]!.trivia).toEqual({ blankLineBefore: true });
    expect(list.closingComments).toEqual([{ kind: "line", text: " end" }]);
    expect(c!.trivia).toEqual({ leading: [{ kind: "block", lines: ["block"], doc: false }] });
    expect(e.closingComments).toEqual([{ kind: "line", text: " closing" }]);
  });

  it("records blank lines before a first item and before a whole expression", () => {
    const e = parse("{ lib }:\n\nlet\n  a = 1;\nin\n{\n\n  b =\n\n    a;\n}") as Lambda;
    expect(e.body.trivia).toEqual({ blankLineBefore: true });
    const body = (e.body as { body: Attrs }).body;
    expect(body.trivia).toBeUndefined();
    expect(body.bindings[0]!.trivia).toEqual({ blankLineBefore: true });
    expect((body.bindings[0] as { value: Expr }).value.trivia).toEqual({ blankLineBefore: true });
    expect(parse("\n\n1").trivia).toBeUndefined();
  });

  it("reads block comments into lines without common indentation", () => {
    const e = parse("{\n  /**\n    doc\n      more\n  */\n  a = 1;\n}") as Attrs;
    expect(e.bindings[0]!.trivia?.leading).toEqual([
      { kind: "block", lines: ["doc", "  more"], doc: true },
    ]);
  });

  it("attaches a comment inside an expression to what follows it", () => {
    const e = parse("{\n  c =\n    # mid\n    f x;\n}") as Attrs;
    const v = (e.bindings[0] as { value: Expr }).value;
    expect(v.kind).toBe("apply");
    expect(v.trivia).toEqual({ leading: [{ kind: "line", text: " mid" }] });
  });

  it("keeps comments after the whole expression, at the end of the file", () => {
    const e = parse("# a\n{ }\n\n# b\n/* c */\n");
    expect(e.trivia?.leading).toEqual([{ kind: "line", text: " a" }]);
    expect(e.trivia?.after).toEqual([
      { kind: "line", text: " b", blankLineBefore: true },
      { kind: "block", lines: ["c"], doc: false },
    ]);
    // (As the official format does, the comments make the empty set a full one.)
    expect(print(e)).toBe("# a\n{\n}\n\n# b\n# c\n");
    expect(() => print(apply(ref("f"), withTrivia(ref("x"), { after: [comment("x")] })))).toThrow(
      /can only end a file/,
    );
  });

  it("keeps comments and a blank line before an interpolation's `}` on its expression", () => {
    const e = parse('"${\n  x # c\n  # d\n\n}"') as Str;
    expect(e.parts[0]).toMatchObject({
      kind: "var",
      trivia: { trailing: " c", after: [{ kind: "line", text: " d" }], blankLineAfter: true },
    });
    expect(print(e)).toBe('"${\n  x # c\n  # d\n\n}"\n');
    expect(() => print(withTrivia(ref("x"), { blankLineAfter: true }))).toThrow(
      /can only end an interpolation/,
    );
  });

  it("attaches a comment before a selection to the selection", () => {
    const l = parse("[\n  # c\n  a.b\n]") as List;
    expect(l.items[0]).toMatchObject({
      kind: "select",
      trivia: { leading: [{ kind: "line", text: " c" }] },
    });
  });

  it("attaches formals' comments", () => {
    const l = parse("{\n  # the a\n  a, # after a\n  b,\n}:\na") as Lambda;
    const f = typeof l.param === "object" ? l.param.formals : [];
    expect(f[0]!.trivia).toEqual({
      leading: [{ kind: "line", text: " the a" }],
      trailing: " after a",
    });
  });
});

describe("errors", () => {
  it("gives message, line, column, file and a caret", () => {
    const e = error("{\n  a = 1\n}\n", "x.nix");
    expect(e).toBeInstanceOf(NixParseError);
    expect(e.message).toBe("unexpected '}', expected ';'");
    expect([e.file, e.line, e.column]).toEqual(["x.nix", 3, 1]);
    expect(e.format()).toBe("x.nix:3:1: unexpected '}', expected ';'\n}\n^");
  });

  it("keeps tabs before the caret", () => {
    const e = error("[\n\t\t1 ) ]");
    expect(e.format()).toBe("2:5: unexpected ')', expected a list item or ']'\n\t\t1 ) ]\n\t\t  ^");
  });

  it.each([
    ["", "unexpected end of file, expected an expression", 1, 1],
    ["1 2 )", "unexpected ')', expected end of file", 1, 5],
    ["{ a = 1; ", "unexpected end of file, expected a binding or '}'", 1, 10],
    ["let a = 1;", "unexpected end of file, expected a binding or 'in'", 1, 11],
    ["a & b", "unexpected character '&'", 1, 3],
    ["a\n  # c\n  ;", "unexpected ';', expected end of file", 3, 3],
    ["if a then b", "unexpected end of file, expected 'else'", 1, 12],
    ["/* open", "unexpected '/', expected an expression", 1, 1],
    ["a \u00e9", 'unexpected character "é"', 1, 3],
    ["a \u0001", "unexpected control character U+0001", 1, 3],
  ])("%j: %s", (src, msg, line, column) => {
    const e = error(src);
    expect(e.message).toBe(msg);
    expect([e.line, e.column]).toEqual([line, column]);
  });

  it("is its own class with a readable name", () => {
    const e = error("(");
    expect(e.name).toBe("NixParseError");
    expect(e).toBeInstanceOf(Error);
  });
});

describe("nodes", () => {
  it("are branded like the builders' nodes", () => {
    const e = parse("{ a = [ (f x) ]; }") as Attrs;
    expect(isNode(e)).toBe(true);
    const v = (e.bindings[0] as { value: List }).value;
    expect(isNode(v)).toBe(true);
    expect(isNode(v.items[0])).toBe(true);
  });
});
