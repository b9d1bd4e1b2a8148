/**
 * `nix/module.nix`: the NixOS module `services.atbb` (the seed plan's interface, with
 * the corrections of `docs/atbb-deployment.md`): options, assertions, the system user,
 * local PostgreSQL, the three units of {@link unitSpecs} and the nginx virtual host.
 *
 * @packageDocumentation
 */
import {
  apply,
  attrs,
  bind,
  comment,
  dynamic,
  list,
  not,
  op,
  ref,
  select,
  str,
  type Assign,
  type Binding,
  type Expr,
  type Lambda,
} from "@atbb/nix-ast";
import type { DeployOptions } from "./options.js";
import {
  literalExpression,
  mkEnableOption,
  mkOption,
  nixosModule,
  assertions,
  commented,
  mkIf,
  serviceConfig,
  systemdService,
  types,
  type OptionTree,
  type ServiceConfig,
} from "@atbb/nix-ast/nixos";
import { BASELINE, unitSpecs, type Directive, type UnitSpec } from "./units.js";

/** `# ── Title ───...`: the section headings of the seed's module. */
function heading(title: string): string {
  const text = `── ${title} `;
  return text + "─".repeat(Math.max(3, 61 - text.length));
}

/** `self.packages.${pkgs.stdenv.hostPlatform.system}.default`: default and defaultText. */
const DEFAULT_PACKAGE = select(ref("self.packages"), [
  dynamic(ref("pkgs.stdenv.hostPlatform.system")),
  "default",
]);

/** `"https://${cfg.domain}"`: default and defaultText of `oauthPublicUrl`. */
const DEFAULT_OAUTH_URL = str`https://${ref("cfg.domain")}`;

/** The option declarations of `services.atbb`, in the seed's order. */
function options(o: DeployOptions): OptionTree {
  return {
    enable: mkEnableOption(o.serviceDescription),
    package: mkOption({
      type: types.package,
      default: DEFAULT_PACKAGE,
      defaultText: literalExpression(DEFAULT_PACKAGE),
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
      description: "Whether to enable ACME (Let's Encrypt) for TLS (needs enableNginx).",
    }),
    oauthPublicUrl: mkOption({
      type: types.str,
      default: DEFAULT_OAUTH_URL,
      defaultText: literalExpression(DEFAULT_OAUTH_URL),
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
        default: o.databaseName,
        description: "Name of the PostgreSQL database (with database.enable, equal to user).",
      }),
    },
    appviewPort: mkOption({
      type: types.port,
      default: o.appviewPort,
      description: "Port for the appview API server (internal, behind nginx).",
    }),
    webPort: mkOption({
      type: types.port,
      default: o.webPort,
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
      default: o.user,
      description: "System user to run atBB services.",
    }),
    group: mkOption({
      type: types.str,
      default: o.group,
      description: "System group to run atBB services.",
    }),
  };
}

/** The module's assertions: the bad configurations it refuses, each with its message. */
function moduleAssertions(o: DeployOptions): Expr {
  const p = `services.${o.moduleName}`;
  const envFile = ref("cfg.environmentFile");
  return assertions([
    {
      assertion: apply(ref("lib.hasPrefix"), "/", envFile),
      message: str`${p}.environmentFile must be an absolute path, not "${envFile}".`,
    },
    {
      assertion: not(apply(ref("lib.hasPrefix"), str`${ref("builtins.storeDir")}/`, envFile)),
      message: str`${p}.environmentFile (${envFile}) is inside the Nix store, which every user can read: keep the secrets in a file outside it, such as /run/secrets/atbb.env.`,
    },
    {
      assertion: op(
        ref("cfg.database.enable"),
        "->",
        op(ref("cfg.database.name"), "==", ref("cfg.user")),
      ),
      message: str`${p}.database.name ("${ref("cfg.database.name")}") must equal ${p}.user ("${ref("cfg.user")}") when ${p}.database.enable is true: PostgreSQL's ensureDBOwnership only gives a database to the user of the same name.`,
    },
    {
      assertion: op(ref("cfg.enableACME"), "->", ref("cfg.enableNginx")),
      message: str`${p}.enableACME needs ${p}.enableNginx: the certificate is requested for the nginx virtual host. Set enableACME = false to serve without it.`,
    },
  ]);
}

