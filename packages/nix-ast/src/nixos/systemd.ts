/**
 * systemd services for NixOS modules: `systemd.services.NAME` values whose
 * `serviceConfig` is typed for the directives a service author uses, hardening
 * baselines to start from, and {@link relax} to loosen a directive with the reason
 * written beside it.
 *
 * @example
 * ```ts
 * systemdService({
 *   description: "Demo",
 *   wantedBy: ["multi-user.target"],
 *   serviceConfig: {
 *     ExecStart: str`${ref("pkgs.hello")}/bin/hello`,
 *     ...relax(hardening.networkService, {
 *       MemoryDenyWriteExecute: [false, "V8's JIT needs W+X memory"],
 *     }),
 *   },
 * });
 * ```
 *
 * @packageDocumentation
 */
import { attrs, bind, comment, isNode, list, str, toExpr, type ExprLike } from "../ast/builders.js";
import type { Assign, Attrs, Expr } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";

const COMMENTED: unique symbol = Symbol.for("@atbb/nix-ast/nixos/commented");

/** A directive value with a comment printed above its binding (see {@link commented}). */
export interface Commented<T> {
  readonly [COMMENTED]: true;
  readonly value: T | Expr;
  readonly comment: string;
}

/** A directive's value: a JavaScript value, a Nix expression, or either with a comment. */
export type Directive<T> = T | Expr | Commented<T>;

/** A value with the reason for it, printed as a `#` comment above the binding. */
export function commented<T>(value: T | Expr, why: string): Commented<T> {
  if (typeof why !== "string" || why.trim() === "") {
    throw new NixAstError("commented: the comment must be a non-empty string");
  }
  for (const line of why.split("\n")) comment(line); // refuses NUL
  return Object.freeze({ [COMMENTED]: true as const, value, comment: why });
}

/** True for values made by {@link commented} (and by {@link relax}). */
export function isCommented(v: unknown): v is Commented<unknown> {
  return typeof v === "object" && v !== null && COMMENTED in v;
}

/** A list of strings, any of which may be a Nix expression. */
export type Strings<T extends string = string> = readonly (T | Expr)[];
/** A command line (`ExecStart`), or several. */
export type Command = string | Strings;
/** One value or a list of them. */
export type OneOrMany<T extends string = string> = T | Strings<T>;
/** A time span: seconds, or a systemd time string (`"5s"`, `"1min"`). */
export type TimeSpan = number | string;
/** A Linux capability, or its negation. */
export type Capability = `CAP_${string}` | `~CAP_${string}`;
/** A socket address family (`AF_INET`), or its negation. */
export type AddressFamily = `AF_${string}` | `~AF_${string}`;
/** A Linux namespace type. */
export type NamespaceType = "cgroup" | "ipc" | "net" | "mnt" | "pid" | "user" | "uts";

