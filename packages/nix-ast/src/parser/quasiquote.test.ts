import { describe, expect, it } from "vitest";
import { apply, attrs, bind, int, isNode, name, ref, str } from "../ast/builders.js";
import { NixAstError } from "../errors.js";
import { print } from "../printer/print.js";
import { show } from "../test-support/show-tree.js";
import { NixParseError } from "./error.js";
import { nix } from "./quasiquote.js";

describe("nix`...`", () => {
  it("fills expression holes with nodes and plain values", () => {
    const cond = ref("cfg.enable");
    const e = nix`lib.mkIf ${cond} { enable = ${true}; port = ${8080}; hosts = ${["a", "b"]}; }`;
    expect(show(e)).toBe(
      '((. lib mkIf) (. cfg enable) {enable=true; port=8080; hosts=["a" "b"];})',
    );
    expect(isNode(e)).toBe(true);
  });

  it("prints like the same tree built with builders", () => {
    const e = nix`lib.mkIf ${ref("cfg.enable")} { enable = ${true}; }`;
    expect(print(e)).toBe(
      print(apply(ref("lib.mkIf"), ref("cfg.enable"), attrs([bind("enable", true)]))),
    );
  });

  it("fills attribute names: strings are static, nodes dynamic", () => {
    expect(show(nix`{ ${"a b"} = 1; ${ref("x")} = 2; x.${"y"}.z = 3; }`)).toBe(
      '{"a b"=1; ${x}=2; x.y.z=3;}',
    );
    expect(show(nix`cfg.${"services"}.${name("or")}`)).toBe("(. cfg services.or)");
    expect(show(nix`{ inherit ${"a"} b; }`)).toBe("{inherit a b;}");
  });

  it("fills parameters and formals with strings", () => {
    expect(show(nix`${"x"}: ${"y"}`)).toBe('(fn x "y")');
    expect(show(nix`{ ${"pkgs"}, ... }: 1`)).toBe("(fn {pkgs ...} 1)");
  });

  it("fills holes inside strings and paths: text for strings, interpolation otherwise", () => {
    expect(show(nix`"${ref("pkgs.hello")}/bin/hello"`)).toBe('(str (. pkgs hello) "/bin/hello")');
    expect(show(nix`"a ${"b"} c"`)).toBe('"a b c"');
    expect(
      show(nix`''
      ${ref("x")} and ${"text"}
    ''`),
    ).toBe('(str x " and text\\n")');
    expect(show(nix`./hosts/${ref("host")}.nix`)).toBe('(path "./hosts/" host ".nix")');
  });

  it("reads Nix escapes as Nix does, and \\${ as a Nix interpolation", () => {
    expect(show(nix`"a\nb"`)).toBe('"a\\nb"');
    expect(show(nix`"x\${y}"`)).toBe('(str "x" y)');
    expect(show(nix`"\${${ref("z")}}"`)).toBe("(str z)");
  });

  it("keeps comments and layout", () => {
    const e = nix`{
      # the port
      port = ${int(1)};
    }`;
    expect(print(e)).toBe("{\n  # the port\n  port = 1;\n}\n");
  });

  it("runs the README's example", () => {
    const cfg = ref("cfg");
    const tree = nix`
      lib.mkIf ${ref("cfg.enable")} {
        systemd.services.${"atbb"}.environment.PORT = toString ${cfg}.port;
        environment.etc."atbb/url".text = "https://${ref("cfg.domain")}";
      }
    `;
    expect(print(tree)).toBe(
      [
        "lib.mkIf cfg.enable {",
        "  systemd.services.atbb.environment.PORT = toString cfg.port;",
        '  environment.etc."atbb/url".text = "https://${cfg.domain}";',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("reports bad source as a NixParseError and misplaced holes as NixAstError", () => {
    expect(() => nix`{ a = ${1} }`).toThrow(NixParseError);
    expect(() => nix`${ref("x")}: 1`).toThrow(NixAstError);
    expect(() => nix`1 # ${2}`).toThrow(/hole 1/);
    expect(() => nix`{ inherit ${str("a")}; }`).toThrow(NixAstError);
  });
});
