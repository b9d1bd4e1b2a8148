import { describe, expect, it } from "vitest";
import { attrs, indented, list, print, ref, str } from "../index.js";
import type { Expr } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";
import {
  assertion,
  assertions,
  literalExpression,
  literalMD,
  mkAfter,
  mkBefore,
  mkDefault,
  mkEnableOption,
  mkForce,
  mkIf,
  mkMerge,
  mkOption,
  mkOrder,
  mkOverride,
  mkPackageOption,
  optional,
  optionalAttrs,
  optionals,
  optionalString,
  optionTreeAttrs,
  types,
  warnings,
  type OptionSpec,
} from "./index.js";

const p = (e: Expr) => print(e).replace(/\n$/, "");

describe("mkOption", () => {
  it("prints the attributes in the order given, values converted by the type", () => {
    expect(
      p(
        mkOption({
          type: types.float,
          default: 1,
          example: 2.5,
          description: "Weight.",
          internal: true,
          visible: "shallow",
          readOnly: false,
          apply: ref("lib.id"),
          relatedPackages: ["hello"],
        }),
      ),
    ).toBe(
      [
        "lib.mkOption {",
        "  type = lib.types.float;",
        "  default = 1.0;",
        "  example = 2.5;",
        '  description = "Weight.";',
        "  internal = true;",
        '  visible = "shallow";',
        "  readOnly = false;",
        "  apply = lib.id;",
        '  relatedPackages = [ "hello" ];',
        "}",
      ].join("\n"),
    );
  });

  it("prints a one-attribute option on one line, and an empty one as { }", () => {
    expect(p(mkOption({ type: types.str }))).toBe("lib.mkOption { type = lib.types.str; }");
    expect(p(mkOption({}))).toBe("lib.mkOption { }");
  });

  it("accepts Nix expressions for default and example, and any value without a type", () => {
    expect(
      p(mkOption({ type: types.port, default: ref("cfg.basePort"), example: 8080 })),
    ).toContain("default = cfg.basePort;");
    expect(p(mkOption({ default: { a: [1, "x"] } }))).toContain("default = {\n    a = [");
  });

  it("writes multi-line descriptions as indented strings", () => {
    expect(p(mkOption({ type: types.bool, description: "One.\nTwo.\n" }))).toBe(
      [
        "lib.mkOption {",
        "  type = lib.types.bool;",
        "  description = ''",
        "    One.",
        "    Two.",
        "  '';",
        "}",
      ].join("\n"),
    );
  });

  it("refuses unknown keys and wrong values at run time", () => {
    expect(() => mkOption({ type: types.str, defualt: "x" } as OptionSpec<string>)).toThrow(
      /mkOption has no attribute "defualt"/,
    );
    expect(() => mkOption({ type: types.port, default: 70000 })).toThrow(NixAstError);
    expect(() => mkOption({ type: types.port, default: 70000 })).toThrow(/mkOption default/);
    expect(() => mkOption({ type: types.enum(["a", "b"]), example: "c" as "a" })).toThrow(
      /one of "a", "b"/,
    );
    expect(() => mkOption({ defaultText: ref("cfg.domain") as never })).toThrow(
      /defaultText must be literalExpression/,
    );
    expect(() => mkOption({ type: "str" as never })).toThrow(/option type/);
    expect(() => mkOption({ default: literalExpression(ref("x")) })).toThrow(/defaultText/);
    expect(() => mkOption({ internal: "yes" as never })).toThrow(/boolean/);
    expect(() => mkOption({ visible: "deep" as never })).toThrow(/shallow/);
    expect(() => mkOption({ apply: "x" as never })).toThrow(/function/);
    expect(() => mkOption(null as never)).toThrow(NixAstError);
  });

  it("is typed after its option type (checked by pnpm typecheck)", () => {
    // Never called: each marked line is a compile error.
    const compileOnly = () => {
      // @ts-expect-error: a port is a number
      mkOption({ type: types.port, default: "x" });
      // @ts-expect-error: unknown key
      mkOption({ type: types.port, defualt: 1 });
      // @ts-expect-error: the example must fit the type too
      mkOption({ type: types.bool, example: "yes" });
      // @ts-expect-error: not a member of the enum
      mkOption({ type: types.enum(["a", "b"]), default: "c" });
      // @ts-expect-error: list of strings
      mkOption({ type: types.listOf(types.str), default: [1] });
      // @ts-expect-error: a package has only Nix expressions as values
      mkOption({ type: types.package, default: "hello" });
      // @ts-expect-error: defaultText cannot be an arbitrary expression (it would be evaluated)
      mkOption({ type: types.str, defaultText: str`https://${ref("cfg.domain")}` });
      // @ts-expect-error: description is text
      mkOption({ type: types.str, description: 1 });
      // @ts-expect-error: a float option's default is a number
      mkOption({ type: types.nullOr(types.float), default: "1" });
    };
    expect(typeof compileOnly).toBe("function");
    // and these compile:
    mkOption({ type: types.nullOr(types.float), default: null });
    mkOption({ type: types.enum(["a", "b"]), default: "b" });
    mkOption({ type: types.package, default: ref("pkgs.hello") });
    mkOption({ type: types.attrsOf(types.port), default: { http: 80 } });
  });
});