/** The hardening directives (systemd.exec(5), systemd.resource-control(5)). */
export interface HardeningConfig {
  readonly NoNewPrivileges?: Directive<boolean>;
  readonly ProtectSystem?: Directive<boolean | "full" | "strict">;
  readonly ProtectHome?: Directive<boolean | "read-only" | "tmpfs">;
  readonly PrivateTmp?: Directive<boolean>;
  readonly PrivateDevices?: Directive<boolean>;
  readonly PrivateUsers?: Directive<boolean | "self" | "identity">;
  readonly PrivateMounts?: Directive<boolean>;
  readonly PrivateNetwork?: Directive<boolean>;
  readonly PrivateIPC?: Directive<boolean>;
  readonly ProtectKernelTunables?: Directive<boolean>;
  readonly ProtectKernelModules?: Directive<boolean>;
  readonly ProtectKernelLogs?: Directive<boolean>;
  readonly ProtectControlGroups?: Directive<boolean | "private" | "strict">;
  readonly ProtectClock?: Directive<boolean>;
  readonly ProtectHostname?: Directive<boolean>;
  readonly ProtectProc?: Directive<"noaccess" | "invisible" | "ptraceable" | "default">;
  readonly ProcSubset?: Directive<"all" | "pid">;
  readonly RestrictSUIDSGID?: Directive<boolean>;
  readonly RestrictNamespaces?: Directive<boolean | OneOrMany<NamespaceType | `~${NamespaceType}`>>;
  readonly RestrictRealtime?: Directive<boolean>;
  readonly LockPersonality?: Directive<boolean>;
  readonly MemoryDenyWriteExecute?: Directive<boolean>;
  readonly RemoveIPC?: Directive<boolean>;
  readonly KeyringMode?: Directive<"inherit" | "private" | "shared">;
  readonly CapabilityBoundingSet?: Directive<"" | OneOrMany<Capability>>;
  readonly AmbientCapabilities?: Directive<"" | OneOrMany<Capability>>;
  readonly SystemCallArchitectures?: Directive<OneOrMany<"native" | string>>;
  readonly SystemCallFilter?: Directive<OneOrMany>;
  readonly SystemCallErrorNumber?: Directive<string>;
  readonly RestrictAddressFamilies?: Directive<"none" | OneOrMany<AddressFamily>>;
  readonly RestrictFileSystems?: Directive<OneOrMany>;
  /** An octal file mode mask, e.g. `"0077"`. */
  readonly UMask?: Directive<string>;
  readonly DevicePolicy?: Directive<"auto" | "closed" | "strict">;
  readonly DeviceAllow?: Directive<OneOrMany>;
  readonly IPAddressDeny?: Directive<
    OneOrMany<"any" | "localhost" | "link-local" | "multicast" | string>
  >;
  readonly IPAddressAllow?: Directive<
    OneOrMany<"any" | "localhost" | "link-local" | "multicast" | string>
  >;
  readonly SocketBindAllow?: Directive<OneOrMany>;
  readonly SocketBindDeny?: Directive<OneOrMany>;
  readonly ReadWritePaths?: Directive<OneOrMany>;
  readonly ReadOnlyPaths?: Directive<OneOrMany>;
  readonly InaccessiblePaths?: Directive<OneOrMany>;
  readonly ExecPaths?: Directive<OneOrMany>;
  readonly NoExecPaths?: Directive<OneOrMany>;
  readonly TemporaryFileSystem?: Directive<OneOrMany>;
  readonly BindPaths?: Directive<OneOrMany>;
  readonly BindReadOnlyPaths?: Directive<OneOrMany>;
}

/** The `[Service]` directives a service author uses (systemd.service(5), systemd.exec(5)). */
export interface ServiceConfig extends HardeningConfig {
  readonly Type?: Directive<
    "simple" | "exec" | "forking" | "oneshot" | "dbus" | "notify" | "notify-reload" | "idle"
  >;
  readonly User?: Directive<string>;
  readonly Group?: Directive<string>;
  readonly DynamicUser?: Directive<boolean>;
  readonly SupplementaryGroups?: Directive<OneOrMany>;
  readonly ExecStart?: Directive<Command>;
  readonly ExecStartPre?: Directive<Command>;
  readonly ExecStartPost?: Directive<Command>;
  readonly ExecReload?: Directive<Command>;
  readonly ExecStop?: Directive<Command>;
  readonly ExecStopPost?: Directive<Command>;
  readonly WorkingDirectory?: Directive<string>;
  readonly RootDirectory?: Directive<string>;
  readonly Environment?: Directive<OneOrMany>;
  readonly EnvironmentFile?: Directive<OneOrMany>;
  readonly PassEnvironment?: Directive<OneOrMany>;
  readonly LoadCredential?: Directive<OneOrMany>;
  readonly Restart?: Directive<
    "no" | "on-success" | "on-failure" | "on-abnormal" | "on-watchdog" | "on-abort" | "always"
  >;
  readonly RestartSec?: Directive<TimeSpan>;
  readonly RemainAfterExit?: Directive<boolean>;
  readonly TimeoutSec?: Directive<TimeSpan>;
  readonly TimeoutStartSec?: Directive<TimeSpan>;
  readonly TimeoutStopSec?: Directive<TimeSpan>;
  readonly WatchdogSec?: Directive<TimeSpan>;
  readonly NotifyAccess?: Directive<"none" | "main" | "exec" | "all">;
  readonly PIDFile?: Directive<string>;
  readonly KillMode?: Directive<"control-group" | "mixed" | "process" | "none">;
  readonly KillSignal?: Directive<string>;
  readonly SuccessExitStatus?: Directive<OneOrMany | number>;
  readonly StateDirectory?: Directive<OneOrMany>;
  readonly StateDirectoryMode?: Directive<string>;
  readonly RuntimeDirectory?: Directive<OneOrMany>;
  readonly RuntimeDirectoryMode?: Directive<string>;
  readonly RuntimeDirectoryPreserve?: Directive<boolean | "restart">;
  readonly CacheDirectory?: Directive<OneOrMany>;
  readonly CacheDirectoryMode?: Directive<string>;
  readonly LogsDirectory?: Directive<OneOrMany>;
  readonly LogsDirectoryMode?: Directive<string>;
  readonly ConfigurationDirectory?: Directive<OneOrMany>;
  readonly ConfigurationDirectoryMode?: Directive<string>;
  readonly StandardOutput?: Directive<string>;
  readonly StandardError?: Directive<string>;
  readonly SyslogIdentifier?: Directive<string>;
  readonly LimitNOFILE?: Directive<number | string>;
  readonly LimitNPROC?: Directive<number | string>;
  readonly LimitCORE?: Directive<number | string>;
  readonly Nice?: Directive<number>;
  readonly CPUQuota?: Directive<string>;
  readonly MemoryMax?: Directive<number | string>;
  readonly MemoryHigh?: Directive<number | string>;
  readonly TasksMax?: Directive<number | string>;
}

