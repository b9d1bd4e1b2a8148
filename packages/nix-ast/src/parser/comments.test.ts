/**
 * The parser loses no comment: a comment inserted anywhere in the style cases (where the
 * source still parses) is somewhere in the tree, as trivia, or as text of a string it
 * landed in; comments and blank lines inserted between lines survive printing too. And
 * the layout facts of blank lines and comments the tree keeps.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Binding, Comment, Expr, Trivia } from "../ast/nodes.js";
import { rng } from "../test-support/parse-agreement.js";
import { apply, comment, ref, withTrivia } from "../ast/builders.js";
import { print } from "../printer/print.js";
import { parse } from "./parser.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const DIRS = [join(HERE, "../printer/fixtures"), join(HERE, "fixtures/seed-formatted")];
const fixtures = DIRS.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith(".nix"))
    .map((f) => readFileSync(join(d, f), "utf8")),
);

/** Every comment text and string text in a tree (any object graph of nodes). */
function texts(root: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === "object" && v !== null) {
      for (const x of Object.values(v)) stack.push(x);
    }
  }
  return out;
}

/**
 * Mutants of every fixture, 30 each: `insert` changes a fixture's lines and returns the
 * marks it wrote. The printed text of each mutant that parses, and the mutants whose
 * printed text loses a mark or is no fixpoint of parsing and printing.
 */
function printMutants(
  seed: number,
  insert: (lines: string[], k: number, r: () => number) => string[],
): { printed: string[]; broken: string[] } {
  const r = rng(seed);
  const printed: string[] = [];
  const broken: string[] = [];
  for (const src of fixtures) {
    for (let k = 0; k < 30; k++) {
      const lines = src.split("\n");
      const marks = insert(lines, k, r);
      const m = lines.join("\n");
      let tree: Expr;
      try {
        tree = parse(m);
      } catch {
        continue;
      }
      const out = print(tree);
      printed.push(out);
      if (print(parse(out)) !== out || marks.some((x) => !out.includes(x))) broken.push(m);
    }
  }
  return { printed, broken };
}

describe("comments", () => {
  it("are all kept somewhere in the tree", () => {
    const r = rng(5);
    const inserts = [
      "\n# zzz\n",
      " # zzz\n",
      " /* zzz */ ",
      "\n/* zzz */\n",
      "\n\n# zzz\n\n",
      "/** zzz */",
    ];
    let parsed = 0;
    const lost: string[] = [];
    for (const src of fixtures) {
      for (let k = 0; k < 60; k++) {
        const at = Math.floor(r() * src.length);
        const m = src.slice(0, at) + inserts[Math.floor(r() * inserts.length)] + src.slice(at);
        let tree: Expr;
        try {
          tree = parse(m);
        } catch {
          continue;
        }
        parsed++;
        if (!texts(tree).some((t) => t.includes("zzz"))) lost.push(m);
      }
    }
    expect(parsed).toBeGreaterThan(1000);
    expect(lost).toEqual([]);
  });

  it("inserted at line starts, with blank lines, survive printing, which is a fixpoint", () => {
    const { printed, broken } = printMutants(6, (lines, k, r) => {
      const marks: string[] = [];
      for (let j = 0; j < 3; j++) {
        const mark = `zq${k}x${j}`;
        const choice = Math.floor(r() * 4);
        const insert = [`# ${mark}`, `/* ${mark} */`, "", `# ${mark}\n`][choice]!;
        if (insert !== "") marks.push(mark);
        lines.splice(Math.floor(r() * lines.length), 0, insert);
      }
      return marks;
    });
    expect(printed.length).toBeGreaterThan(800);
    expect(broken).toEqual([]);
  });

  it("inserted at line ends, survive printing, which is a fixpoint, and mostly stay there", () => {
    const { printed, broken } = printMutants(7, (lines, k, r) => {
      const marks: string[] = [];
      for (let j = 0; j < 3; j++) {
        const mark = `zq${k}x${j}`;
        const at = Math.floor(r() * lines.length);
        if (lines[at]!.trim() === "") continue;
        lines[at] += ` # ${mark}`;
        marks.push(mark);
      }
      return marks;
    });
    expect(printed.length).toBeGreaterThan(500);
    expect(broken).toEqual([]);
    const marked = printed.flatMap((out) => out.split("\n").filter((l) => l.includes("# zq")));
    const kept = marked.filter((l) => l.slice(0, l.indexOf("# zq")).trim() !== "");
    // Not all: one that lands inside a string is text, one after a comment joins it, and
    // the official format moves those after `[`, `{`, `(`, `${`, `if`, `else`, `in`, an
    // operator or a call's function to lines of their own.
    expect(kept.length / marked.length).toBeGreaterThan(0.75);
  });

  it("keep their kind and text", () => {
    const e = parse("/** doc */\n# line\n/* block */\n1");
    const leading = (e.trivia as Trivia).leading as Comment[];
    expect(leading).toEqual([
      { kind: "block", lines: ["doc"], doc: true },
      { kind: "line", text: " line" },
      { kind: "block", lines: ["block"], doc: false },
    ]);
  });
});

