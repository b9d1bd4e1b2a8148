import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bind, inheritFrom, letIn, lambda, parse, print, ref } from "../index.js";
import { NixAstError } from "../errors.js";
import { atbbOptionsModule, demoModule } from "../test-support/nixos-modules.js";
import { nixosModule, type NixosModuleSpec } from "./index.js";

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("nixosModule", () => {
  it("builds style-cases/14-module.nix byte for byte", () => {
    // The official format's own fixture, kept once, with the printer's.
    expect(print(demoModule())).toBe(fixture("../../printer/fixtures/14-module.nix"));
  });

  it("builds the seed's services.atbb options, corrected, byte for byte", () => {
    expect(print(atbbOptionsModule())).toBe(fixture("atbb-options.nix"));
  });

  it("prints fixtures that are fixed points of the formatter (parse, then print)", () => {
    for (const name of ["../../printer/fixtures/14-module.nix", "atbb-options.nix", "units.nix"]) {
      const text = fixture(name);
      expect(print(parse(text, { file: name })), name).toBe(text);
    }
  });

  it("prints the corrected defaultTexts as quoted Nix source", () => {
    const text = print(atbbOptionsModule());
    expect(text).toContain(
      'defaultText = lib.literalExpression "self.packages.\\${pkgs.stdenv.hostPlatform.system}.default";',
    );
    expect(text).toContain('defaultText = lib.literalExpression "\\"https://\\${cfg.domain}\\"";');
    expect(text).not.toContain("pkgs.system}");
  });

  it("declares inherit (lib) and prints those helpers bare", () => {
    const out = print(demoModule({ inheritLib: ["mkIf", "mkOption", "types"] }));
    expect(out).toContain("  inherit (lib) mkIf mkOption types;\n  cfg = config.services.demo;");
    expect(out).toContain("port = mkOption {\n      type = types.port;");
    expect(out).toContain("config = mkIf cfg.enable {");
    expect(out).toContain("enable = lib.mkEnableOption"); // not inherited: stays qualified
  });

  it("inherits every lib name the module uses with inheritLib: auto", () => {
    const out = print(demoModule({ inheritLib: "auto" }));
    expect(out).toContain(
      "let\n  inherit (lib)\n    mkEnableOption\n    mkIf\n    mkOption\n    types\n    ;\n  cfg =",
    );
    expect(out).not.toContain("lib.");
    const none = print(nixosModule({ inheritLib: "auto", config: { a: 1 } }));
    expect(none).not.toContain("inherit");
    const own = print(
      nixosModule({ inheritLib: "auto", let: { mkIf: 1 }, config: { a: ref("lib.mkIf") } }),
    );
    expect(own).toContain("a = lib.mkIf;"); // the module binds mkIf itself
  });

  it("keeps qualified names where a scope rebinds them", () => {
    const out = print(
      nixosModule({
        inheritLib: ["types"],
        config: {
          a: ref("lib.types.str"),
          b: letIn({ types: 1 }, ref("lib.types.str")),
          c: lambda("types", ref("lib.types.int")),
          d: lambda("lib", ref("lib.types.bool")),
        },
      }),
    );
    expect(out).toContain("a = types.str;");
    expect(out).toContain("b =\n      let\n        types = 1;\n      in\n      lib.types.str;");
    expect(out).toContain("c = types: lib.types.int;");
    expect(out).toContain("d = lib: lib.types.bool;");
  });

  it("supports an outer parameter, no let, imports and extra bindings", () => {
    const out = print(
      nixosModule({
        outerParam: ["self", "inputs"],
        args: ["config", "lib"],
        imports: [ref("inputs.other.nixosModules.default")],
        extra: { meta: { maintainers: [] } },
        spacing: "compact",
      }),
    );
    expect(out).toBe(
      "self: inputs: { config, lib, ... }: {\n  imports = [ inputs.other.nixosModules.default ];\n  meta = {\n    maintainers = [ ];\n  };\n}\n",
    );
  });

  it("accepts a let given as bindings", () => {
    const out = print(
      nixosModule({
        let: [inheritFrom(ref("lib"), ["mkIf"]), bind("cfg", ref("config.x"))],
        config: {},
      }),
    );
    expect(out).toContain("let\n  inherit (lib) mkIf;\n  cfg = config.x;\nin");
  });

  it("is typed (checked by pnpm typecheck)", () => {
    const compileOnly = () => {
      // @ts-expect-error: unknown key
      nixosModule({ confg: {} });
      // @ts-expect-error: spacing is "blank" or "compact"
      nixosModule({ spacing: "wide" });
      // @ts-expect-error: options are option declarations
      nixosModule({ options: { port: 8080 } });
    };
    expect(typeof compileOnly).toBe("function");
  });

  it("refuses bad input with NixAstError", () => {
    const bad: [string, () => unknown][] = [
      ["unknown key", () => nixosModule({ config: {}, confg: {} } as NixosModuleSpec)],
      ["bad arg", () => nixosModule({ args: ["config", "in"] })],
      ["duplicate arg", () => nixosModule({ args: ["lib", "lib"] })],
      ["outer clashes", () => nixosModule({ outerParam: "lib" })],
      ["inherit needs lib", () => nixosModule({ args: ["config"], inheritLib: ["mkIf"] })],
      ["inherit clash", () => nixosModule({ inheritLib: ["mkIf"], let: { mkIf: 1 } })],
      ["inherit lib", () => nixosModule({ inheritLib: ["lib"] })],
      ["path without options", () => nixosModule({ optionsPath: "services.x" })],
      ["empty path", () => nixosModule({ optionsPath: "services..x", options: {} })],
      ["spacing", () => nixosModule({ spacing: "wide" as "blank" })],
    ];
    for (const [what, fn] of bad) {
      expect(fn, what).toThrow(NixAstError);
    }
  });
});