// ---------------------------------------------------------------- run-time checks

type Check = (v: unknown) => string | undefined;

const isStr = (v: unknown) => typeof v === "string" || isNode(v);
const bool: Check = (v) => (typeof v === "boolean" ? undefined : "a boolean");
const string: Check = (v) => (typeof v === "string" ? undefined : "a string");
const num: Check = (v) => (typeof v === "number" && Number.isFinite(v) ? undefined : "a number");
const oneOrMany: Check = (v) =>
  typeof v === "string" || (Array.isArray(v) && v.every(isStr))
    ? undefined
    : "a string or an array of strings";
const timespan: Check = (v) =>
  (typeof v === "number" && Number.isFinite(v) && v >= 0) || typeof v === "string"
    ? undefined
    : "a non-negative number of seconds or a time string";
const numOrStr: Check = (v) =>
  num(v) === undefined || typeof v === "string" ? undefined : "a number or a string";
const mode: Check = (v) =>
  typeof v === "string" && /^[0-7]{3,4}$/.test(v) ? undefined : 'an octal mode such as "0077"';
const oneOf =
  (...values: readonly (string | boolean)[]): Check =>
  (v) =>
    values.includes(v as string | boolean)
      ? undefined
      : `one of ${values.map((x) => JSON.stringify(x)).join(", ")}`;
const either =
  (...checks: readonly Check[]): Check =>
  (v) => {
    const problems = checks.map((c) => c(v));
    return problems.includes(undefined) ? undefined : problems.join(" or ");
  };
const prefixed =
  (prefix: string, label: string): Check =>
  (v) => {
    const ok = (x: unknown) =>
      isNode(x) || (typeof x === "string" && (x.startsWith(prefix) || x.startsWith(`~${prefix}`)));
    return (typeof v === "string" && ok(v)) || (Array.isArray(v) && v.every(ok))
      ? undefined
      : `${label} (${prefix}...), or an array of them`;
  };
const namespaces = ["cgroup", "ipc", "net", "mnt", "pid", "user", "uts"];
const namespaceList: Check = (v) => {
  const ok = (x: unknown) =>
    isNode(x) ||
    (typeof x === "string" &&
      x
        .replace(/^~/, "")
        .split(" ")
        .every((n) => namespaces.includes(n)));
  return (typeof v === "string" && ok(v)) || (Array.isArray(v) && v.every(ok))
    ? undefined
    : `namespace types (${namespaces.join(", ")})`;
};

