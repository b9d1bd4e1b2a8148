import { describe, expect, it } from "vitest";
import { path, print, ref, str } from "../index.js";
import type { Expr } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";
import {
  isOptionType,
  mkOption,
  TYPE_INFO,
  types,
  valueToNix,
  type OptionType,
  type ValueOf,
} from "./index.js";

const p = (e: Expr) => print(e).replace(/\n$/, "");
const conv = <V>(t: OptionType<V>, v: V) => p(valueToNix(t, v));

describe("types: printed forms", () => {
  const cases: [OptionType<unknown>, string][] = [
    [types.str, "lib.types.str"],
    [types.nonEmptyStr, "lib.types.nonEmptyStr"],
    [types.singleLineStr, "lib.types.singleLineStr"],
    [types.strMatching("[a-z]+"), 'lib.types.strMatching "[a-z]+"'],
    [types.separatedString(" "), 'lib.types.separatedString " "'],
    [types.lines, "lib.types.lines"],
    [types.commas, "lib.types.commas"],
    [types.envVar, "lib.types.envVar"],
    [types.passwdEntry(types.str), "lib.types.passwdEntry lib.types.str"],
    [types.bool, "lib.types.bool"],
    [types.boolByOr, "lib.types.boolByOr"],
    [types.int, "lib.types.int"],
    [types.ints.between(-5, 5), "lib.types.ints.between (-5) 5"],
    [types.ints.unsigned, "lib.types.ints.unsigned"],
    [types.ints.positive, "lib.types.ints.positive"],
    [types.ints.u8, "lib.types.ints.u8"],
    [types.ints.s32, "lib.types.ints.s32"],
    [types.port, "lib.types.port"],
    [types.float, "lib.types.float"],
    [types.number, "lib.types.number"],
    [types.numbers.between(0, 1.5), "lib.types.numbers.between 0 1.5"],
    [types.numbers.nonnegative, "lib.types.numbers.nonnegative"],
    [types.numbers.positive, "lib.types.numbers.positive"],
    [types.path, "lib.types.path"],
    [types.pathInStore, "lib.types.pathInStore"],
    [
      types.pathWith({ inStore: false, absolute: true }),
      "lib.types.pathWith {\n  inStore = false;\n  absolute = true;\n}",
    ],
    [types.package, "lib.types.package"],
    [types.shellPackage, "lib.types.shellPackage"],
    [types.pkgs, "lib.types.pkgs"],
    [types.raw, "lib.types.raw"],
    [types.anything, "lib.types.anything"],
    [types.unspecified, "lib.types.unspecified"],
    [types.attrs, "lib.types.attrs"],
    [types.deferredModule, "lib.types.deferredModule"],
    [types.optionType, "lib.types.optionType"],
    [types.listOf(types.str), "lib.types.listOf lib.types.str"],
    [types.nonEmptyListOf(types.int), "lib.types.nonEmptyListOf lib.types.int"],
    [
      types.attrsOf(types.listOf(types.port)),
      "lib.types.attrsOf (lib.types.listOf lib.types.port)",
    ],
    [types.lazyAttrsOf(types.bool), "lib.types.lazyAttrsOf lib.types.bool"],
    [
      types.attrsWith({ elemType: types.str, lazy: true }),
      "lib.types.attrsWith {\n  elemType = lib.types.str;\n  lazy = true;\n}",
    ],
    [types.nullOr(types.str), "lib.types.nullOr lib.types.str"],
    [types.enum(["a", "b"]), 'lib.types.enum [\n  "a"\n  "b"\n]'],
    [types.either(types.str, types.int), "lib.types.either lib.types.str lib.types.int"],
    [
      types.oneOf([types.str, types.int, types.bool]),
      "lib.types.oneOf [\n  lib.types.str\n  lib.types.int\n  lib.types.bool\n]",
    ],
    [types.uniq(types.str), "lib.types.uniq lib.types.str"],
    [
      types.unique({ message: "once" }, types.str),
      'lib.types.unique { message = "once"; } lib.types.str',
    ],
    [types.functionTo(types.str), "lib.types.functionTo lib.types.str"],
    [
      types.coercedTo(types.str, ref("lib.toList"), types.listOf(types.str)),
      "lib.types.coercedTo lib.types.str lib.toList (lib.types.listOf lib.types.str)",
    ],
    [
      types.addCheck(types.int, ref("lib.trivial.id")),
      "lib.types.addCheck lib.types.int lib.trivial.id",
    ],
    [types.submodule(path("./sub.nix")), "lib.types.submodule ./sub.nix"],
    [
      types.submoduleWith({ modules: [path("./sub.nix")], shorthandOnlyDefinesConfig: true }),
      "lib.types.submoduleWith {\n  modules = [ ./sub.nix ];\n  shorthandOnlyDefinesConfig = true;\n}",
    ],
    [
      types.deferredModuleWith({ staticModules: [] }),
      "lib.types.deferredModuleWith { staticModules = [ ]; }",
    ],
    [
      types.attrTag({ port: mkOption({ type: types.port }) }),
      "lib.types.attrTag { port = lib.mkOption { type = lib.types.port; }; }",
    ],
    [types.luaInline, "lib.types.luaInline"],
    [types.fromNix(ref("settingsFormat.type")), "settingsFormat.type"],
  ];

  it("prints each type as the lib.types expression", () => {
    for (const [t, expected] of cases) {
      expect(isOptionType(t)).toBe(true);
      expect(p(t), t[TYPE_INFO].name).toBe(expected);
    }
  });

  it("prints a submodule given by its options", () => {
    const t = types.submodule({
      options: {
        name: mkOption({ type: types.str }),
        port: mkOption({ type: types.port, default: 80 }),
      },
    });
    expect(p(t)).toBe(
      [
        "lib.types.submodule {",
        "  options = {",
        "    name = lib.mkOption { type = lib.types.str; };",
        "",
        "    port = lib.mkOption {",
        "      type = lib.types.port;",
        "      default = 80;",
        "    };",
        "  };",
        "}",
      ].join("\n"),
    );
  });
});

