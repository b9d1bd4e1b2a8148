import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  apply,
  attrs,
  bind,
  dynamic,
  inheritFrom,
  letIn,
  lambda,
  print,
  ref,
  select,
  str,
} from "../index.js";
import { NixAstError } from "../errors.js";
import {
  literalExpression,
  mkEnableOption,
  mkIf,
  mkOption,
  nixosModule,
  systemdService,
  types,
  type NixosModuleSpec,
} from "./index.js";

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

/** `style-cases/14-module.nix`, built with the helpers. */
export function demoModule(extra: Partial<NixosModuleSpec> = {}) {
  return nixosModule({
    args: ["config", "lib", "pkgs"],
    let: { cfg: ref("config.services.demo") },
    optionsPath: "services.demo",
    spacing: "compact",
    options: {
      enable: mkEnableOption("demo"),
      port: mkOption({ type: types.port, default: 8080, description: "Port." }),
    },
    config: mkIf(
      ref("cfg.enable"),
      attrs([
        bind(
          ["systemd", "services", "demo"],
          systemdService({
            wantedBy: ["multi-user.target"],
            serviceConfig: {
              ExecStart: str`${ref("pkgs.hello")}/bin/hello --port ${apply(ref("toString"), ref("cfg.port"))}`,
            },
          }),
        ),
      ]),
    ),
    ...extra,
  });
}

/**
 * The seed's `options.services.atbb` (seed plan, Task 3) with the corrections of
 * docs/atbb-deployment.md: `pkgs.stdenv.hostPlatform.system` (item 2), `defaultText`
 * printed from trees (item 3), `environmentFile` a string holding an absolute path
 * (item 5).
 */
export function atbbOptionsModule() {
  const system = ref("pkgs.stdenv.hostPlatform.system");
  const selfPackage = select(ref("self.packages"), [dynamic(system), "default"]);
  return nixosModule({
    outerParam: "self",
    let: { cfg: ref("config.services.atbb"), nodejs: ref("pkgs.nodejs_22") },
    optionsPath: ["services", "atbb"],
    options: {
      enable: mkEnableOption("atBB forum"),
      package: mkOption({
        type: types.package,
        default: selfPackage,
        defaultText: literalExpression(selfPackage),
        description: "The atBB package to use.",
      }),
      domain: mkOption({
        type: types.str,
        description: "Domain name for the forum (e.g., forum.example.com).",
      }),
      enableNginx: mkOption({
        type: types.bool,
        default: true,
        description: "Whether to configure nginx as a reverse proxy.",
      }),
      enableACME: mkOption({
        type: types.bool,
        default: true,
        description: "Whether to enable ACME (Let's Encrypt) for TLS.",
      }),
      oauthPublicUrl: mkOption({
        type: types.str,
        default: str`https://${ref("cfg.domain")}`,
        defaultText: literalExpression(str`https://${ref("cfg.domain")}`),
        description: "Public URL for OAuth client metadata. Defaults to https://<domain>.",
      }),
      forumDid: mkOption({ type: types.str, description: "The forum's AT Protocol DID." }),
      pdsUrl: mkOption({ type: types.str, description: "URL of the forum's PDS." }),
      environmentFile: mkOption({
        type: types.str,
        example: "/run/secrets/atbb.env",
        description: [
          "Absolute path of an environment file containing secrets, outside the Nix store",
          "(systemd reads it when a service starts; it is never copied into the store).",
          "Must define: DATABASE_URL, SESSION_SECRET, FORUM_HANDLE, FORUM_PASSWORD.",
          "When database.enable = true, DATABASE_URL should be:",
          "  postgres:///atbb?host=/run/postgresql (peer auth via Unix socket)",
          "",
        ].join("\n"),
      }),
      database: {
        enable: mkOption({
          type: types.bool,
          default: true,
          description: "Whether to configure a local PostgreSQL 17 instance.",
        }),
        name: mkOption({
          type: types.str,
          default: "atbb",
          description: "Name of the PostgreSQL database.",
        }),
      },
      appviewPort: mkOption({
        type: types.port,
        default: 3000,
        description: "Port for the appview API server (internal, behind nginx).",
      }),
      webPort: mkOption({
        type: types.port,
        default: 3001,
        description: "Port for the web UI server (internal, behind nginx).",
      }),
      seedDefaultRoles: mkOption({
        type: types.bool,
        default: true,
        description: "Whether to seed default roles on appview startup.",
      }),
      autoMigrate: mkOption({
        type: types.bool,
        default: false,
        description: [
          "Whether to automatically run database migrations before starting appview.",
          "When false, run migrations manually: systemctl start atbb-migrate",
          "",
        ].join("\n"),
      }),
      user: mkOption({
        type: types.str,
        default: "atbb",
        description: "System user to run atBB services.",
      }),
      group: mkOption({
        type: types.str,
        default: "atbb",
        description: "System group to run atBB services.",
      }),
    },
  });
}

describe("nixosModule", () => {
  it("builds style-cases/14-module.nix byte for byte", () => {
    expect(print(demoModule())).toBe(fixture("14-module.nix"));
  });

  it("builds the seed's services.atbb options, corrected, byte for byte", () => {
    expect(print(atbbOptionsModule())).toBe(fixture("atbb-options.nix"));
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
