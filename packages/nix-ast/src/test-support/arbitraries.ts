/**
 * fast-check generators of random Nix trees over every node kind, deep and with mixed
 * operators: for the printer's and the parser's laws.
 *
 * Trees are built with the builders. Free variables come from a small pool, so wrap a
 * printed tree as `__v: with __v; SOURCE` before handing it to Nix.
 */
import fc from "fast-check";
import {
  apply,
  assertThen,
  attrs,
  bind,
  dynamic,
  float,
  formals,
  hasAttr,
  ifThenElse,
  indented,
  inherit,
  inheritFrom,
  int,
  lambda,
  letIn,
  list,
  name,
  neg,
  not,
  op,
  paren,
  path,
  ref,
  searchPath,
  select,
  strParts,
  withScope,
} from "../ast/builders.js";
import { mapChildren } from "../ast/map.js";
import type { AttrName, BinaryOp, Expr } from "../ast/nodes.js";

const VARS = ["a", "b", "c", "f", "g", "x", "lib", "pkgs", "foo-bar", "x'"];
const NAMES = ["a", "b", "c", "enable", "or", "let", "with space", "a.b", "", "${x}", "n1"];
const OPS: readonly BinaryOp[] = [
  "++",
  "*",
  "/",
  "+",
  "-",
  "//",
  "<",
  "<=",
  ">",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "->",
];

const variable = fc.constantFrom(...VARS).map((n) => ref(n) as Expr);

const integer = fc
  .oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -20n, max: 20n }))
  .map((v) => int(v) as Expr);

const floating = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .filter((v) => v === 0 || Math.abs(v) >= 2.2250738585072014e-308)
  .map((v) => float(v) as Expr);

const text = fc.oneof(
  fc.constantFrom("", "a", "x y", "${", "$", "''", "'", '"', "\\", "\n", "  indented\n", "\t"),
  fc.string({ maxLength: 6 }),
);

const pathLit = fc
  .constantFrom("./a", "../.", "./foo/bar.nix", "/etc/x", "~/x", "./a-b_c+d.e")
  .map((p) => path(p) as Expr);

const staticName: fc.Arbitrary<AttrName> = fc.constantFrom(...NAMES).map((n) => name(n));

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 4, arbitrary: variable },
  { weight: 2, arbitrary: integer },
  { weight: 1, arbitrary: floating },
  { weight: 1, arbitrary: pathLit },
  {
    weight: 1,
    arbitrary: fc.constantFrom("nixpkgs", "nixpkgs/lib").map((p) => searchPath(p) as Expr),
  },
  { weight: 2, arbitrary: text.map((t) => strParts([t]) as Expr) },
);

/** Distinct static names for the bindings of one set or `let`. */
function distinctNames(min: number, max: number, pool = NAMES): fc.Arbitrary<string[]> {
  return fc.uniqueArray(fc.constantFrom(...pool), { minLength: min, maxLength: max });
}

/** A random expression tree, `depth` levels deep at most. */
export function exprArb(depth = 5): fc.Arbitrary<Expr> {
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
    const e = tie("expr");
    const attrName: fc.Arbitrary<AttrName> = fc.oneof(
      { weight: 4, arbitrary: staticName },
      // Only simple dynamic names: Nix's --parse output of `"${e}"` names cannot be re-read
      // reliably by the canonicalizer when `e` holds strings.
      { weight: 1, arbitrary: variable.map((x) => dynamic(x)) },
    );
    const attrPath = fc.array(attrName, { minLength: 1, maxLength: 3 }) as fc.Arbitrary<
      [AttrName, ...AttrName[]]
    >;
    const letNames = VARS.filter((v) => v !== "x'");
    return {
      expr: fc.oneof(
        { depthSize: "small", withCrossShrink: true, maxDepth: depth },
        leaf,
        fc.tuple(e, attrPath, fc.option(e, { nil: undefined })).map(([b, p, d]) => select(b, p, d)),
        fc.tuple(e, attrPath).map(([b, p]) => hasAttr(b, p)),
        fc.array(e, { maxLength: 4 }).map((items) => list(items)),
        fc
          .tuple(distinctNames(0, 4), fc.array(e, { minLength: 4, maxLength: 4 }), fc.boolean())
          .map(([names, values, rec]) =>
            attrs(
              names.map((n, i) => bind(n, values[i]!)),
              { rec },
            ),
          ),
        fc
          .tuple(distinctNames(1, 3, letNames), fc.array(e, { minLength: 3, maxLength: 3 }), e)
          .map(([names, values, body]) =>
            letIn(
              names.map((n, i) => bind(n, values[i]!)),
              body,
            ),
          ),
        fc
          .tuple(distinctNames(1, 2, letNames.slice(0, 4)), e)
          .map(([names, from]) => attrs([inheritFrom(from, names), inherit(["zz"])])),
        fc.tuple(fc.constantFrom(...letNames), e).map(([p, body]) => lambda(p, body)),
        fc
          .tuple(
            distinctNames(0, 4, letNames),
            fc.array(fc.option(e, { nil: undefined }), { minLength: 4, maxLength: 4 }),
            fc.boolean(),
            fc.constantFrom(undefined, "before", "after"),
            e,
          )
          .map(([names, defaults, ellipsis, at, body]) =>
            lambda(
              formals(
                names.map((n, i) => (defaults[i] === undefined ? n : ([n, defaults[i]!] as const))),
                {
                  ellipsis,
                  ...(at ? { bind: { name: "args", position: at as "before" | "after" } } : {}),
                },
              ),
              body,
            ),
          ),
        fc
          .tuple(e, fc.array(e, { minLength: 1, maxLength: 3 }))
          .map(([fn, args]) => apply(fn, ...(args as [Expr, ...Expr[]]))),
        fc.tuple(e, e, e).map(([c, t, f]) => ifThenElse(c, t, f)),
        fc.tuple(e, e).map(([env, body]) => withScope(env, body)),
        fc.tuple(e, e).map(([c, body]) => assertThen(c, body)),
        e.map((x) => not(x)),
        e.map((x) => neg(x)),
        fc.tuple(fc.constantFrom(...OPS), e, e).map(([o, l, r]) => op(l, o, r)),
        fc.tuple(text, e, text).map(([a, x, b]) => strParts([a, x, b])),
        fc.tuple(text, e).map(([a, x]) => indented`${a}\n  ${x}\n`),
        e.map((x) => path`./a/${x}.nix`),
        e.map((x) => paren(x)),
      ),
    };
  });
  return expr;
}

/** The same tree with every subexpression wrapped in parentheses. */
export function parenthesizeAll(e: Expr): Expr {
  return mapChildren(e, (x) => paren(parenthesizeAll(x)));
}