const HARDENING_CHECKS: { readonly [K in keyof HardeningConfig]-?: Check } = {
  NoNewPrivileges: bool,
  ProtectSystem: oneOf(true, false, "full", "strict"),
  ProtectHome: oneOf(true, false, "read-only", "tmpfs"),
  PrivateTmp: bool,
  PrivateDevices: bool,
  PrivateUsers: oneOf(true, false, "self", "identity"),
  PrivateMounts: bool,
  PrivateNetwork: bool,
  PrivateIPC: bool,
  ProtectKernelTunables: bool,
  ProtectKernelModules: bool,
  ProtectKernelLogs: bool,
  ProtectControlGroups: oneOf(true, false, "private", "strict"),
  ProtectClock: bool,
  ProtectHostname: bool,
  ProtectProc: oneOf("noaccess", "invisible", "ptraceable", "default"),
  ProcSubset: oneOf("all", "pid"),
  RestrictSUIDSGID: bool,
  RestrictNamespaces: either(bool, namespaceList),
  RestrictRealtime: bool,
  LockPersonality: bool,
  MemoryDenyWriteExecute: bool,
  RemoveIPC: bool,
  KeyringMode: oneOf("inherit", "private", "shared"),
  CapabilityBoundingSet: either(oneOf(""), prefixed("CAP_", "capabilities")),
  AmbientCapabilities: either(oneOf(""), prefixed("CAP_", "capabilities")),
  SystemCallArchitectures: oneOrMany,
  SystemCallFilter: oneOrMany,
  SystemCallErrorNumber: string,
  RestrictAddressFamilies: either(oneOf("none"), prefixed("AF_", "address families")),
  RestrictFileSystems: oneOrMany,
  UMask: mode,
  DevicePolicy: oneOf("auto", "closed", "strict"),
  DeviceAllow: oneOrMany,
  IPAddressDeny: oneOrMany,
  IPAddressAllow: oneOrMany,
  SocketBindAllow: oneOrMany,
  SocketBindDeny: oneOrMany,
  ReadWritePaths: oneOrMany,
  ReadOnlyPaths: oneOrMany,
  InaccessiblePaths: oneOrMany,
  ExecPaths: oneOrMany,
  NoExecPaths: oneOrMany,
  TemporaryFileSystem: oneOrMany,
  BindPaths: oneOrMany,
  BindReadOnlyPaths: oneOrMany,
};

const SERVICE_CHECKS: { readonly [K in keyof ServiceConfig]-?: Check } = {
  Type: oneOf("simple", "exec", "forking", "oneshot", "dbus", "notify", "notify-reload", "idle"),
  User: string,
  Group: string,
  DynamicUser: bool,
  SupplementaryGroups: oneOrMany,
  ExecStart: oneOrMany,
  ExecStartPre: oneOrMany,
  ExecStartPost: oneOrMany,
  ExecReload: oneOrMany,
  ExecStop: oneOrMany,
  ExecStopPost: oneOrMany,
  WorkingDirectory: string,
  RootDirectory: string,
  Environment: oneOrMany,
  EnvironmentFile: oneOrMany,
  PassEnvironment: oneOrMany,
  LoadCredential: oneOrMany,
  Restart: oneOf(
    "no",
    "on-success",
    "on-failure",
    "on-abnormal",
    "on-watchdog",
    "on-abort",
    "always",
  ),
  RestartSec: timespan,
  RemainAfterExit: bool,
  TimeoutSec: timespan,
  TimeoutStartSec: timespan,
  TimeoutStopSec: timespan,
  WatchdogSec: timespan,
  NotifyAccess: oneOf("none", "main", "exec", "all"),
  PIDFile: string,
  KillMode: oneOf("control-group", "mixed", "process", "none"),
  KillSignal: string,
  SuccessExitStatus: either(num, oneOrMany),
  StateDirectory: oneOrMany,
  StateDirectoryMode: mode,
  RuntimeDirectory: oneOrMany,
  RuntimeDirectoryMode: mode,
  RuntimeDirectoryPreserve: oneOf(true, false, "restart"),
  CacheDirectory: oneOrMany,
  CacheDirectoryMode: mode,
  LogsDirectory: oneOrMany,
  LogsDirectoryMode: mode,
  ConfigurationDirectory: oneOrMany,
  ConfigurationDirectoryMode: mode,
  StandardOutput: string,
  StandardError: string,
  SyslogIdentifier: string,
  LimitNOFILE: numOrStr,
  LimitNPROC: numOrStr,
  LimitCORE: numOrStr,
  Nice: num,
  CPUQuota: string,
  MemoryMax: numOrStr,
  MemoryHigh: numOrStr,
  TasksMax: numOrStr,
  ...HARDENING_CHECKS,
};

