/**
 * The three systemd units of the module (`atbb-migrate`, `atbb-appview`, `atbb-web`) as
 * typed data: the module prints them as Nix, and {@link renderUnitFile} shows them as
 * the unit files NixOS makes of them, for review and for `systemd-analyze security`.
 *
 * @packageDocumentation
 */
import {
  boolToString,
  cfg,
  concat,
  letName,
  lit,
  optional,
  optionals,
  s,
  strings,
  toStr,
  type AtbbConfig,
  type ModuleValues,
  type Sym,
} from "./sym.js";
import type { Expr } from "@atbb/nix-ast";
import {
  commented,
  hardening,
  isCommented,
  relax,
  type Commented,
  type Hardening,
  type ServiceConfig,
} from "@atbb/nix-ast/nixos";
import type { DeployOptions } from "./options.js";

/** A directive's plain value type, from nix-ast's typed `serviceConfig`. */
type Plain<T> = Exclude<T, Expr | Commented<unknown> | undefined>;

/** The `serviceConfig` directives, with the JavaScript type of each value. */
export type ServiceDirectives = { [K in keyof ServiceConfig]-?: Plain<ServiceConfig[K]> };

/** The name of a directive. */
export type DirectiveName = keyof ServiceDirectives;

/** One `serviceConfig` entry, typed by its directive, with comment lines before it. */
export type Directive = {
  [K in DirectiveName]: {
    readonly key: K;
    readonly value: Sym<ServiceDirectives[K]>;
    readonly comment?: readonly string[];
  };
}[DirectiveName];

/** A directive with a constant value. */
export function set<K extends DirectiveName>(
  key: K,
  value: ServiceDirectives[K],
  comment?: readonly string[],
): Directive {
  return { key, value: lit(value), ...(comment ? { comment } : {}) } as Directive;
}

/** A directive whose value depends on the configuration. */
export function setSym<K extends DirectiveName>(
  key: K,
  value: Sym<ServiceDirectives[K]>,
  comment?: readonly string[],
): Directive {
  return { key, value, ...(comment ? { comment } : {}) } as Directive;
}

/** The units' names. */
export type UnitName = "atbb-migrate" | "atbb-appview" | "atbb-web";

/** One systemd service of the module. */
export interface UnitSpec {
  readonly name: UnitName;
  /** The heading comment above the unit in the module. */
  readonly heading: string;
  readonly description: string;
  readonly after: Sym<string[]>;
  readonly requires?: Sym<string[]>;
  readonly wantedBy?: readonly string[];
  /** Environment variables, in order. */
  readonly environment?: readonly (readonly [string, Sym<string>])[];
  /** The unit's own directives; the shared {@link HARDENING} comes first, under these. */
  readonly serviceConfig: readonly Directive[];
}

/**
 * The hardening every unit shares (`hardening` in the module): nix-ast's
 * `networkService` baseline, checked against what a Node.js service of atBB needs
 * (PostgreSQL's Unix socket and TCP for a remote `DATABASE_URL`, outbound HTTPS for the
 * firehose and the PDS), and relaxed where Node cannot run under it.
 */
export const BASELINE: Hardening = relax(
  {
    ...hardening.networkService,
    SystemCallFilter: commented(
      ["@system-service", "~@privileged"],
      "@system-service keeps @resources: Node raises its open-file limit at start-up.",
    ),
    RestrictAddressFamilies: commented(
      ["AF_INET", "AF_INET6", "AF_UNIX"],
      "TCP to the PDS, the firehose and a remote database; Unix sockets for local PostgreSQL.",
    ),
  },
  { MemoryDenyWriteExecute: [false, "V8's JIT needs writable executable memory."] },
);

/** {@link BASELINE} as directives (values and comments). */
export const HARDENING: readonly Directive[] = Object.freeze(
  Object.entries(BASELINE).map(([key, v]) =>
    isCommented(v)
      ? ({ key, value: lit(v.value as never), comment: v.comment.split("\n") } as Directive)
      : ({ key, value: lit(v as never) } as Directive),
  ),
);

const user = cfg("user", (c) => c.user);
const group = cfg("group", (c) => c.group);
const pkg = cfg("package", (c) => c.package);
const dbEnable = cfg("database.enable", (c) => c.database.enable);
const autoMigrate = cfg("autoMigrate", (c) => c.autoMigrate);
const appviewPort = cfg("appviewPort", (c) => c.appviewPort);
const environmentFile = cfg("environmentFile", (c) => c.environmentFile);
const nodejs = letName("nodejs", (v) => v.nodejs);