describe("literalExpression and literalMD", () => {
  it("prints the tree as Nix source inside a string", () => {
    expect(p(literalExpression(str`https://${ref("cfg.domain")}`))).toBe(
      'lib.literalExpression "\\"https://\\${cfg.domain}\\""',
    );
    expect(p(literalExpression(ref("pkgs.hello")))).toBe('lib.literalExpression "pkgs.hello"');
    expect(p(literalExpression(list([1, 2])))).toBe(
      "lib.literalExpression ''\n  [\n    1\n    2\n  ]\n''",
    );
    expect(p(literalExpression(indented("a\n")))).toContain("''");
  });

  it("can be given as defaultText and example", () => {
    const out = p(
      mkOption({
        type: types.str,
        defaultText: literalExpression(str`${ref("config.networking.hostName")}.local`),
        example: literalExpression(ref("config.networking.fqdn")),
      }),
    );
    expect(out).toContain(
      'defaultText = lib.literalExpression "\\"\\${config.networking.hostName}.local\\"";',
    );
    expect(out).toContain('example = lib.literalExpression "config.networking.fqdn";');
  });

  it("literalMD holds Markdown", () => {
    expect(p(literalMD("the *host* name"))).toBe('lib.literalMD "the *host* name"');
    expect(p(mkOption({ defaultText: literalMD("`x`") }))).toContain('lib.literalMD "`x`"');
    expect(p(mkOption({ defaultText: "plain" }))).toContain('defaultText = "plain";');
    expect(() => literalMD(1 as never)).toThrow(NixAstError);
  });
});

describe("mkEnableOption and mkPackageOption", () => {
  it("print as lib calls", () => {
    expect(p(mkEnableOption("demo"))).toBe('lib.mkEnableOption "demo"');
    expect(p(mkPackageOption(ref("pkgs"), "hello"))).toBe('lib.mkPackageOption pkgs "hello" { }');
    expect(
      p(
        mkPackageOption(ref("pkgs"), ["python3Packages", "torch"], {
          nullable: true,
          default: null,
          example: "torch-bin",
          extraDescription: "Used for inference.",
          pkgsText: "pkgs",
        }),
      ),
    ).toBe(
      [
        'lib.mkPackageOption pkgs [ "python3Packages" "torch" ] {',
        "  nullable = true;",
        "  default = null;",
        '  example = "torch-bin";',
        '  extraDescription = "Used for inference.";',
        '  pkgsText = "pkgs";',
        "}",
      ].join("\n"),
    );
  });

  it("refuse bad arguments", () => {
    expect(() => mkEnableOption(1 as never)).toThrow(NixAstError);
    expect(() => mkPackageOption(ref("pkgs"), [])).toThrow(NixAstError);
    expect(() => mkPackageOption(ref("pkgs"), "x", { nulable: true } as never)).toThrow(
      /no attribute "nulable"/,
    );
    expect(() => mkPackageOption(ref("pkgs"), "x", { nullable: "yes" as never })).toThrow(
      /boolean/,
    );
  });
});

