/**
 * The printer loses no comment: random trees of every node kind, with comments attached
 * wherever the tree has room for them (before any expression, binding or formal, at the
 * end of a line, before `then`, `else`, an operator or a closing bracket), print with
 * every comment in place, the printed text is a fixpoint of parsing and printing, and the
 * fast path lays them out as the document IR does.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockComment, comment } from "../ast/builders.js";
import { mapChildren } from "../ast/map.js";
import type { Binding, Comment, Expr, Trivia } from "../ast/nodes.js";
import { parse } from "../parser/parser.js";
import { exprArb } from "../test-support/arbitraries.js";
import { fixup, layout } from "./doc.js";
import { Pretty } from "./pretty.js";
import { print } from "./print.js";

/** The printer without its fast path: everything through the document IR. */
function printSlow(e: Expr): string {
  return layout(fixup(new Pretty(100, false).top(e)), 100, 2).trim() + "\n";
}

/** Attaches numbered comments to `e` and its parts, each place with probability 1/4. */
function sprinkle(e: Expr, r: () => number, marks: string[]): Expr {
  const next = (): Comment[] | undefined => {
    if (r() >= 0.25) return undefined;
    const mark = `m${marks.length}z`;
    marks.push(mark);
    const kind = r();
    if (kind < 0.4) return [comment(mark)];
    if (kind < 0.8) return [comment(mark, { endOfLine: true })];
    return [blockComment(`${mark}\nsecond line`)];
  };
  const trivia = (t: Trivia | undefined): Trivia | undefined => {
    const leading = next();
    const trailing = r() < 0.1 ? marks[marks.push(`t${marks.length}z`) - 1] : undefined;
    if (!leading && !trailing) return t;
    return {
      ...t,
      ...(leading ? { leading } : {}),
      ...(trailing ? { trailing: ` ${trailing}` } : {}),
    };
  };
  const leadingOnly = (t: Trivia | undefined): Trivia | undefined => {
    const leading = next();
    return leading ? { ...t, leading } : t;
  };
  const binding = (b: Binding): Binding => ({ ...b, trivia: trivia(b.trivia) });
  const x = mapChildren(e, (c) => sprinkle(c, r, marks));
  const withOwn = { ...x, trivia: leadingOnly(x.trivia) } as Expr;
  switch (withOwn.kind) {
    case "attrs":
    case "let": {
      const closingComments = next();
      return {
        ...withOwn,
        bindings: withOwn.bindings.map(binding),
        ...optional("closingComments", closingComments),
      } as Expr;
    }
    case "list":
    case "paren":
      return { ...withOwn, ...optional("closingComments", next()) };
    case "if":
      return {
        ...withOwn,
        ...optional("thenComments", next()),
        ...optional("elseComments", next()),
      };
    case "binary":
      return {
        ...withOwn,
        ...optional("opComments", next()),
        ...(r() < 0.1 ? { blankLineBeforeOp: true } : {}),
      };
    case "lambda": {
      const p = withOwn.param;
      if (typeof p === "string") return withOwn;
      return {
        ...withOwn,
        param: {
          ...p,
          formals: p.formals.map((f) => ({ ...f, trivia: trivia(f.trivia) })),
          ...(p.ellipsis ? { ellipsisTrivia: trivia(p.ellipsisTrivia) } : {}),
          ...optional("closingComments", next()),
        },
      };
    }
    default:
      return withOwn;
  }
}

/** `{ [key]: value }`, or nothing when `value` is undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A small deterministic random source for `sprinkle`. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("comments in printed trees", () => {
  it("are all printed, once each, and the text is a fixpoint", () => {
    const seed = 31 + Number(process.env.COMMENT_SEED ?? 0);
    const trees = fc.sample(exprArb(5), { numRuns: 800, seed });
    const failures: string[] = [];
    let total = 0;
    trees.forEach((t, i) => {
      const marks: string[] = [];
      const tree = sprinkle(t, lcg(i + 1), marks);
      total += marks.length;
      const out = print(tree);
      const missing = marks.filter((m) => out.split(m).length !== 2);
      let again: string | undefined;
      try {
        again = print(parse(out));
      } catch (error) {
        again = String(error);
      }
      const slow = printSlow(tree);
      if (missing.length > 0 || again !== out || slow !== out) {
        failures.push(
          `missing ${missing.join(", ")}\n${out}\n--- reprinted:\n${again}\n--- IR only:\n${slow}`,
        );
      }
    });
    expect(total).toBeGreaterThan(2000);
    expect(failures.slice(0, 2).join("\n\n")).toBe("");
  });
});
