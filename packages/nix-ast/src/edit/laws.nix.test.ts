/**
 * The editing functions' law, as a property: random configurations (a model of nested
 * sets, lists and literals, each set written nested, dotted or inside `lib.mkIf`, in a
 * file that may be a function, a `let`, a `with` or a `rec` set) are printed, then random
 * get, set, remove, rename and list edits on their paths are done on the text and on the
 * model. After every edit the text is in the official format and means the model's value;
 * every error is the one the model predicts; and real Nix evaluates every final text to
 * the model's value.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  apply,
  attrs,
  bind,
  comment,
  formals,
  lambda,
  letIn,
  list,
  paren,
  ref,
  toExpr,
  withScope,
  withTrivia,
} from "../ast/builders.js";
import { mapChildren } from "../ast/map.js";
import type { Binding, Expr, Trivia } from "../ast/nodes.js";
import { parse } from "../parser/parser.js";
import { print } from "../printer/print.js";
import { evalJson, requireNix } from "../test-support/nix.js";
import {
  appendToList,
  getAttr,
  literalValue,
  NixEditError,
  removeAttr,
  removeFromList,
  renameAttr,
  setAttr,
  type EditProblem,
} from "./index.js";

// ---------------------------------------------------------------- the model

type Leaf = number | string | boolean;
type Value = { t: "leaf"; v: Leaf } | { t: "list"; items: Leaf[] } | ModelSet;
interface ModelSet {
  t: "set";
  entries: Map<string, Value>;
  /** Written as dotted bindings of its parent (`a.b = 1; a.c = 2;`), not as `{ }`. */
  implicit: boolean;
  /** Written as `lib.mkIf true { ... }` or `( { ... } )`. */
  wrap?: "mkIf" | "paren";
}

type Json = null | Leaf | Json[] | { [k: string]: Json };

function json(v: Value): Json {
  if (v.t === "leaf") return v.v;
  if (v.t === "list") return [...v.items];
  return Object.fromEntries([...v.entries].map(([k, x]) => [k, json(x)]));
}

function clone(v: Value): Value {
  if (v.t === "leaf") return { ...v };
  if (v.t === "list") return { t: "list", items: [...v.items] };
  return { ...v, entries: new Map([...v.entries].map(([k, x]) => [k, clone(x)])) };
}

const NAMES = ["a", "b", "enable", "with space", "a.b", "or", "let", "x-y", "/api/", ""];
const leafArb: fc.Arbitrary<Leaf> = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom("", "x", "${x}", 'say "hi"', "two\nlines\n", "  lead", "a\\b", "$"),
  fc.boolean(),
);

const valueArb: fc.Arbitrary<Value> = fc.letrec<{ value: Value; set: ModelSet }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    leafArb.map((v): Value => ({ t: "leaf", v })),
    fc.array(leafArb, { maxLength: 3 }).map((items): Value => ({ t: "list", items })),
    tie("set") as fc.Arbitrary<Value>,
  ),
  set: fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 }),
      fc.array(tie("value") as fc.Arbitrary<Value>, { minLength: 3, maxLength: 3 }),
      fc.constantFrom("nested", "dotted", "mkIf", "paren"),
    )
    .map(([names, values, how]): ModelSet => {
      const entries = new Map(names.map((n, i) => [n, values[i]!]));
      const implicit = how === "dotted" && entries.size > 0;
      const wrap = how === "mkIf" || how === "paren" ? how : undefined;
      return { t: "set", entries, implicit, ...(wrap ? { wrap } : {}) };
    }),
})).value;

const rootArb = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 4 }),
    fc.array(valueArb, { minLength: 4, maxLength: 4 }),
  )
  .map(([names, values]): ModelSet => ({
    t: "set",
    entries: new Map(names.map((n, i) => [n, values[i]!])),
    implicit: false,
  }));

type Frame = "plain" | "function" | "let" | "with" | "rec";

// ---------------------------------------------------------------- the tree of a model

/**
 * The bindings of a set. `notes`: comments before some bindings and items, at the end of
 * some lines, and blank lines between some, for the edits to keep or take along.
 */
function bindings(set: ModelSet, prefix: readonly string[], notes: boolean): Binding[] {
  return [...set.entries].flatMap(([k, v]) => {
    if (v.t === "set" && v.implicit) return bindings(v, [...prefix, k], notes);
    const b = bind([...prefix, k] as [string], build(v, notes));
    return [notes ? withTrivia(b, note(set.entries.size + k.length)) : b];
  });
}

/** Comments and a blank line, as the number `n` picks them. */
function note(n: number): Trivia {
  switch (n % 4) {
    case 0:
      return { leading: [comment(`note ${n}`)] };
    case 1:
      return { blankLineBefore: true, trailing: ` end ${n}` };
    case 2:
      return { blankLineBefore: true, leading: [comment(`note ${n}`), comment("more")] };
    default:
      return {};
  }
}