/** Directives as nix-ast's typed `serviceConfig` (constants checked, comments kept). */
function toServiceConfig(directives: readonly Directive[]): ServiceConfig {
  return Object.fromEntries(
    directives.map((d) => {
      const value = d.value.constant !== undefined ? d.value.constant : d.value.nix;
      return [d.key, d.comment ? commented(value, d.comment.join("\n")) : value];
    }),
  ) as ServiceConfig;
}

function serviceBinding(unit: UnitSpec): Assign {
  const own = serviceConfig(toServiceConfig(unit.serviceConfig), { hardeningComment: false });
  const service = systemdService({
    description: unit.description,
    after: unit.after.nix,
    ...(unit.requires ? { requires: unit.requires.nix } : {}),
    ...(unit.wantedBy ? { wantedBy: unit.wantedBy } : {}),
    ...(unit.environment
      ? { environment: Object.fromEntries(unit.environment.map(([k, v]) => [k, v.nix])) }
      : {}),
    serviceConfig: op(ref("hardening"), "//", own),
  });
  return bind(["systemd", "services", unit.name], service, {
    blankLineBefore: true,
    leading: [comment(heading(unit.heading))],
  });
}

function proxy(port: string): Expr {
  return attrs([
    bind("proxyPass", str`http://127.0.0.1:${apply(ref("toString"), ref(`cfg.${port}`))}`),
    bind("recommendedProxySettings", true),
  ]);
}

function configBindings(o: DeployOptions): Binding[] {
  const user = ref("cfg.user");
  return [
    bind("assertions", moduleAssertions(o)),
    bind(
      ["users", "users", dynamic(user)],
      attrs([
        bind("isSystemUser", true),
        bind("group", ref("cfg.group")),
        bind("description", "atBB service user"),
      ]),
      { blankLineBefore: true, leading: [comment(heading("System user"))] },
    ),
    bind(["users", "groups", dynamic(ref("cfg.group"))], attrs()),
    bind(
      ["services", "postgresql"],
      mkIf(
        ref("cfg.database.enable"),
        attrs([
          bind("enable", true),
          bind("package", select(ref("pkgs"), [o.postgresql])),
          bind("ensureDatabases", list([ref("cfg.database.name")])),
          bind("ensureUsers", list([attrs([bind("name", user), bind("ensureDBOwnership", true)])])),
        ]),
      ),
      { blankLineBefore: true, leading: [comment(heading("PostgreSQL"))] },
    ),
    ...unitSpecs(o).map(serviceBinding),
    bind(
      ["services", "nginx"],
      mkIf(
        ref("cfg.enableNginx"),
        attrs([
          bind("enable", true),
          bind("recommendedProxySettings", true),
          bind("recommendedTlsSettings", true),
          bind("recommendedOptimisation", true),
          bind(
            ["virtualHosts", dynamic(ref("cfg.domain"))],
            attrs([
              bind("forceSSL", ref("cfg.enableACME")),
              bind("enableACME", ref("cfg.enableACME")),
              bind(["locations", "/.well-known/"], proxy("appviewPort")),
              bind(["locations", "/api/"], proxy("appviewPort")),
              bind(["locations", "/"], proxy("webPort")),
            ]),
          ),
        ]),
      ),
      { blankLineBefore: true, leading: [comment(heading("Nginx reverse proxy"))] },
    ),
  ];
}

/** The module as an expression: `self: { config, lib, pkgs, ... }: ...` (without the header). */
export function moduleExpr(o: DeployOptions): Lambda {
  const shared = bind(
    "hardening",
    serviceConfig(BASELINE as ServiceConfig, { hardeningComment: false }),
    {
      blankLineBefore: true,
      leading: [
        comment("Hardening shared by the units; each unit adds its own settings on top."),
        comment("systemd-analyze security rates each unit 2.0 or better (atbb-deploy's tests)."),
      ],
    },
  );
  return nixosModule({
    outerParam: "self",
    let: [
      bind("cfg", select(ref("config"), ["services", o.moduleName])),
      bind("nodejs", select(ref("pkgs"), [o.nodejs])),
      shared,
    ],
    optionsPath: ["services", o.moduleName],
    options: options(o),
    config: mkIf(ref("cfg.enable"), attrs(configBindings(o))),
  });
}
