/**
 * NixOS modules built with the helpers of `src/nixos`, shared by their tests: the
 * fixtures' trees, and modules for the evaluation tests against nixpkgs' lib.
 */
import { apply, attrs, bind, chain, dynamic, ref, select, str } from "../index.js";
import type { Expr } from "../ast/nodes.js";
import {
  commented,
  hardening,
  literalExpression,
  mkEnableOption,
  mkIf,
  mkOption,
  nixosModule,
  optional,
  relax,
  systemdService,
  types,
  type NixosModuleSpec,
} from "../nixos/index.js";

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

const cfg = (name: string) => ref(`cfg.${name}`);

/** The seed's appview unit with the hardening of docs/atbb-deployment.md item 7. */
export function appviewUnits(): Expr {
  const appview = systemdService({
    description: "atBB AppView API server",
    after: chain("++", ["network.target"], optional(cfg("database.enable"), "postgresql.service")),
    wantedBy: ["multi-user.target"],
    environment: {
      NODE_ENV: "production",
      PORT: apply(ref("toString"), cfg("appviewPort")),
    },
    serviceConfig: {
      Type: "simple",
      User: cfg("user"),
      Group: cfg("group"),
      WorkingDirectory: str`${cfg("package")}/apps/appview`,
      ExecStart: str`${ref("nodejs")}/bin/node ${cfg("package")}/apps/appview/dist/index.js`,
      EnvironmentFile: cfg("environmentFile"),
      Restart: "on-failure",
      RestartSec: 5,
      ...relax(hardening.networkService, {
        MemoryDenyWriteExecute: [false, "V8's JIT needs writable executable memory"],
      }),
    },
  });
  const web = systemdService({
    description: "atBB Web UI server",
    after: ["atbb-appview.service"],
    wantedBy: ["multi-user.target"],
    serviceConfig: {
      ExecStart: str`${ref("nodejs")}/bin/node ${cfg("package")}/apps/web/dist/index.js`,
      ...relax(hardening.loopbackService, {
        MemoryDenyWriteExecute: [false, "V8's JIT needs writable executable memory"],
        RestrictAddressFamilies: [["AF_INET", "AF_INET6"], "TCP to the appview only"],
      }),
      IPAddressAllow: commented(["localhost"], "the appview, on this host"),
    },
  });
  return attrs([
    bind(["systemd", "services", "atbb-appview"], appview),
    bind(["systemd", "services", "atbb-web"], web),
  ]);
}
