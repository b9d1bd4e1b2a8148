/**
 * Typed helpers for NixOS modules: option declarations checked against their types,
 * option types as values, the module system's combinators, a module builder in the
 * nixpkgs layout, and systemd services with hardening baselines. Everything returns
 * ordinary nodes, printed by `print`.
 *
 * Helpers print names qualified (`lib.mkOption`, `lib.types.str`); a module built with
 * {@link nixosModule} and `inheritLib: ["mkOption", "types"]` declares
 * `inherit (lib) mkOption types;` and prints them bare.
 *
 * @example
 * ```ts
 * import { print, ref, str } from "@atbb/nix-ast";
 * import { mkEnableOption, mkIf, mkOption, nixosModule, systemdService, types } from "@atbb/nix-ast/nixos";
 *
 * print(
 *   nixosModule({
 *     let: { cfg: ref("config.services.demo") },
 *     optionsPath: "services.demo",
 *     options: {
 *       enable: mkEnableOption("demo"),
 *       port: mkOption({ type: types.port, default: 8080, description: "Port." }),
 *     },
 *     config: mkIf(ref("cfg.enable"), {
 *       systemd: { services: { demo: systemdService({ wantedBy: ["multi-user.target"] }) } },
 *     }),
 *   }),
 * );
 * ```
 *
 * @packageDocumentation
 */
export * from "./types.js";
export * from "./options.js";
export * from "./combinators.js";
export * from "./module.js";
export * from "./systemd.js";
export { libRef, useLibNames } from "./lib-names.js";