describe("blank lines around comments and before closing brackets", () => {
  it("are layout facts of the tree", () => {
    const file = parse(
      [
        "# head",
        "",
        "let",
        "  a = 1;",
        "",
        "in",
        "[",
        "  # one",
        "",
        "  # two",
        "",
        "  1",
        "",
        "]",
      ].join("\n"),
    ) as Extract<Expr, { kind: "let" }>;
    expect(file.trivia).toEqual({
      leading: [{ kind: "line", text: " head" }],
      blankLineAfterComments: true,
    });
    expect(file.blankLineBeforeClose).toBe(true);
    const list = file.body as Extract<Expr, { kind: "list" }>;
    expect(list.blankLineBeforeClose).toBe(true);
    expect(list.items[0]!.trivia).toEqual({
      leading: [
        { kind: "line", text: " one" },
        { kind: "line", text: " two", blankLineBefore: true },
      ],
      blankLineAfterComments: true,
    });
  });

  it("mark a closing comment after a blank line, and none where there is none", () => {
    const set = parse("{\n  a = 1;\n\n  # end\n}") as Extract<Expr, { kind: "attrs" }>;
    expect(set.closingComments).toEqual([{ kind: "line", text: " end", blankLineBefore: true }]);
    expect(set.blankLineBeforeClose).toBeUndefined();
    // An empty set keeps a blank line between its braces, as the official format does.
    const empty = parse("{\n\n}") as Extract<Expr, { kind: "attrs" }>;
    expect(empty.blankLineBeforeClose).toBe(true);
    expect(print(empty)).toBe("{\n\n}\n");
  });
});

describe("comments before then and else", () => {
  it("before then belong to the if", () => {
    const e = parse("if\n  a\n# why\nthen 1\nelse 2") as Extract<Expr, { kind: "if" }>;
    expect(e.thenComments).toEqual([{ kind: "line", text: " why" }]);
    expect(e.then.trivia).toBeUndefined();
  });

  it("before else belong to the if, not to the branch after them", () => {
    const e = parse("if a then 1\n# two\nelse if b then 2\nelse 3") as Extract<
      Expr,
      { kind: "if" }
    >;
    expect(e.elseComments).toEqual([{ kind: "line", text: " two" }]);
    expect(e.else.trivia).toBeUndefined();
    expect((e.else as Extract<Expr, { kind: "if" }>).elseComments).toBeUndefined();
  });

  it("keep a blank line before them, and before a bare else", () => {
    const e = parse("if a then 1\n\n# two\nelse if b then 2\n\nelse 3") as Extract<
      Expr,
      { kind: "if" }
    >;
    expect(e.elseComments).toEqual([{ kind: "line", text: " two", blankLineBefore: true }]);
    expect(e.blankLineBeforeElse).toBeUndefined();
    expect((e.else as typeof e).blankLineBeforeElse).toBe(true);
  });

  it("keep a blank line before then", () => {
    const src = "if\n  a && b\n\nthen\n  1\nelse\n  2\n";
    const e = parse(src) as Extract<Expr, { kind: "if" }>;
    expect(e.blankLineBeforeThen).toBe(true);
    expect(print(e)).toBe(src);
  });
});

describe("comments in an inherit list", () => {
  it("belong to the names", () => {
    const set = parse("{\n  inherit\n    # first\n    a # after a\n    b\n    ;\n}") as Extract<
      Expr,
      { kind: "attrs" }
    >;
    const b = set.bindings[0] as Extract<Binding, { kind: "inherit" }>;
    expect(b.names.map((n) => n.trivia)).toEqual([
      { leading: [{ kind: "line", text: " first" }], trailing: " after a" },
      undefined,
    ]);
  });
});

