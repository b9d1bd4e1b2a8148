/**
 * The official format's byte-exact fixtures (`printer/fixtures/*.nix`), each rebuilt as a tree
 * with the builders. The printer must print every one of them unchanged.
 */
import {
  apply,
  assertThen,
  attrs,
  bind,
  blockComment,
  comment,
  dynamic,
  float,
  formals,
  hasAttr,
  ifThenElse,
  indented,
  inherit,
  inheritFrom,
  lambda,
  letIn,
  list,
  name,
  neg,
  not,
  op,
  paren,
  path,
  recAttrs,
  ref,
  searchPath,
  select,
  str,
  int,
  strParts,
  withScope,
  withTrivia,
  chain,
} from "../ast/builders.js";
import type { Expr } from "../ast/nodes.js";

const f = ref("f");
const x = ref("x");
const a = ref("a");
const b = ref("b");
const c = ref("c");
const d = ref("d");
const e = ref("e");

export const STYLE_CASES: Readonly<Record<string, () => Expr>> = {
  "01-literals.nix": () =>
    attrs({
      int: 42,
      neg: -7,
      float: 1.5,
      small: float(0.001),
      t: true,
      f: false,
      n: null,
      s: "hello",
      p: path("./foo/bar.nix"),
      up: path("../."),
      home: path("~/x"),
      search: searchPath("nixpkgs"),
    }),
  "02-lists.nix": () =>
    attrs({
      empty: [],
      one: [1],
      two: [1, 2],
      nested: [[1, 2], [], [3]],
      neg: [-1, apply(f, x)],
      sets: [{ a: 1 }, { b: 2 }],
    }),
  "03-attrs.nix": () =>
    attrs([
      bind("empty", attrs()),
      bind(["a", "b", "c"], 1),
      bind([name("quoted-key", { quoted: true })], 2),
      bind("with space", 3),
      bind("let", 4),
      bind("or", 5),
      bind([dynamic(ref("dyn"))], 6),
      bind("x", attrs({ y: 1 })),
      bind("rec1", recAttrs({ a: 1, b: a })),
    ]),
  "04-inherit.nix": () =>
    attrs([
      inherit(["a", "b"]),
      inheritFrom(ref("pkgs"), ["lib", "stdenv", "fetchurl"]),
      inheritFrom(ref("finalAttrs"), ["pname", "version", "src"]),
      inheritFrom(ref("lib"), [
        "mkOption",
        "mkEnableOption",
        "mkIf",
        "mkMerge",
        "mkDefault",
        "mkForce",
        "types",
        "literalExpression",
        "optional",
        "optionals",
      ]),
    ]),
  "05-let.nix": () => letIn({ a: 1, b: { c: 2 } }, op(a, "+", ref("b.c"))),
  "06-if.nix": () =>
    attrs({
      short: ifThenElse(c, 1, 2),
      chain: ifThenElse(a, "a", ifThenElse(b, "b", "c")),
      long: ifThenElse(
        ref("config.services.something.enable"),
        ref("config.services.something.package"),
        ref("pkgs.hello"),
      ),
      set: ifThenElse(c, { a: 1 }, attrs()),
    }),
  "07-lambdas.nix": () =>
    attrs({
      id: lambda("x", x),
      curried: lambda("a", lambda("b", op(a, "+", b))),
      pat: lambda(formals(["a", ["b", 2]], { ellipsis: true }), op(a, "+", b)),
      at: lambda(formals(["a"], { ellipsis: true, bind: { name: "args", position: "before" } }), a),
      at2: lambda(formals(["a"], { ellipsis: true, bind: { name: "args", position: "after" } }), a),
      two: lambda(formals(["self", "nixpkgs"]), ref("self")),
      big: lambda(
        formals(["lib", "stdenv", "fetchurl", "nodejs"]),
        apply(ref("stdenv.mkDerivation"), attrs()),
      ),
      empty: lambda(formals([]), 1),
      ell: lambda(formals([], { ellipsis: true }), 1),
    }),
  "08-apply.nix": () =>
    attrs({
      a: apply(f, x),
      b: apply(f, x, ref("y"), ref("z")),
      c: apply(ref("lib.mkIf"), ref("cfg.enable"), { a: 1, b: 2 }),
      d: apply(f, apply(ref("g"), x), [1, 2]),
      e: apply(ref("stdenv.mkDerivation"), lambda("finalAttrs", { pname: "x", version: "1" })),
      g: apply(ref("map"), lambda("x", op(x, "+", 1)), ref("list")),
      h: apply(
        ref("builtins.attrNames"),
        apply(
          ref("lib.filterAttrs"),
          lambda("n", lambda("v", ref("v.enable"))),
          ref("config.services.something.instances"),
        ),
      ),
    }),
  "09-operators.nix": () =>
    attrs({
      a: op(1, "+", op(2, "*", 3)),
      b: op(op(1, "+", 2), "*", 3),
      c: op(a, "-", op(b, "-", c)),
      d: chain("//", a, b, c),
      e: chain("++", [1], [2], ref("l")),
      f: op(op(not(a), "&&", b), "||", c),
      g: op(a, "->", b),
      h: select(x, "y", null),
      i: hasAttr(x, "y"),
      j: neg(op(a, "+", b)),
      k: op(a, "==", b),
      l: op(paren(op(a, "<", b)), "==", paren(op(c, "<", d))),
      m: op(
        apply(ref("lib.optional"), ref("cfg.database.enable"), "postgresql.service"),
        "++",
        apply(ref("lib.optional"), ref("cfg.autoMigrate"), "atbb-migrate.service"),
      ),
      n: chain(
        "++",
        list(["network.target"]),
        apply(ref("lib.optional"), ref("cfg.database.enable"), "postgresql.service"),
        apply(ref("lib.optional"), ref("cfg.autoMigrate"), "atbb-migrate.service"),
      ),
    }),
  "10-strings.nix": () =>
    attrs({
      a: strParts(['tab\there\nnewline "quote" back\\slash'], "double"),
      b: str`dollar $ and \${notinterp} and ${ref("interp")}`,
      c: indented`line one\n  indented ${x}\nescaped \${y} and '' quotes\n`,
      d: str`${a}${b}`,
      e: indented("single line ind"),
      f: str`https://${ref("cfg.domain")}`,
    }),
  "11-with-assert.nix": () =>
    attrs({
      meta: withScope(ref("lib"), {
        license: ref("licenses.mit"),
        platforms: ref("platforms.linux"),
      }),
      x: withScope(ref("pkgs"), [ref("hello"), ref("curl")]),
      y: assertThen(op(a, "!=", null), a),
      z: withScope(ref("lib"), apply(ref("mkIf"), true, 1)),
    }),
  "12-comments.nix": () =>
    withTrivia(
      attrs([
        bind("a", 1, { leading: [comment("leading comment for a")] }),
        bind("b", 2, {
          blankLineBefore: true,
          leading: [comment("section")],
          trailing: " trailing comment",
        }),
        bind("c", list([withTrivia(int(1), { leading: [comment("inside list")] }), 2]), {
          leading: [comment("block comment")],
        }),
      ]),
      { leading: [comment("top comment")] },
    ),
  "13-long.nix": () =>
    attrs({
      description:
        "a very long string that certainly goes past the width limit of one hundred characters, for sure it does",
      call: apply(
        ref("someFunction"),
        ref("argumentNumberOne"),
        ref("argumentNumberTwo"),
        ref("argumentNumberThree"),
        ref("argumentNumberFour"),
        ref("argumentFive"),
      ),
      list: ["x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin"],
    }),
  "14-module.nix": () =>
    lambda(
      formals(["config", "lib", "pkgs"], { ellipsis: true }),
      letIn(
        { cfg: ref("config.services.demo") },
        attrs([
          bind(["options", "services", "demo"], {
            enable: apply(ref("lib.mkEnableOption"), "demo"),
            port: apply(ref("lib.mkOption"), {
              type: ref("lib.types.port"),
              default: 8080,
              description: "Port.",
            }),
          }),
          bind(
            "config",
            apply(
              ref("lib.mkIf"),
              ref("cfg.enable"),
              attrs([
                bind(
                  ["systemd", "services", "demo"],
                  attrs([
                    bind("wantedBy", ["multi-user.target"]),
                    bind(
                      ["serviceConfig", "ExecStart"],
                      str`${ref("pkgs.hello")}/bin/hello --port ${apply(ref("toString"), ref("cfg.port"))}`,
                    ),
                  ]),
                ),
              ]),
            ),
          ),
        ]),
      ),
    ),
  "15-select.nix": () =>
    attrs({
      a: ref("x.y.z"),
      b: select(x, [name("quoted", { quoted: true }), "z"]),
      c: select(x, [dynamic(ref("y")), "z"]),
      d: select(apply(f, x), "y"),
      e: select(x, "y", apply(ref("throw"), "missing")),
      f: select(ref("pkgs"), [dynamic(ref("system"))]),
      g: select(apply(ref("import"), path("./x.nix"), attrs()), "attr"),
    }),
  "16-absorption.nix": () =>
    attrs({
      a: apply(f, { x: 1 }),
      b: apply(f, { x: 1, y: 2 }),
      c: [{ a: 1, b: 2 }],
      d: attrs([inherit(["x"])]),
      e: apply(ref("g"), [1, 2], { a: 1 }),
      f2: apply(ref("builtins.map"), lambda("x", { name: x, value: 1 }), ["a", "b"]),
      h: apply(ref("lib.mkOption"), { type: ref("lib.types.bool"), default: true }),
      i: lambda("a", { b: a }),
      j: apply(ref("lib.genAttrs"), ["x"], lambda("name", attrs([inherit(["name"])]))),
      k: [lambda("x", x)],
    }),
  "17-operator-chains.nix": () =>
    attrs({
      requires: op(
        apply(ref("lib.optionals"), ref("cfg.database.enable"), ["postgresql.service"]),
        "++",
        apply(ref("lib.optional"), ref("cfg.autoMigrate"), "atbb-migrate.service"),
      ),
      after: ["network.target"],
      x: str`${ref("nodejs")}/bin/node ${ref("cfg.package")}/apps/appview/node_modules/.bin/drizzle-kit migrate --config ${ref("cfg.package")}/apps/appview/drizzle.config.ts`,
      y: chain(
        "&&",
        a,
        b,
        ref("cccccccccccccccccccccccccccccc"),
        ref("dddddddddddddddddddddddddddddddddd"),
        ref("eeeeeeeeeeeeeeeeeeeeeeeeeeee"),
      ),
      z: "short",
    }),
  "18-lambda-chains.nix": () =>
    attrs({
      x: lambda("a", lambda("b", lambda("c", op(d, "+", e)))),
      y: lambda("a", lambda("b", op(d, "+", e))),
      z: lambda("a", lambda("b", lambda("c", { y: 1 }))),
      w: lambda("a", lambda("b", { c: 1, d: 2 })),
      v: lambda("a", lambda("b", lambda("c", d))),
    }),
  "19-let-one.nix": () =>
    attrs({
      x: letIn({ a: 1 }, a),
      y: letIn({ a: 1 }, { b: a }),
    }),
  "20-long-strings.nix": () => {
    const long = "x".repeat(110);
    return attrs({
      a: apply(f, long),
      b: apply(f, a, b, long),
      c: [long],
      d: op(long, "+", ref("y")),
      e: long,
    });
  },
  "21-list-items.nix": () =>
    list([
      apply(f, x),
      apply(ref("g"), ref("y"), ref("z")),
      apply(ref("fetchurl"), { url: "u", sha256: "s" }),
      { a: 1 },
      { b: 2, c: 3 },
    ]),
  "22-update-chains.nix": () =>
    attrs({
      x: chain(
        "//",
        ref("aaaaaaaaaaaaaaaaaaaa"),
        ref("bbbbbbbbbbbbbbbbbbbbbbbbb"),
        paren(
          chain(
            "++",
            ref("cccccccccccccccccccccccccccc"),
            ref("dddddddddddddddddddddddd"),
            ref("eeeeeeeeeeeeeee"),
            ref("ffffffffffffffffffffffffffff"),
          ),
        ),
      ),
      y: op(a, "//", { b: 1 }),
      z: chain(
        "//",
        apply(ref("lib.optionalAttrs"), ref("cfg.enable"), { a: 1 }),
        apply(ref("lib.optionalAttrs"), ref("cfg.other"), { b: 2 }),
        { c: 3 },
      ),
      w: op({ b: 1, c: 2 }, "//", a),
    }),
  "23-parens.nix": () =>
    attrs({
      x: op(
        chain(
          "+",
          ref("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
          ref("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
          ref("ccccccccccccccccccccccccccccccccccccc"),
        ),
        "*",
        d,
      ),
      y: paren(letIn({ a: 1 }, a)),
      z: paren(lambda("a", { b: 1, c: 2 })),
      w: apply(f, paren(x)),
    }),
  "24-call-middle.nix": () =>
    attrs({
      x: apply(f, ref("aaa"), ref("bbb"), { c: 1, d: 2 }, ref("ddd")),
      y: apply(f, ref("aaa"), { c: 1, d: 2 }, [1, 2]),
    }),
  "25-assert-if.nix": () =>
    attrs({
      x: assertThen(a, assertThen(b, { y: 1 })),
      z: ifThenElse(c, "a", ifThenElse(d, "b", "c")),
      u: ifThenElse(c, letIn({ a: 1 }, a), 2),
    }),
  "26-formals.nix": () =>
    attrs({
      a: lambda(formals(["a", "b"], { ellipsis: true }), a),
      b: lambda(formals(["a", "b", "c"], { ellipsis: true }), a),
      c: lambda(formals(["a", "b"]), { x: 1, y: 2 }),
      d: apply(f, lambda(formals(["a", "b", "c"]), { y: 1 })),
    }),
  "27-with-top.nix": () => withScope(ref("lib"), { a: 1, b: 2 }),
  "28-comments-more.nix": () =>
    attrs([
      bind(
        "a",
        list([1, withTrivia(int(2), { trailing: " two" })], { closingComments: [comment("end")] }),
      ),
      bind("b", 1, { leading: [blockComment("doc", { doc: true })] }),
      bind("c", withTrivia(apply(f, x), { leading: [comment("mid")] }), {
        leading: [blockComment("multi\nline")],
      }),
    ]),
  "29-long-calls.nix": () => {
    const args = Array.from({ length: 18 }, (_, i) => ref(`arg${String(i).padStart(2, "0")}`));
    const long = ref("a".repeat(95));
    return attrs({
      x: apply(f, ...(args as [Expr, ...Expr[]])),
      y: apply(f, ref("bb"), long),
      z: [apply(ref("someFunction"), ref("argumentNumberOne"), long)],
    });
  },
};