describe("types: values", () => {
  it("converts values by type", () => {
    expect(conv(types.float, 2)).toBe("2.0");
    expect(conv(types.number, 2)).toBe("2");
    expect(conv(types.number, 2.5)).toBe("2.5");
    expect(conv(types.number, 1e300)).toBe("1.0e300"); // integral but not exact as an integer
    expect(conv(types.number, 2n ** 60n)).toBe("1152921504606846976");
    expect(conv(types.int, 2n ** 60n)).toBe("1152921504606846976");
    expect(conv(types.ints.s8, -128)).toBe("-128");
    expect(conv(types.listOf(types.float), [1, 2.5])).toBe("[\n  1.0\n  2.5\n]");
    expect(conv(types.attrsOf(types.nullOr(types.port)), { a: 1, b: null })).toBe(
      "{\n  a = 1;\n  b = null;\n}",
    );
    expect(conv(types.either(types.int, types.str), "x")).toBe('"x"');
    expect(conv(types.enum(["a", 1, true]), 1)).toBe("1");
    expect(conv(types.path, "/etc/x")).toBe('"/etc/x"');
    expect(conv(types.anything, { a: [1, "b"] })).toBe('{\n  a = [\n    1\n    "b"\n  ];\n}');
    expect(conv(types.listOf(types.str), ["a", str`${ref("x")}`])).toBe('[\n  "a"\n  "${x}"\n]');
  });

  it("converts submodule values through the submodule's options", () => {
    const t = types.submodule({
      options: {
        weight: mkOption({ type: types.float }),
        nested: { on: mkOption({ type: types.bool }) },
      },
    });
    expect(conv(t, { weight: 1, nested: { on: true } })).toBe(
      "{\n  weight = 1.0;\n  nested = {\n    on = true;\n  };\n}",
    );
    expect(() => valueToNix(t, { wieght: 1 } as never)).toThrow(/has no option "wieght"/);
  });

  it("converts attrTag values through the tag's option", () => {
    const t = types.attrTag({
      port: mkOption({ type: types.port }),
      weight: mkOption({ type: types.float }),
    });
    expect(conv(t, { weight: 2 })).toBe("{ weight = 2.0; }");
    expect(() => valueToNix(t, { port: 1, weight: 2 } as never)).toThrow(/exactly one of/);
    expect(() => valueToNix(t, { size: 1 } as never)).toThrow(/has no option "size"/);
    expect(() => valueToNix(t, { port: 70000 })).toThrow(/between 0 and 65535/);
    expect(() => types.attrTag({})).toThrow(NixAstError);
    expect(() => types.attrTag({ a: types.str as never })).toThrow(/mkOption/);
    expect(() => types.submoduleWith({ modules: [], extra: 1 } as never)).toThrow(/unknown key/);
  });

  it("converts values of a types.fromNix type as plain data", () => {
    expect(conv(types.fromNix(ref("fmt.type")), { a: [1, true] })).toBe(
      "{\n  a = [\n    1\n    true\n  ];\n}",
    );
    expect(() => types.fromNix("x" as never)).toThrow(NixAstError);
  });

  it("lets any node through unchecked", () => {
    expect(p(valueToNix(types.port, ref("cfg.port")))).toBe("cfg.port");
    expect(p(valueToNix(types.package, ref("pkgs.hello")))).toBe("pkgs.hello");
  });

  it("refuses what the type cannot hold, with NixAstError naming type and place", () => {
    const bad: [OptionType<unknown>, unknown, RegExp][] = [
      [
        types.port,
        70000,
        /types\.port expects an integer between 0 and 65535, got the number 70000/,
      ],
      [types.port, -1, /between 0 and 65535/],
      [types.port, 1.5, /expects an integer/],
      [types.ints.unsigned, -1, /an integer >= 0/],
      [types.ints.positive, 0, /an integer >= 1/],
      [types.ints.u8, 256, /between 0 and 255/],
      [types.ints.s16, -32769, /between -32768 and 32767/],
      [types.ints.between(1, 3), 4, /between 1 and 3/],
      [types.int, 2n ** 63n, /integer/],
      [types.numbers.positive, 0, /> 0/],
      [types.numbers.between(0, 1), 1.5, /<= 1/],
      [types.float, "1", /expects a number/],
      [types.str, 1, /types\.str expects a string, got the number 1/],
      [types.nonEmptyStr, " \n", /empty or only whitespace/],
      [types.singleLineStr, "a\nb", /line break/],
      [types.strMatching("[a-z]+"), "A", /does not match/],
      [types.passwdEntry(types.str), "a:b", /no colon/],
      [types.path, "relative/x", /not an absolute path/],
      [types.pathInStore, "/etc", /not in the Nix store/],
      [types.pathWith({ inStore: false, absolute: true }), "/nix/store/abc-x", /in the Nix store/],
      [types.pathWith({ absolute: true }), "x", /not absolute/],
      [types.bool, "true", /expects a boolean/],
      [types.enum(["a", "b"]), "c", /one of "a", "b"/],
      [types.package, "hello", /no JavaScript value.*pass a Nix expression/],
      [types.functionTo(types.str), "x", /no JavaScript value/],
      [types.listOf(types.port), [80, 99999], /\[1\]/],
      [types.nonEmptyListOf(types.str), [], /non-empty/],
      [types.attrsOf(types.int), [1], /a plain object/],
      [types.attrsOf(types.int), { a: "x" }, /attribute "a"/],
      [types.either(types.int, types.bool), "x", /accepts none of/],
      [types.oneOf([types.int, types.bool]), "x", /accepts none of/],
      [types.attrs, 1, /plain object/],
    ];
    for (const [t, v, message] of bad) {
      const name = t[TYPE_INFO].name;
      expect(() => valueToNix(t, v as never, ["here"]), name).toThrow(NixAstError);
      expect(() => valueToNix(t, v as never, ["here"]), name).toThrow(message);
      expect(() => valueToNix(t, v as never, ["here"]), name).toThrow(/at <root> > here/);
    }
  });

  it("refuses bad type arguments", () => {
    expect(() => types.ints.between(3, 1)).toThrow(NixAstError);
    expect(() => types.ints.between(1.5, 3)).toThrow(NixAstError);
    expect(() => types.numbers.between(Number.NaN, 1)).toThrow(NixAstError);
    expect(() => types.enum([1.5])).toThrow(/not a string, integer or boolean/);
    expect(() => types.oneOf([])).toThrow(/at least one type/);
    expect(() => types.listOf(ref("lib.types.str") as never)).toThrow(/expects an option type/);
    expect(() => types.pathWith({ inStore: true, absolute: false })).toThrow(NixAstError);
    expect(() => types.pathWith({ inStor: true } as never)).toThrow(/unknown key/);
    expect(() => types.submodule({ options: {}, config: {}, extra: 1 } as never)).toThrow(
      /unknown key/,
    );
  });
});