describe("a name or written bare", () => {
  it("is a layout fact: printed bare where it was, quoted where it was quoted", () => {
    const e = parse('{ a = x.or; b = x."or"; }') as Extract<Expr, { kind: "attrs" }>;
    const names = e.bindings.map((b) => {
      const value = (b as Extract<Binding, { kind: "assign" }>).value;
      return (value as Extract<Expr, { kind: "select" }>).path[0];
    });
    expect(names).toEqual([
      { kind: "name", name: "or", bare: true },
      { kind: "name", name: "or" },
    ]);
  });
});

describe("comments at the end of a line of code", () => {
  it("are marked so, and only they", () => {
    const e = parse("# head\nf a # why b\n  b\n  # own line\n  c") as Extract<
      Expr,
      { kind: "apply" }
    >;
    expect(e.trivia?.leading).toEqual([{ kind: "line", text: " head" }]);
    expect(e.args[1]!.trivia?.leading).toEqual([{ kind: "line", text: " why b", endOfLine: true }]);
    expect(e.args[2]!.trivia?.leading).toEqual([{ kind: "line", text: " own line" }]);
  });

  it("join the block comments before them on the line, as one comment", () => {
    const e = parse("f a /* x */ # y\n  b") as Extract<Expr, { kind: "apply" }>;
    expect(e.args[1]!.trivia?.leading).toEqual([{ kind: "line", text: " x y", endOfLine: true }]);
    expect(print(e)).toBe("f a # x y\n  b\n");
  });

  it("that line up with the comment or the code on the next line start what follows", () => {
    const e = parse("[ # about a\n  # more\n  a\n  b # about b\n  c\n]");
    const items = (e as Extract<Expr, { kind: "list" }>).items;
    expect(items[0]!.trivia?.leading).toEqual([
      { kind: "line", text: " about a" },
      { kind: "line", text: " more" },
    ]);
    expect(items[2]!.trivia?.leading).toBeUndefined();
    expect(items[1]!.trivia?.trailing).toBe(" about b");
  });

  it("before a closing parenthesis belong to the parentheses", () => {
    const e = parse("(\n  a # why\n  # more\n)") as Extract<Expr, { kind: "paren" }>;
    expect(e.closingComments).toEqual([
      { kind: "line", text: " why", endOfLine: true },
      { kind: "line", text: " more" },
    ]);
    expect(print(e)).toBe("(\n  a # why\n  # more\n)\n");
  });

  it("go on their own line when the line before ends in a comment already", () => {
    const e = apply(
      ref("f"),
      withTrivia(ref("a"), {
        leading: [comment("x", { endOfLine: true }), comment("y", { endOfLine: true })],
      }),
    );
    // The official format moves the first before the call (a comment after a call's
    // function); only one comment can end a line of code, so the other starts a line.
    expect(print(e)).toBe("# x\nf\n  # y\n  a\n");
  });
});

describe("comments around ... and at the end of the file", () => {
  it("around ... belong to the pattern, none lost", () => {
    const e = parse("{\n  a, # after a\n  # before\n  ... # after\n}:\na") as Extract<
      Expr,
      { kind: "lambda" }
    >;
    const f = e.param as Exclude<typeof e.param, string>;
    expect(f.formals[0]!.trivia).toEqual({ trailing: " after a" });
    expect(f.ellipsisTrivia).toEqual({
      leading: [{ kind: "line", text: " before" }],
      trailing: " after",
    });
    expect(print(e)).toBe("{\n  a, # after a\n  # before\n  ... # after\n}:\na\n");
  });

  it("before a pattern's } belong to the pattern, with a blank line before it", () => {
    const e = parse("{\n  a,\n  # last\n\n}:\na") as Extract<Expr, { kind: "lambda" }>;
    const f = e.param as Exclude<typeof e.param, string>;
    expect(f.closingComments).toEqual([{ kind: "line", text: " last" }]);
    expect(f.blankLineBeforeClose).toBe(true);
    expect(e.body.trivia).toBeUndefined();
  });

  it("on the last line is the expression's trailing comment", () => {
    expect(parse("{\n  a = 1;\n} # end\n").trivia).toEqual({ trailing: " end" });
    expect(print(parse("{\n  a = 1;\n} # end\n"))).toBe("{\n  a = 1;\n} # end\n");
  });
});