function build(v: Value, notes = false): Expr {
  if (v.t === "leaf") return toExpr(v.v);
  if (v.t === "list") {
    return list(v.items.map((x, i) => (notes ? withTrivia(toExpr(x), note(i)) : x)));
  }
  const set = attrs(bindings(v, [], notes));
  return v.wrap === "mkIf"
    ? apply(ref("lib.mkIf"), true, set)
    : v.wrap === "paren"
      ? paren(set)
      : set;
}

function file(root: ModelSet, frame: Frame, notes: boolean): string {
  const set = attrs(bindings(root, [], notes), { rec: frame === "rec" });
  const tree =
    frame === "function"
      ? lambda(formals(["lib"], { ellipsis: true }), set)
      : frame === "let"
        ? letIn({ unused: 1 }, set)
        : frame === "with"
          ? withScope(ref("lib"), set)
          : set;
  return print(tree);
}

/** The value of a text in JS: the file's set, with `lib.mkIf true x` read as `x`. */
function valueOf(e: Expr): unknown {
  const plain = (x: Expr): Expr => {
    if (x.kind === "apply" && x.fn.kind === "select" && x.args.length === 2)
      return plain(x.args[1]!);
    return mapChildren(x, plain);
  };
  return literalValue(plain(e));
}

function rootValue(text: string): unknown {
  let e = parse(text);
  while (e.kind === "lambda" || e.kind === "let" || e.kind === "with") e = e.body;
  return valueOf(e);
}

// ---------------------------------------------------------------- operations

type Op =
  | { op: "get" | "rm"; path: number }
  | { op: "set"; path: number; value: Value }
  | { op: "rename"; path: number; name: string }
  | { op: "append" | "remove"; path: number; item: Leaf };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom("get" as const, "rm" as const), path: fc.nat() }),
  fc.record({ op: fc.constant("set" as const), path: fc.nat(), value: valueArb }),
  fc.record({
    op: fc.constant("rename" as const),
    path: fc.nat(),
    name: fc.constantFrom(...NAMES),
  }),
  fc.record({
    op: fc.constantFrom("append" as const, "remove" as const),
    path: fc.nat(),
    item: leafArb,
  }),
);

/** Paths to try: the existing ones, the lists among them, and others (new, through leaves, absent). */
function candidates(root: ModelSet): {
  existing: string[][];
  lists: string[][];
  others: string[][];
} {
  const c = { existing: [] as string[][], lists: [] as string[][], others: [["nope", "x"]] };
  const walk = (set: ModelSet, at: string[]) => {
    c.others.push([...at, "fresh"], [...at, "fresh", "er"]);
    for (const [k, v] of set.entries) {
      c.existing.push([...at, k]);
      if (v.t === "list") c.lists.push([...at, k]);
      if (v.t === "set") walk(v, [...at, k]);
      else c.others.push([...at, k, "x"]);
    }
  };
  walk(root, []);
  return c;
}

/** The path an operation works on: mostly existing ones (lists for list operations). */
function pick(root: ModelSet, op: Op): string[] {
  const { existing, lists, others } = candidates(root);
  const choice = op.path % 4;
  const pool =
    (op.op === "append" || op.op === "remove") && choice < 2 && lists.length > 0
      ? lists
      : choice < (op.op === "set" ? 2 : 3) && existing.length > 0
        ? existing
        : others;
  return pool[Math.floor(op.path / 4) % pool.length]!;
}

/** What the model says an operation gives: an error, or the changed model. */
type Outcome = { error: EditProblem } | { value?: Json };

function lookup(
  root: ModelSet,
  path: readonly string[],
): { parent: ModelSet; v?: Value } | EditProblem {
  let set = root;
  for (const [i, n] of path.entries()) {
    const v = set.entries.get(n);
    if (i === path.length - 1) return v === undefined ? { parent: set } : { parent: set, v };
    if (v === undefined) return "absent";
    if (v.t !== "set") return "not-a-set";
    set = v;
  }
  throw new Error("empty path");
}

/** The operation on the model (mutating `root`). */
function onModel(root: ModelSet, op: Op, path: readonly string[]): Outcome {
  const found = lookup(root, path);
  const last = path[path.length - 1]!;
  if (op.op === "set") {
    if (found === "not-a-set") return { error: found };
    let set = root;
    for (const n of path.slice(0, -1)) {
      let next = set.entries.get(n);
      if (next === undefined)
        set.entries.set(n, (next = { t: "set", entries: new Map(), implicit: true }));
      set = next as ModelSet;
    }
    // The value is written as `last = ...;`: a set in it is written `{ ... }` itself.
    const v = clone(op.value);
    set.entries.set(last, v.t === "set" ? { ...v, implicit: false } : v);
    return {};
  }
  if (typeof found === "string") return { error: found };
  const { parent, v } = found;
  if (v === undefined) return { error: "absent" };
  switch (op.op) {
    case "get":
      return { value: json(v) };
    case "rm": {
      parent.entries.delete(last);
      prune(root, path.slice(0, -1));
      return {};
    }
    case "rename": {
      if (op.name === last) return {};
      if (parent.entries.has(op.name)) return { error: "exists" };
      parent.entries.delete(last);
      parent.entries.set(op.name, v);
      return {};
    }
    case "append":
    case "remove": {
      if (v.t !== "list") return { error: "not-a-list" };
      if (op.op === "append") v.items.push(op.item);
      else {
        const kept = v.items.filter((x) => x !== op.item);
        if (kept.length === v.items.length) return { error: "no-such-item" };
        v.items = kept;
      }
      return {};
    }
  }
}