describe("types: what TypeScript sees", () => {
  it("carries each type's JavaScript value type", () => {
    const port: ValueOf<typeof types.port> = 80;
    const e: ValueOf<ReturnType<typeof types.enum<["a", "b"]>>> = "a";
    const l: ValueOf<ReturnType<typeof types.listOf<string>>> = ["x", ref("y")];
    expect([port, e, l.length]).toEqual([80, "a", 2]);
  });

  it("refuses wrong values at compile time (checked by pnpm typecheck)", () => {
    // Never called: each line is a compile error, proved by @ts-expect-error.
    const compileOnly = () => {
      // @ts-expect-error: a port is a number
      valueToNix(types.port, "80");
      // @ts-expect-error: not a member of the enum
      valueToNix(types.enum(["a", "b"]), "c");
      // @ts-expect-error: list elements are strings
      valueToNix(types.listOf(types.str), [1]);
      // @ts-expect-error: a package has no JavaScript value
      valueToNix(types.package, "hello");
      // @ts-expect-error: null is not a string
      valueToNix(types.str, null);
      valueToNix(types.nullOr(types.str), null);
      // @ts-expect-error: unknown submodule option
      valueToNix(types.submodule({ options: { a: mkOption({ type: types.int }) } }), { b: 1 });
      // @ts-expect-error: attrTag values have one of the tags
      valueToNix(types.attrTag({ a: mkOption({ type: types.int }) }), { b: 1 });
      // @ts-expect-error: the tag's value has the tag's type
      valueToNix(types.attrTag({ a: mkOption({ type: types.int }) }), { a: "x" });
      // @ts-expect-error: submodule option of the wrong type
      valueToNix(types.submodule({ options: { a: mkOption({ type: types.int }) } }), { a: "x" });
    };
    expect(typeof compileOnly).toBe("function");
  });
});