/** The names of the hardening directives, in the order of {@link HardeningConfig}. */
export const HARDENING_DIRECTIVES: readonly (keyof HardeningConfig)[] = Object.keys(
  HARDENING_CHECKS,
) as (keyof HardeningConfig)[];

/** The names of every typed directive. */
export const SERVICE_DIRECTIVES: readonly (keyof ServiceConfig)[] = Object.keys(
  SERVICE_CHECKS,
) as (keyof ServiceConfig)[];

function directiveBinding(key: string, raw: unknown, at: readonly string[]): Assign {
  const where = [...at, key];
  const check = (SERVICE_CHECKS as Record<string, Check | undefined>)[key];
  if (check === undefined) {
    throw new NixAstError(
      `${JSON.stringify(key)} is not a typed systemd directive (use extraServiceConfig for others)`,
      where,
    );
  }
  let value = raw;
  let why: string | undefined;
  if (isCommented(raw)) {
    value = raw.value;
    why = raw.comment;
  }
  if (!isNode(value)) {
    const problem = check(value);
    if (problem !== undefined) {
      throw new NixAstError(`${key} must be ${problem}, got ${JSON.stringify(value)}`, where);
    }
  }
  const expr = isNode(value) ? value : toExpr(value as ExprLike);
  return bind(
    key,
    expr,
    why === undefined ? undefined : { leading: why.split("\n").map((l) => comment(l)) },
  );
}

/** Options for printing a `serviceConfig`. */
export interface ServiceConfigOptions {
  /**
   * A comment put above the first hardening directive (default `"Hardening"`); `false`
   * for none. Hardening directives always come after the others, in the order given.
   */
  readonly hardeningComment?: string | false;
  /** Directives not typed here, printed after the typed ones, unchecked. */
  readonly extra?: { readonly [directive: string]: ExprLike };
}

/**
 * The `serviceConfig` set: the directives in the order given, hardening ones last
 * (under a `# Hardening` comment), then `extra`. Checks every value.
 */
export function serviceConfig(config: ServiceConfig, options: ServiceConfigOptions = {}): Attrs {
  if (typeof config !== "object" || config === null || isNode(config)) {
    throw new NixAstError("serviceConfig expects an object of directives");
  }
  const hardeningSet = new Set<string>(HARDENING_DIRECTIVES);
  const entries = Object.entries(config).filter(([, v]) => v !== undefined);
  const plain = entries.filter(([k]) => !hardeningSet.has(k));
  const hard = entries.filter(([k]) => hardeningSet.has(k));
  const at = ["serviceConfig"];
  const bindings: Assign[] = plain.map(([k, v]) => directiveBinding(k, v, at));
  const label = options.hardeningComment ?? "Hardening";
  hard.forEach(([k, v], i) => {
    const b = directiveBinding(k, v, at);
    if (i === 0 && label !== false) {
      bindings.push({
        ...b,
        trivia: { ...b.trivia, leading: [comment(label), ...(b.trivia?.leading ?? [])] },
      });
    } else bindings.push(b);
  });
  for (const [k, v] of Object.entries(options.extra ?? {})) {
    if (Object.hasOwn(config, k)) {
      throw new NixAstError(`${JSON.stringify(k)} is given twice (typed and extra)`, [...at, k]);
    }
    bindings.push(bind(k, v));
  }
  return attrs(bindings);
}

// ---------------------------------------------------------------- hardening baselines

/** A set of hardening directives a unit starts from. */
export type Hardening = Readonly<HardeningConfig>;

