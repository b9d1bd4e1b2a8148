/**
 * systemd units other than services, as NixOS declares them: timers
 * (`systemd.timers.NAME`), sockets (`systemd.sockets.NAME`), and `systemd.tmpfiles`
 * rules, checked before they print.
 *
 * @packageDocumentation
 */
import { attrs, bind, list, strParts, toExpr, type ExprLike } from "../ast/builders.js";
import { isNode } from "../ast/mark.js";
import type { Assign, Attrs, Expr, Str } from "../ast/nodes.js";
import { describe } from "../ast/plain.js";
import { NixAstError } from "../errors.js";
import { bindCollapsed, type Strings, type UnitList } from "./systemd.js";

/** A directive's value: text, a number, a boolean, or any Nix expression. */
export type UnitValue = string | number | boolean | Expr;

/** The `[Timer]` directives (systemd.timer(5)). */
export interface TimerConfig {
  readonly OnActiveSec?: UnitValue;
  readonly OnBootSec?: UnitValue;
  readonly OnStartupSec?: UnitValue;
  readonly OnUnitActiveSec?: UnitValue;
  readonly OnUnitInactiveSec?: UnitValue;
  readonly OnCalendar?: UnitValue | Strings;
  readonly AccuracySec?: UnitValue;
  readonly RandomizedDelaySec?: UnitValue;
  readonly FixedRandomDelay?: boolean | Expr;
  readonly OnClockChange?: boolean | Expr;
  readonly OnTimezoneChange?: boolean | Expr;
  readonly Unit?: UnitValue;
  readonly Persistent?: boolean | Expr;
  readonly WakeSystem?: boolean | Expr;
  readonly RemainAfterElapse?: boolean | Expr;
}

/** What {@link systemdTimer} builds a `systemd.timers.NAME` value from. */
export interface SystemdTimerSpec {
  readonly description?: string | Expr;
  /** Default `["timers.target"]`: the timer starts at boot. */
  readonly wantedBy?: UnitList;
  readonly timerConfig: TimerConfig;
}

/** The `[Socket]` directives most sockets use (systemd.socket(5)). */
export interface SocketConfig {
  readonly Accept?: boolean | Expr;
  readonly Service?: UnitValue;
  readonly SocketUser?: UnitValue;
  readonly SocketGroup?: UnitValue;
  readonly SocketMode?: UnitValue;
  readonly DirectoryMode?: UnitValue;
  readonly BindIPv6Only?: "default" | "both" | "ipv6-only" | Expr;
  readonly Backlog?: number | Expr;
  readonly MaxConnections?: number | Expr;
  readonly MaxConnectionsPerSource?: number | Expr;
  readonly FreeBind?: boolean | Expr;
  readonly Transparent?: boolean | Expr;
  readonly ReusePort?: boolean | Expr;
  readonly RemoveOnStop?: boolean | Expr;
  readonly FileDescriptorName?: UnitValue;
}

/** What {@link systemdSocket} builds a `systemd.sockets.NAME` value from. */
export interface SystemdSocketSpec {
  readonly description?: string | Expr;
  /** Default `["sockets.target"]`. */
  readonly wantedBy?: UnitList;
  /** Addresses of stream sockets: `"127.0.0.1:8080"`, `"/run/tally.sock"`. */
  readonly listenStreams?: UnitList;
  readonly listenDatagrams?: UnitList;
  readonly socketConfig?: SocketConfig;
}

const TIMER_DIRECTIVES: ReadonlySet<string> = new Set([
  "OnActiveSec",
  "OnBootSec",
  "OnStartupSec",
  "OnUnitActiveSec",
  "OnUnitInactiveSec",
  "OnCalendar",
  "AccuracySec",
  "RandomizedDelaySec",
  "FixedRandomDelay",
  "OnClockChange",
  "OnTimezoneChange",
  "Unit",
  "Persistent",
  "WakeSystem",
  "RemainAfterElapse",
]);