/** Sets that only dotted bindings wrote go when they are emptied. */
function prune(root: ModelSet, path: readonly string[]): void {
  for (let n = path.length; n > 0; n--) {
    const at = lookup(root, path.slice(0, n));
    if (typeof at === "string" || at.v?.t !== "set" || !at.v.implicit || at.v.entries.size > 0)
      return;
    at.parent.entries.delete(path[n - 1]!);
  }
}

function onText(text: string, op: Op, path: string[]): { text: string; value?: unknown } {
  switch (op.op) {
    case "get":
      return { text, value: valueOf(getAttr(text, path)) };
    case "set":
      return { text: setAttr(text, path, build(op.value)) };
    case "rm":
      return { text: removeAttr(text, path) };
    case "rename":
      return { text: renameAttr(text, path, op.name) };
    case "append":
      return { text: appendToList(text, path, op.item) };
    case "remove":
      return { text: removeFromList(text, path, op.item) };
  }
}

// ---------------------------------------------------------------- the law

const RUNS = 1000;

const STUB_LIB = "{ mkIf = cond: value: if cond then value else { }; }";

function nixValueOf(text: string, frame: Frame): string {
  const f = `(\n${text}\n)`;
  return frame === "function" ? `${f} { lib = ${STUB_LIB}; }` : `let lib = ${STUB_LIB}; in ${f}`;
}

const finals: { text: string; frame: Frame; want: Json }[] = [];
/** How many of each operation succeeded, and how many were refused for each reason. */
const tally = new Map<string, number>();
const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

describe("edits agree with the same operation on the model", () => {
  it("random configurations, random edits", () => {
    fc.assert(
      fc.property(
        rootArb,
        fc.constantFrom<Frame>("plain", "function", "let", "with", "rec"),
        fc.array(opArb, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (root, frame, ops, notes) => {
          const model = clone(root) as ModelSet;
          let text = file(model, frame, notes);
          for (const op of ops) {
            const path = pick(model, op);
            if (op.op === "remove") {
              // mostly an item the list holds
              const at = lookup(model, path);
              const items = typeof at === "object" && at.v?.t === "list" ? at.v.items : [];
              if (items.length > 0 && op.path % 3 > 0) op.item = items[op.path % items.length]!;
            }
            const before = text;
            const predicted = onModel(model, op, path);
            let got: { text: string; value?: unknown } | { error: EditProblem };
            try {
              got = onText(text, op, path);
            } catch (e) {
              if (!(e instanceof NixEditError)) throw e;
              got = { error: e.reason };
            }
            const context = `${op.op} ${JSON.stringify(path)} on\n${before}`;
            if ("error" in predicted) {
              expect(got, context).toEqual({ error: predicted.error });
              count(`${op.op} refused: ${predicted.error}`);
              continue;
            }
            expect("error" in got ? got : "ok", context).toBe("ok");
            const done = got as { text: string; value?: unknown };
            if (predicted.value !== undefined) expect(done.value, context).toEqual(predicted.value);
            text = done.text;
            count(op.op);
            expect(print(parse(text)), `${context}\ngave\n${text}`).toBe(text);
            expect(rootValue(text), `${context}\ngave\n${text}`).toEqual(json(model));
          }
          finals.push({ text, frame, want: json(model) });
        },
      ),
      { numRuns: RUNS },
    );
    console.log(
      `edit laws: ${RUNS} files, ${[...tally]
        .sort()
        .map(([k, n]) => `${k} ${n}`)
        .join(", ")}`,
    );
    // every operation, and every refusal the model predicts, was met often
    for (const op of ["get", "set", "rm", "rename", "append", "remove"]) {
      expect(tally.get(op) ?? 0, op).toBeGreaterThan(RUNS / 20);
    }
    for (const r of ["absent", "not-a-set", "not-a-list", "exists", "no-such-item"]) {
      expect([...tally].filter(([k]) => k.endsWith(r)).length, r).toBeGreaterThan(0);
    }
  });

  it.skipIf(!requireNix())("real Nix evaluates every final text to the model's value", () => {
    expect(finals.length).toBe(RUNS);
    const values = evalJson(finals.map((f) => nixValueOf(f.text, f.frame)));
    finals.forEach((f, i) => expect(values[i], f.text).toEqual(f.want));
  });
});
