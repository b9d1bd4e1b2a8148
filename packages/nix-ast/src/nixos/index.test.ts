import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apply, attrs, bind, nixos, print, ref, str } from "../index.js";
import {
  mkEnableOption,
  mkIf,
  mkOption,
  mkRemovedOptionModule,
  mkRenamedOptionModule,
  nixosModule,
  systemdService,
  types,
} from "./index.js";
import { NixAstError } from "../errors.js";

describe("the nixos entry point", () => {
  it("runs the documented example (it prints style-cases/14-module.nix)", () => {
    const text = print(
      nixosModule({
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
      }),
    );
    expect(text).toBe(
      readFileSync(new URL("../printer/fixtures/14-module.nix", import.meta.url), "utf8"),
    );
  });

  it("is also the nixos namespace of the main entry point", () => {
    expect(nixos.mkOption).toBe(mkOption);
    expect(nixos.types.port).toBe(types.port);
  });

  it("has option-module helpers for imports", () => {
    expect(
      print(
        nixosModule({
          args: ["lib"],
          imports: [
            mkRenamedOptionModule(["services", "demo", "addr"], ["services", "demo", "host"]),
            mkRemovedOptionModule(["services", "demo", "old"], "It did nothing."),
          ],
        }),
      ),
    ).toBe(
      [
        "{ lib, ... }: {",
        "  imports = [",
        '    (lib.mkRenamedOptionModule [ "services" "demo" "addr" ] [ "services" "demo" "host" ])',
        '    (lib.mkRemovedOptionModule [ "services" "demo" "old" ] "It did nothing.")',
        "  ];",
        "}",
        "",
      ].join("\n"),
    );
    expect(() => mkRenamedOptionModule([], ["a"])).toThrow(NixAstError);
    expect(() => mkRemovedOptionModule(["a"], 1 as never)).toThrow(NixAstError);
  });
});
