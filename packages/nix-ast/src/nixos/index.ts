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
 * import { apply, attrs, bind, print, ref, str } from "@atbb/nix-ast";
 * import {
 *   mkEnableOption,
 *   mkIf,
 *   mkOption,
 *   nixosModule,
 *   systemdService,
 *   types,
 * } from "@atbb/nix-ast/nixos";
 *
 * const text = print(
 *   nixosModule({
 *     let: { cfg: ref("config.services.demo") },
 *     optionsPath: "services.demo",
 *     spacing: "compact",
 *     options: {
 *       enable: mkEnableOption("demo"),
 *       port: mkOption({ type: types.port, default: 8080, description: "Port." }),
 *     },
 *     config: mkIf(
 *       ref("cfg.enable"),
 *       attrs([
 *         bind(
 *           ["systemd", "services", "demo"],
 *           systemdService({
 *             wantedBy: ["multi-user.target"],
 *             serviceConfig: {
 *               ExecStart: str`${ref("pkgs.hello")}/bin/hello --port ${apply(ref("toString"), ref("cfg.port"))}`,
 *             },
 *           }),
 *         ),
 *       ]),
 *     ),
 *   }),
 * );
 * // text is style-cases/14-module.nix: `{ config, lib, pkgs, ... }: let cfg = ...; in { options.services.demo = ...; config = lib.mkIf cfg.enable { ... }; }`
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
export * from "./units.js";
export * from "./flake.js";