const networkService: Hardening = Object.freeze({
  NoNewPrivileges: true,
  ProtectSystem: "strict",
  ProtectHome: true,
  PrivateTmp: true,
  PrivateDevices: true,
  ProtectKernelTunables: true,
  ProtectKernelModules: true,
  ProtectControlGroups: true,
  RestrictSUIDSGID: true,
  ProtectKernelLogs: true,
  ProtectClock: true,
  ProtectHostname: true,
  ProtectProc: "invisible",
  ProcSubset: "pid",
  RestrictNamespaces: true,
  RestrictRealtime: true,
  LockPersonality: true,
  MemoryDenyWriteExecute: true,
  PrivateMounts: true,
  RemoveIPC: true,
  CapabilityBoundingSet: "",
  SystemCallArchitectures: "native",
  SystemCallFilter: ["@system-service", "~@privileged"],
  SystemCallErrorNumber: "EPERM",
  RestrictAddressFamilies: ["AF_INET", "AF_INET6", "AF_UNIX"],
  UMask: "0077",
  DevicePolicy: "closed",
} satisfies Hardening);

/**
 * Named hardening baselines. Spread one into `serviceConfig` (after the unit's own
 * directives), loosened where the service needs it with {@link relax}.
 */
export const hardening = Object.freeze({
  /**
   * An unprivileged network service (a web or API server): a read-only system, no
   * home, private /tmp and devices, no kernel, clock, hostname or cgroup changes,
   * only its own processes in /proc, no namespaces, realtime, SUID or personality
   * changes, no W+X memory, no capabilities, native system calls of
   * `@system-service` minus `@privileged` (refused with EPERM), IPv4, IPv6 and Unix
   * sockets only, umask 0077, no devices. About 1.5 with `systemd-analyze security`.
   */
  networkService,
  /**
   * `hardening.networkService` held to loopback addresses
   * (`IPAddressDeny = "any"`, `IPAddressAllow = "localhost"`): for a service that talks
   * only to others on the same host.
   */
  loopbackService: Object.freeze({
    ...networkService,
    IPAddressDeny: "any",
    IPAddressAllow: "localhost",
  } satisfies Hardening) as Hardening,
});

/** Directives to loosen, each as `[value, reason]`. */
export type Relaxations = {
  readonly [K in keyof HardeningConfig]?: readonly [
    value: Exclude<HardeningConfig[K], Commented<unknown> | undefined>,
    reason: string,
  ];
};

/**
 * A baseline with some directives loosened, each with the reason, which prints as a
 * `#` comment above the binding:
 * `relax(hardening.networkService, { MemoryDenyWriteExecute: [false, "V8's JIT needs W+X memory"] })`.
 * A directive keeps its place in the baseline (or comes last if the baseline lacks it).
 */
export function relax(base: Hardening, changes: Relaxations): Hardening {
  const out: Record<string, unknown> = { ...base };
  for (const [key, change] of Object.entries(changes)) {
    if (!(HARDENING_DIRECTIVES as readonly string[]).includes(key)) {
      throw new NixAstError(`relax: ${JSON.stringify(key)} is not a hardening directive`, [key]);
    }
    if (!Array.isArray(change) || change.length !== 2) {
      throw new NixAstError(`relax: ${key} must be given as [value, reason]`, [key]);
    }
    const [value, reason] = change as readonly [unknown, unknown];
    if (typeof reason !== "string" || reason.trim() === "") {
      throw new NixAstError(`relax: ${key} needs a reason (a non-empty string)`, [key]);
    }
    out[key] = commented(value, reason);
  }
  return Object.freeze(out) as Hardening;
}

// ---------------------------------------------------------------- services

/** A list option of a unit: strings (unit names), any of them a Nix expression, or one node. */
export type UnitList = Strings | Expr;

