import { describe, expect, it } from "vitest";
import { NixAstError, print, ref } from "../index.js";
import {
  getExe,
  getExe2,
  mkAliasOptionModule,
  mkChangedOptionModule,
  mkEnableOption,
  mkOptionDefault,
  systemdSocket,
  systemdTimer,
  tmpfilesRule,
} from "./index.js";
import { lambda } from "../index.js";

describe("timers, sockets and tmpfiles rules", () => {
  it("print as NixOS declares them", () => {
    const timer = systemdTimer({ timerConfig: { OnCalendar: "daily" }, wantedBy: ["x.target"] });
    expect(print(timer)).toBe(
      '{\n  wantedBy = [ "x.target" ];\n  timerConfig.OnCalendar = "daily";\n}\n',
    );
  });

  it("refuse unknown directives, a timer without a time, a socket without an address", () => {
    expect(() => systemdTimer({ timerConfig: { OnCalender: "daily" } as never })).toThrow(
      /timerConfig has no "OnCalender" \(known: OnActiveSec/,
    );
    expect(() => systemdTimer({ timerConfig: {} })).toThrow(/at least one directive/);
    expect(() => systemdSocket({})).toThrow(/needs listenStreams or listenDatagrams/);
    expect(() =>
      systemdSocket({ listenStreams: ["/run/x.sock"], socketConfig: { Acept: true } as never }),
    ).toThrow(NixAstError);
  });

  it("write tmpfiles.d lines, checked field by field", () => {
    expect(print(tmpfilesRule({ type: "L+", path: "/etc/x", argument: ref("cfg.target") }))).toBe(
      '"L+ /etc/x - - - - ${cfg.target}"\n',
    );
    expect(print(tmpfilesRule({ type: "d", path: "/run/t", user: ref("cfg.user") }))).toBe(
      '"d /run/t - ${cfg.user} - -"\n',
    );
    expect(() => tmpfilesRule({ type: "d", path: "relative" })).toThrow(/path \(absolute/);
    expect(() => tmpfilesRule({ type: "d", path: "/a b" })).toThrow(/path/);
    expect(() => tmpfilesRule({ type: "d", path: "/a", mode: "750x" })).toThrow(/mode/);
    expect(() => tmpfilesRule({ type: "y" as never, path: "/a" })).toThrow(
      /not a tmpfiles.d line type/,
    );
    expect(() => tmpfilesRule({ type: "f", path: "/a", argument: "x\ny" })).toThrow(/newline/);
  });
});

describe("more of lib", () => {
  it("prints getExe, mkOptionDefault, the option modules and an enable option on by default", () => {
    expect(print(getExe(ref("pkgs.hello")))).toBe("lib.getExe pkgs.hello\n");
    expect(print(getExe2(ref("pkgs.coreutils"), "ls"))).toBe('lib.getExe\' pkgs.coreutils "ls"\n');
    expect(print(mkOptionDefault(1))).toBe("lib.mkOptionDefault 1\n");
    expect(print(mkAliasOptionModule(["a"], ["b"]))).toBe(
      'lib.mkAliasOptionModule [ "a" ] [ "b" ]\n',
    );
    expect(print(mkChangedOptionModule(["a"], ["b"], lambda("config", ref("config.a"))))).toBe(
      'lib.mkChangedOptionModule [ "a" ] [ "b" ] (config: config.a)\n',
    );
    expect(print(mkEnableOption("x", { default: true }))).toBe(
      'lib.mkEnableOption "x" // { default = true; }\n',
    );
    // @ts-expect-error getExe takes a package expression
    expect(() => getExe("hello")).toThrow(/getExe's package must be Nix code/);
  });
});