const SOCKET_DIRECTIVES: ReadonlySet<string> = new Set([
  "Accept",
  "Service",
  "SocketUser",
  "SocketGroup",
  "SocketMode",
  "DirectoryMode",
  "BindIPv6Only",
  "Backlog",
  "MaxConnections",
  "MaxConnectionsPerSource",
  "FreeBind",
  "Transparent",
  "ReusePort",
  "RemoveOnStop",
  "FileDescriptorName",
]);

function checkKeys(value: object, known: ReadonlySet<string>, what: string): void {
  if (typeof value !== "object" || value === null || isNode(value) || Array.isArray(value)) {
    throw new NixAstError(`${what} expects an object, got ${describe(value)}`);
  }
  const unknown = Object.keys(value).find((k) => !known.has(k));
  if (unknown !== undefined) {
    throw new NixAstError(
      `${what} has no ${JSON.stringify(unknown)} (known: ${[...known].join(", ")})`,
    );
  }
}

function directives(config: object, known: ReadonlySet<string>, what: string): Attrs {
  checkKeys(config, known, what);
  const bindings: Assign[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (typeof value === "number" && !Number.isSafeInteger(value)) {
      throw new NixAstError(`${what}: ${key} must be a whole number, got ${value}`);
    }
    bindings.push(bind(key, toExpr(value as ExprLike)));
  }
  return attrs(bindings);
}

function unitList(value: UnitList | undefined, fallback: readonly string[]): Expr {
  return value === undefined ? list(fallback) : toExpr(value as ExprLike);
}

/**
 * A `systemd.timers.NAME` value; it starts the service of the same name unless
 * `timerConfig.Unit` says another.
 *
 * @example
 * ```ts
 * print(systemdTimer({ timerConfig: { OnCalendar: "daily", Persistent: true } }));
 * // {
 * //   wantedBy = [ "timers.target" ];
 * //   timerConfig = {
 * //     OnCalendar = "daily";
 * //     Persistent = true;
 * //   };
 * // }
 * ```
 */
export function systemdTimer(spec: SystemdTimerSpec): Attrs {
  checkKeys(spec, new Set(["description", "wantedBy", "timerConfig"]), "systemdTimer");
  if (spec.timerConfig === undefined) throw new NixAstError("systemdTimer needs a timerConfig");
  const timer = directives(spec.timerConfig, TIMER_DIRECTIVES, "timerConfig");
  if (timer.bindings.length === 0) {
    throw new NixAstError("timerConfig needs at least one directive saying when (OnCalendar, ...)");
  }
  return attrs([
    ...(spec.description !== undefined ? [bind("description", spec.description)] : []),
    bind("wantedBy", unitList(spec.wantedBy, ["timers.target"])),
    bindCollapsed("timerConfig", timer),
  ]);
}

/**
 * A `systemd.sockets.NAME` value: systemd listens, and starts the service of the same
 * name (or `socketConfig.Service`) on the first connection.
 *
 * @example
 * ```ts
 * print(systemdSocket({ listenStreams: ["127.0.0.1:8080"], socketConfig: { Accept: false } }));
 * // {
 * //   wantedBy = [ "sockets.target" ];
 * //   listenStreams = [ "127.0.0.1:8080" ];
 * //   socketConfig.Accept = false;
 * // }
 * ```
 */
export function systemdSocket(spec: SystemdSocketSpec): Attrs {
  const keys = ["description", "wantedBy", "listenStreams", "listenDatagrams", "socketConfig"];
  checkKeys(spec, new Set(keys), "systemdSocket");
  if (spec.listenStreams === undefined && spec.listenDatagrams === undefined) {
    throw new NixAstError("systemdSocket needs listenStreams or listenDatagrams");
  }
  const socket =
    spec.socketConfig === undefined
      ? undefined
      : directives(spec.socketConfig, SOCKET_DIRECTIVES, "socketConfig");
  return attrs([
    ...(spec.description !== undefined ? [bind("description", spec.description)] : []),
    bind("wantedBy", unitList(spec.wantedBy, ["sockets.target"])),
    ...(spec.listenStreams !== undefined
      ? [bind("listenStreams", toExpr(spec.listenStreams as ExprLike))]
      : []),
    ...(spec.listenDatagrams !== undefined
      ? [bind("listenDatagrams", toExpr(spec.listenDatagrams as ExprLike))]
      : []),
    ...(socket === undefined ? [] : [bindCollapsed("socketConfig", socket)]),
  ]);
}