/** What {@link systemdService} builds a `systemd.services.NAME` value from. */
export interface SystemdServiceSpec {
  readonly description?: string | Expr;
  readonly documentation?: UnitList;
  readonly after?: UnitList;
  readonly before?: UnitList;
  readonly wants?: UnitList;
  readonly requires?: UnitList;
  readonly requisite?: UnitList;
  readonly bindsTo?: UnitList;
  readonly partOf?: UnitList;
  readonly upholds?: UnitList;
  readonly conflicts?: UnitList;
  readonly wantedBy?: UnitList;
  readonly requiredBy?: UnitList;
  /** Environment variables; values are strings (use `toString` in Nix for numbers). */
  readonly environment?: { readonly [name: string]: string | Expr | null } | Expr;
  /** Packages whose `bin` directories go on `PATH`. */
  readonly path?: readonly Expr[] | Expr;
  readonly preStart?: string | Expr;
  readonly script?: string | Expr;
  readonly postStart?: string | Expr;
  readonly preStop?: string | Expr;
  readonly postStop?: string | Expr;
  readonly reload?: string | Expr;
  /** The `[Service]` directives, typed (or any node for a set built another way). */
  readonly serviceConfig?: ServiceConfig | Expr;
  /** Directives not typed in {@link ServiceConfig}, printed after the others. */
  readonly extraServiceConfig?: { readonly [directive: string]: ExprLike };
  /** A comment above the first hardening directive (default `"Hardening"`), or `false`. */
  readonly hardeningComment?: string | false;
  /** `[Unit]` directives (`StartLimitBurst`, ...). */
  readonly unitConfig?: { readonly [directive: string]: ExprLike } | Expr;
  readonly startAt?: string | Strings | Expr;
  readonly restartIfChanged?: boolean | Expr;
  readonly restartTriggers?: readonly ExprLike[] | Expr;
  readonly reloadTriggers?: readonly ExprLike[] | Expr;
  readonly stopIfChanged?: boolean | Expr;
  readonly enable?: boolean | Expr;
}

const LIST_KEYS = [
  "documentation",
  "after",
  "before",
  "wants",
  "requires",
  "requisite",
  "bindsTo",
  "partOf",
  "upholds",
  "conflicts",
  "wantedBy",
  "requiredBy",
];
const TEXT_KEYS = [
  "description",
  "preStart",
  "script",
  "postStart",
  "preStop",
  "postStop",
  "reload",
];
const SERVICE_KEYS = new Set([
  ...LIST_KEYS,
  ...TEXT_KEYS,
  "environment",
  "path",
  "serviceConfig",
  "extraServiceConfig",
  "hardeningComment",
  "unitConfig",
  "startAt",
  "restartIfChanged",
  "restartTriggers",
  "reloadTriggers",
  "stopIfChanged",
  "enable",
]);

/**
 * A set of one binding without trivia reads best as a dotted path: `serviceConfig.ExecStart = ...;`.
 * @internal
 */
export function bindCollapsed(key: string, set: Attrs): Assign {
  const only = set.bindings[0];
  if (set.bindings.length === 1 && only?.kind === "assign" && !only.trivia) {
    return bind([key, ...only.path], only.value);
  }
  return bind(key, set);
}

/**
 * A `systemd.services.NAME` value. Keys print in the order given; a `serviceConfig` or
 * `unitConfig` of a single directive prints as `serviceConfig.ExecStart = ...;`.
 *
 * @example
 * ```ts
 * bind(["systemd", "services", "demo"], systemdService({
 *   wantedBy: ["multi-user.target"],
 *   serviceConfig: { ExecStart: str`${ref("pkgs.hello")}/bin/hello` },
 * }));
 * ```
 */