describe("combinators", () => {
  it("print as lib calls", () => {
    const c = ref("cfg.enable");
    expect(p(mkIf(c, { a: 1 }))).toBe("lib.mkIf cfg.enable { a = 1; }");
    expect(p(mkMerge([{ a: 1 }, mkIf(c, { b: 2 })]))).toBe(
      "lib.mkMerge [\n  { a = 1; }\n  (lib.mkIf cfg.enable { b = 2; })\n]",
    );
    expect(p(mkDefault(1))).toBe("lib.mkDefault 1");
    expect(p(mkForce(false))).toBe("lib.mkForce false");
    expect(p(mkOverride(900, "x"))).toBe('lib.mkOverride 900 "x"');
    expect(p(mkBefore(["a"]))).toBe('lib.mkBefore [ "a" ]');
    expect(p(mkAfter("x"))).toBe('lib.mkAfter "x"');
    expect(p(mkOrder(10, "x"))).toBe('lib.mkOrder 10 "x"');
    expect(p(optional(c, "x"))).toBe('lib.optional cfg.enable "x"');
    expect(p(optionals(c, ["x"]))).toBe('lib.optionals cfg.enable [ "x" ]');
    expect(p(optionalString(c, "x"))).toBe('lib.optionalString cfg.enable "x"');
    expect(p(optionalAttrs(c, { a: 1 }))).toBe("lib.optionalAttrs cfg.enable { a = 1; }");
    expect(() => mkOverride(1.5, 1)).toThrow(NixAstError);
    expect(() => mkOrder(Number.NaN, 1)).toThrow(NixAstError);
    expect(() => mkMerge({} as never)).toThrow(NixAstError);
  });

  it("build assertions and warnings", () => {
    expect(
      p(
        attrs({
          assertions: assertions([{ assertion: ref("cfg.ok"), message: "services.demo: not ok" }]),
          warnings: warnings([
            { when: ref("cfg.a"), message: "a is deprecated" },
            { when: ref("cfg.b"), message: "b is deprecated" },
          ]),
        }),
      ),
    ).toBe(
      [
        "{",
        "  assertions = [",
        "    {",
        "      assertion = cfg.ok;",
        '      message = "services.demo: not ok";',
        "    }",
        "  ];",
        '  warnings = lib.optional cfg.a "a is deprecated" ++ lib.optional cfg.b "b is deprecated";',
        "}",
      ].join("\n"),
    );
    expect(p(warnings([]))).toBe("[ ]");
    expect(() => assertion({ assertion: true } as never)).toThrow(NixAstError);
    expect(() => assertion({ assertion: true, message: "m", msg: 1 } as never)).toThrow(
      /no key "msg"/,
    );
  });
});

describe("optionTreeAttrs", () => {
  it("nests plain objects and spaces options", () => {
    const tree = { a: mkEnableOption("a"), sub: { b: mkEnableOption("b") } };
    expect(p(optionTreeAttrs(tree, "compact"))).toBe(
      '{\n  a = lib.mkEnableOption "a";\n  sub = {\n    b = lib.mkEnableOption "b";\n  };\n}',
    );
    expect(p(optionTreeAttrs(tree))).toContain('"a";\n\n  sub');
    expect(() => optionTreeAttrs([] as never)).toThrow(NixAstError);
    expect(() => optionTreeAttrs({ port: types.port })).toThrow(/option type, not an option/);
  });
});