/** The line types of tmpfiles.d(5) (a `+`, `!`, `-`, `=`, `~` or `^` may follow). */
export type TmpfilesType =
  | "f"
  | "w"
  | "d"
  | "D"
  | "e"
  | "v"
  | "q"
  | "Q"
  | "p"
  | "L"
  | "c"
  | "b"
  | "C"
  | "x"
  | "X"
  | "r"
  | "R"
  | "z"
  | "Z"
  | "t"
  | "T"
  | "h"
  | "H"
  | "a"
  | "A"
  | `${"f" | "w" | "d" | "D" | "e" | "v" | "q" | "Q" | "p" | "L" | "c" | "b" | "C" | "r" | "R" | "z" | "Z" | "t" | "T" | "h" | "H" | "a" | "A"}${"+" | "!" | "-" | "=" | "~" | "^"}`;

/** One line of `systemd.tmpfiles.rules`: fields left out are `-`. */
export interface TmpfilesRule {
  readonly type: TmpfilesType;
  /** An absolute path (a node for one computed in Nix). */
  readonly path: string | Expr;
  /** Octal, as `"0750"` (a leading `~` or `:` as tmpfiles.d allows). */
  readonly mode?: string;
  readonly user?: string | Expr;
  readonly group?: string | Expr;
  /** A cleanup age: `"10d"`, `"-"`. */
  readonly age?: string;
  /** The argument (a link target, file contents); may hold spaces. */
  readonly argument?: string | Expr;
}

const TYPE = /^[fwdDevqQpLcbCxXrRzZtThHaA][+!\-=~^]?$/;

function field(value: string | Expr | undefined, what: string, check: RegExp): string | Expr {
  if (value === undefined) return "-";
  if (isNode(value)) return value;
  if (typeof value !== "string" || !check.test(value)) {
    throw new NixAstError(`a tmpfiles rule's ${what} is not valid: ${describe(value)}`);
  }
  return value;
}

/**
 * A line of `systemd.tmpfiles.rules`, as tmpfiles.d(5) reads it: `type path mode user
 * group age argument`.
 *
 * @example
 * ```ts
 * print(tmpfilesRule({ type: "d", path: "/var/lib/tally", mode: "0750", user: "tally", group: "tally" }));
 * // "d /var/lib/tally 0750 tally tally -"
 * ```
 */
export function tmpfilesRule(rule: TmpfilesRule): Str {
  const keys = ["type", "path", "mode", "user", "group", "age", "argument"];
  checkKeys(rule, new Set(keys), "tmpfilesRule");
  if (typeof rule.type !== "string" || !TYPE.test(rule.type)) {
    throw new NixAstError(`${describe(rule.type)} is not a tmpfiles.d line type`);
  }
  const fields: (string | Expr)[] = [
    rule.type,
    field(rule.path, "path (absolute, without spaces)", /^\/\S*$/),
    field(rule.mode, "mode (octal such as 0750)", /^[~:]?[0-7]{3,4}$|^-$/),
    field(rule.user, "user", /^\S+$/),
    field(rule.group, "group", /^\S+$/),
    field(rule.age, "age", /^\S+$/),
  ];
  if (rule.argument !== undefined) {
    const a = rule.argument;
    if (typeof a === "string" && a.includes("\n")) {
      throw new NixAstError("a tmpfiles rule's argument cannot hold a newline");
    }
    fields.push(isNode(a) ? a : field(a, "argument", /^[^\n]+$/));
  }
  const parts: (string | Expr)[] = [];
  fields.forEach((f, i) => parts.push(...(i > 0 ? [" ", f] : [f])));
  return strParts(parts);
}