export function systemdService(spec: SystemdServiceSpec): Attrs {
  if (typeof spec !== "object" || spec === null || isNode(spec)) {
    throw new NixAstError("systemdService expects an object");
  }
  if (
    isNode(spec.serviceConfig) &&
    (spec.extraServiceConfig !== undefined || spec.hardeningComment !== undefined)
  ) {
    throw new NixAstError(
      "extraServiceConfig and hardeningComment apply to a typed serviceConfig, not to a node",
      ["systemdService serviceConfig"],
    );
  }
  const bindings: Assign[] = [];
  for (const [key, value] of Object.entries(spec)) {
    const at = [`systemdService ${key}`];
    if (!SERVICE_KEYS.has(key)) {
      throw new NixAstError(`systemd services have no option ${JSON.stringify(key)} here`, at);
    }
    if (value === undefined || key === "extraServiceConfig" || key === "hardeningComment") continue;
    if (
      LIST_KEYS.includes(key) ||
      key === "path" ||
      key === "restartTriggers" ||
      key === "reloadTriggers"
    ) {
      if (!isNode(value) && !Array.isArray(value))
        throw new NixAstError(`${key} must be an array`, at);
      bindings.push(bind(key, isNode(value) ? value : list(value as readonly ExprLike[])));
    } else if (TEXT_KEYS.includes(key)) {
      if (!isNode(value) && typeof value !== "string")
        throw new NixAstError(`${key} must be a string`, at);
      bindings.push(bind(key, isNode(value) ? value : str(value as string)));
    } else if (key === "serviceConfig") {
      const set = isNode(value)
        ? (value as Expr)
        : serviceConfig(value as ServiceConfig, {
            ...(spec.hardeningComment !== undefined
              ? { hardeningComment: spec.hardeningComment }
              : {}),
            ...(spec.extraServiceConfig ? { extra: spec.extraServiceConfig } : {}),
          });
      bindings.push(
        set.kind === "attrs" && !isNode(value) ? bindCollapsed(key, set) : bind(key, set),
      );
    } else if (key === "unitConfig") {
      const set = toExpr(value as ExprLike);
      bindings.push(
        set.kind === "attrs" && !isNode(value) ? bindCollapsed(key, set) : bind(key, set),
      );
    } else if (key === "environment") {
      if (!isNode(value)) {
        for (const [name, v] of Object.entries(value as object)) {
          if (v !== null && typeof v !== "string" && !isNode(v)) {
            throw new NixAstError(
              `environment variable ${name} must be a string, null or a node (got ${typeof v}; use toString in Nix for numbers)`,
              at,
            );
          }
        }
      }
      bindings.push(bind(key, toExpr(value as ExprLike)));
    } else {
      bindings.push(bind(key, toExpr(value as ExprLike)));
    }
  }
  if (spec.serviceConfig === undefined && spec.extraServiceConfig !== undefined) {
    bindings.push(bind("serviceConfig", serviceConfig({}, { extra: spec.extraServiceConfig })));
  }
  return attrs(bindings);
}

// ---------------------------------------------------------------- unit files

function directiveText(value: unknown, key: string): string {
  if (isNode(value)) {
    throw new NixAstError(
      `${key} is a Nix expression: only evaluating the module tells its value`,
      ["serviceConfig", key],
    );
  }
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new NixAstError(`${key} is not finite`, ["serviceConfig", key]);
    return String(value);
  }
  if (typeof value === "string") {
    if (/[\n\0]/.test(value)) {
      throw new NixAstError(`${key} holds a newline or NUL`, ["serviceConfig", key]);
    }
    return value;
  }
  throw new NixAstError(`${key} has no unit-file form (${typeof value})`, ["serviceConfig", key]);
}

/**
 * The `[Service]` section NixOS writes for a `serviceConfig` of plain values: one
 * `Key=value` line per value (a list gives one line per element), keys sorted as NixOS
 * sorts attribute names, `true`/`false` for booleans. For reviewing a unit and scoring
 * it with `systemd-analyze security --offline=true` before deploying. A directive whose
 * value is a Nix expression cannot be rendered (a {@link NixAstError} says which).
 */
export function renderServiceSection(config: ServiceConfig): string {
  const lines = ["[Service]"];
  const keys = Object.keys(config)
    .filter((k) => (config as Record<string, unknown>)[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    let value = (config as Record<string, unknown>)[key];
    if (isCommented(value)) value = value.value;
    const problem = isNode(value)
      ? undefined
      : (SERVICE_CHECKS as Record<string, Check | undefined>)[key]?.(value);
    if (!(key in SERVICE_CHECKS)) {
      throw new NixAstError(`${JSON.stringify(key)} is not a typed systemd directive`, [key]);
    }
    if (problem !== undefined) {
      throw new NixAstError(`${key} must be ${problem}`, ["serviceConfig", key]);
    }
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) lines.push(`${key}=${directiveText(v, key)}`);
  }
  return lines.join("\n") + "\n";
}