/** The module's three units, in the order the module defines them. */
export function unitSpecs(_o: DeployOptions): UnitSpec[] {
  const identity = [setSym("User", user), setSym("Group", group)];
  return [
    {
      name: "atbb-migrate",
      heading: "Database migration (oneshot)",
      description: "atBB database migration",
      after: concat(strings("network.target"), optional(dbEnable, "postgresql.service")),
      requires: optional(dbEnable, "postgresql.service"),
      serviceConfig: [
        set("Type", "oneshot"),
        ...identity,
        setSym("WorkingDirectory", s`${pkg}/apps/appview`),
        setSym(
          "ExecStart",
          s`${nodejs}/bin/node ${pkg}/apps/appview/node_modules/drizzle-kit/bin.cjs migrate`,
          ["drizzle-kit's own entry (its bin), not the shell shim in node_modules/.bin"],
        ),
        setSym("EnvironmentFile", environmentFile),
        set("RemainAfterExit", true),
      ],
    },
    {
      name: "atbb-appview",
      heading: "AppView API server",
      description: "atBB AppView API server",
      after: concat(
        strings("network.target"),
        optional(dbEnable, "postgresql.service"),
        optional(autoMigrate, "atbb-migrate.service"),
      ),
      requires: concat(
        optionals(dbEnable, ["postgresql.service"]),
        optional(autoMigrate, "atbb-migrate.service"),
      ),
      wantedBy: ["multi-user.target"],
      environment: [
        ["NODE_ENV", lit("production")],
        ["PORT", toStr(appviewPort)],
        ["FORUM_DID", cfg("forumDid", (c) => c.forumDid)],
        ["PDS_URL", cfg("pdsUrl", (c) => c.pdsUrl)],
        ["OAUTH_PUBLIC_URL", cfg("oauthPublicUrl", (c) => c.oauthPublicUrl)],
        ["SEED_DEFAULT_ROLES", boolToString(cfg("seedDefaultRoles", (c) => c.seedDefaultRoles))],
      ],
      serviceConfig: [
        set("Type", "simple"),
        ...identity,
        setSym("WorkingDirectory", s`${pkg}/apps/appview`),
        setSym("ExecStart", s`${nodejs}/bin/node ${pkg}/apps/appview/dist/index.js`),
        setSym("EnvironmentFile", environmentFile),
        set("Restart", "on-failure"),
        set("RestartSec", 5),
      ],
    },
    {
      name: "atbb-web",
      heading: "Web UI server",
      description: "atBB Web UI server",
      after: strings("atbb-appview.service"),
      wantedBy: ["multi-user.target"],
      environment: [
        ["NODE_ENV", lit("production")],
        ["WEB_PORT", toStr(cfg("webPort", (c) => c.webPort))],
        ["APPVIEW_URL", s`http://localhost:${toStr(appviewPort)}`],
      ],
      serviceConfig: [
        set("Type", "simple"),
        ...identity,
        setSym("WorkingDirectory", s`${pkg}/apps/web`),
        setSym("ExecStart", s`${nodejs}/bin/node ${pkg}/apps/web/dist/index.js`),
        set("Restart", "on-failure"),
        set("RestartSec", 5),
        set("IPAddressDeny", "any", [
          "Loopback only: the web server talks to the appview, and nginx to it, on this host.",
        ]),
        set("IPAddressAllow", "localhost"),
      ],
    },
  ];
}

/** A placeholder store path, as the units show them before anything is built. */
export function placeholderStorePath(name: string): string {
  return `/nix/store/${"0".repeat(32)}-${name}`;
}

/**
 * A sample configuration: the module's defaults, the walkthrough's values for the
 * options without one, and placeholder store paths.
 */
export function sampleValues(o: DeployOptions, overrides: Partial<AtbbConfig> = {}): ModuleValues {
  const domain = overrides.domain ?? "forum.example.com";
  const config: AtbbConfig = {
    enable: true,
    package: placeholderStorePath(`${o.pname}-${o.version}`),
    domain,
    enableNginx: true,
    enableACME: true,
    oauthPublicUrl: `https://${domain}`,
    forumDid: "did:plc:example",
    pdsUrl: "https://pds.example.com",
    environmentFile: "/run/secrets/atbb.env",
    database: { enable: true, name: o.databaseName },
    appviewPort: o.appviewPort,
    webPort: o.webPort,
    seedDefaultRoles: true,
    autoMigrate: false,
    user: o.user,
    group: o.group,
    ...overrides,
  };
  return { cfg: config, nodejs: placeholderStorePath(o.nodejs.replace("_", "-")) };
}

/** The directives of a unit as NixOS merges them: the shared hardening, then the unit's own. */
export function effectiveDirectives(unit: UnitSpec): Directive[] {
  const own = new Set(unit.serviceConfig.map((d) => d.key));
  return [...HARDENING.filter((d) => !own.has(d.key)), ...unit.serviceConfig];
}

/** A directive's value as systemd reads it: NixOS writes a list as one line per item. */
function directiveLines(key: string, value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => `${key}=${String(item)}`);
  if (typeof value === "boolean") return [`${key}=${value ? "true" : "false"}`];
  return [`${key}=${String(value)}`];
}

/** `Environment="K=V"`, quoted as NixOS quotes it. */
function environmentLine(key: string, value: string): string {
  const escaped = `${key}=${value}`.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  return `Environment="${escaped}"`;
}

/**
 * A unit as the unit file NixOS would make of it for `values` (`[Unit]`, `[Service]`,
 * `[Install]`), without the `PATH` and other environment NixOS adds to every unit.
 */
export function renderUnitFile(unit: UnitSpec, values: ModuleValues): string {
  const lines = ["[Unit]", `Description=${unit.description}`];
  const after = unit.after.value(values);
  if (after.length) lines.push(`After=${after.join(" ")}`);
  const requires = unit.requires?.value(values) ?? [];
  if (requires.length) lines.push(`Requires=${requires.join(" ")}`);
  lines.push("", "[Service]");
  for (const [key, value] of unit.environment ?? []) {
    lines.push(environmentLine(key, value.value(values)));
  }
  for (const d of effectiveDirectives(unit)) {
    lines.push(...directiveLines(d.key, (d.value as Sym<unknown>).value(values)));
  }
  if (unit.wantedBy?.length) lines.push("", "[Install]", `WantedBy=${unit.wantedBy.join(" ")}`);
  return lines.join("\n") + "\n";
}

/** Every unit of the module as `{ name: "atbb-web.service", content }`. */
export function renderUnitFiles(
  o: DeployOptions,
  values: ModuleValues = sampleValues(o),
): { name: string; content: string }[] {
  return unitSpecs(o).map((unit) => ({
    name: `${unit.name}.service`,
    content: renderUnitFile(unit, values),
  }));
}
