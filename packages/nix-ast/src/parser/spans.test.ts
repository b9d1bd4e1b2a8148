/**
 * `parseWithSpans` records where each expression, binding and attribute name was read:
 * the text of every span, parsed alone, is that node again (trivia and parentheses
 * aside). Checked over random printed trees and the official-format fixtures.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { node as mark } from "../ast/mark.js";
import type { AttrName, Binding, Expr } from "../ast/nodes.js";
import { print } from "../printer/print.js";
import { exprArb } from "../test-support/arbitraries.js";
import { strip } from "./normalize.js";
import { parse, parseWithSpans } from "./parser.js";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Every object of the tree that has a span, with the text of its span. */
function spanned(source: string): { node: object; text: string }[] {
  const { tree, spans } = parseWithSpans(source);
  const out: { node: object; text: string }[] = [];
  const seen = new Set<object>();
  const walk = (x: unknown): void => {
    if (typeof x !== "object" || x === null || seen.has(x)) return;
    seen.add(x);
    const span = spans.get(x);
    if (span !== undefined) out.push({ node: x, text: source.slice(span.start, span.end) });
    for (const v of Object.values(x)) walk(v);
  };
  walk(tree);
  return out;
}

/** The node the text of a span reads as alone, stripped like `node` for comparison. */
function reread(node: object, text: string): [unknown, unknown] {
  const kind = (node as { kind: string }).kind;
  switch (kind) {
    case "assign":
    case "inherit": {
      const set = parse(`{ ${text} }`) as Extract<Expr, { kind: "attrs" }>;
      return [strip(mark({ kind: "attrs", bindings: [node as Binding] })), strip(set)];
    }
    case "name":
    case "dynamic": {
      const set = parse(`{ ${text} = null; }`) as Extract<Expr, { kind: "attrs" }>;
      const read = (set.bindings[0] as Extract<Binding, { kind: "assign" }>).path[0];
      const n = node as AttrName;
      const bare = (a: AttrName): unknown =>
        a.kind === "name" ? a.name : strip(mark({ kind: "string", parts: [a.expr] }));
      return [bare(n), bare(read)];
    }
    default:
      return [strip(node as Expr), strip(parse(text))];
  }
}

function checkSpans(source: string): void {
  const nodes = spanned(source);
  expect(nodes.length).toBeGreaterThan(0);
  for (const { node, text } of nodes) {
    const [want, got] = reread(node, text);
    expect(got, `span ${JSON.stringify(text)}`).toEqual(want);
  }
}

describe("parseWithSpans", () => {
  it("gives the same tree as parse", () => {
    const src = readFileSync(join(HERE, "../printer/fixtures/14-module.nix"), "utf8");
    expect(parseWithSpans(src).tree).toEqual(parse(src));
  });

  it("spans exclude comments around a node and include its closing delimiter", () => {
    const src = '{\n  # about a\n  a.b = [ "x" ]; # after\n}\n';
    const texts = spanned(src).map((s) => s.text);
    expect(texts).toContain('a.b = [ "x" ];');
    expect(texts).toContain('[ "x" ]');
    expect(texts).toContain('"x"');
    expect(texts).toContain("b");
    expect(texts[0]).toBe('{\n  # about a\n  a.b = [ "x" ]; # after\n}');
  });

  it("each span of a random printed tree reads back as its node", () => {
    fc.assert(
      fc.property(exprArb(4), (t) => checkSpans(print(t))),
      { numRuns: 300 },
    );
  });

  it.each(
    readdirSync(join(HERE, "../printer/fixtures"))
      .filter((f) => f.endsWith(".nix"))
      .sort(),
  )("each span of fixture %s reads back as its node", (f) => {
    checkSpans(readFileSync(join(HERE, "../printer/fixtures", f), "utf8"));
  });

  it("refuses a source too deep to record, saying so", () => {
    expect(() => parseWithSpans("[".repeat(3000) + "]".repeat(3000))).toThrow(
      /nested too deeply to edit/,
    );
  });
});
