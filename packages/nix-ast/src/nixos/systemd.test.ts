import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { print, ref } from "../index.js";
import type { Expr } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";
import { appviewUnits } from "../test-support/nixos-modules.js";
import {
  commented,
  hardening,
  HARDENING_DIRECTIVES,
  relax,
  serviceConfig,
  SERVICE_DIRECTIVES,
  systemdService,
  type ServiceConfig,
  type SystemdServiceSpec,
} from "./index.js";

const p = (e: Expr) => print(e).replace(/\n$/, "");
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("systemdService", () => {
  it("prints hardened units with the reasons for relaxed directives (fixture)", () => {
    expect(print(appviewUnits())).toBe(fixture("units.nix"));
  });

  it("keeps the keys in the order given and collapses a one-directive serviceConfig", () => {
    expect(
      p(
        systemdService({
          wantedBy: ["multi-user.target"],
          description: "x",
          serviceConfig: { ExecStart: "/bin/true" },
          unitConfig: { StartLimitBurst: 3 },
        }),
      ),
    ).toBe(
      [
        "{",
        '  wantedBy = [ "multi-user.target" ];',
        '  description = "x";',
        '  serviceConfig.ExecStart = "/bin/true";',
        "  unitConfig.StartLimitBurst = 3;",
        "}",
      ].join("\n"),
    );
  });

  it("puts hardening last under a comment, then extra directives", () => {
    expect(
      p(
        systemdService({
          serviceConfig: { NoNewPrivileges: true, Type: "oneshot", RemainAfterExit: true },
          extraServiceConfig: { OOMScoreAdjust: -100 },
          hardeningComment: "Sandboxing",
        }),
      ),
    ).toBe(
      [
        "{",
        "  serviceConfig = {",
        '    Type = "oneshot";',
        "    RemainAfterExit = true;",
        "    # Sandboxing",
        "    NoNewPrivileges = true;",
        "    OOMScoreAdjust = -100;",
        "  };",
        "}",
      ].join("\n"),
    );
    expect(p(serviceConfig({ PrivateTmp: true }, { hardeningComment: false }))).toBe(
      "{ PrivateTmp = true; }",
    );
  });

  it("prints scripts as indented strings and takes nodes anywhere", () => {
    const out = p(
      systemdService({
        path: [ref("pkgs.coreutils")],
        script: "set -eu\necho hi\n",
        requires: ref("deps"),
        serviceConfig: ref("base"),
      }),
    );
    expect(out).toContain(
      "  path = [ pkgs.coreutils ];\n  script = ''\n    set -eu\n    echo hi\n  '';",
    );
    expect(out).toContain("requires = deps;");
    expect(out).toContain("serviceConfig = base;");
  });

  it("knows every hardening directive the brief lists", () => {
    const listed = [
      "NoNewPrivileges",
      "ProtectSystem",
      "ProtectHome",
      "PrivateTmp",
      "PrivateDevices",
      "PrivateUsers",
      "PrivateMounts",
      "ProtectKernelTunables",
      "ProtectKernelModules",
      "ProtectKernelLogs",
      "ProtectControlGroups",
      "ProtectClock",
      "ProtectHostname",
      "ProtectProc",
      "ProcSubset",
      "RestrictSUIDSGID",
      "RestrictNamespaces",
      "RestrictRealtime",
      "LockPersonality",
      "MemoryDenyWriteExecute",
      "RemoveIPC",
      "CapabilityBoundingSet",
      "AmbientCapabilities",
      "SystemCallArchitectures",
      "SystemCallFilter",
      "SystemCallErrorNumber",
      "RestrictAddressFamilies",
      "UMask",
      "DevicePolicy",
      "IPAddressDeny",
      "IPAddressAllow",
      "ReadWritePaths",
    ];
    for (const d of listed) expect(HARDENING_DIRECTIVES).toContain(d);
    for (const d of HARDENING_DIRECTIVES) expect(SERVICE_DIRECTIVES).toContain(d);
  });

  it("has baselines with the directives of docs/atbb-deployment.md item 7", () => {
    expect(hardening.networkService).toMatchObject({
      ProtectKernelLogs: true,
      ProtectClock: true,
      ProtectHostname: true,
      ProtectProc: "invisible",
      ProcSubset: "pid",
      RestrictNamespaces: true,
      RestrictRealtime: true,
      LockPersonality: true,
      CapabilityBoundingSet: "",
      SystemCallArchitectures: "native",
      SystemCallFilter: ["@system-service", "~@privileged"],
      SystemCallErrorNumber: "EPERM",
      RestrictAddressFamilies: ["AF_INET", "AF_INET6", "AF_UNIX"],
      UMask: "0077",
      PrivateMounts: true,
      RemoveIPC: true,
      DevicePolicy: "closed",
    });
    expect(hardening.loopbackService).toMatchObject({
      IPAddressDeny: "any",
      IPAddressAllow: "localhost",
    });
    expect(Object.isFrozen(hardening.networkService)).toBe(true);
  });

  it("refuses bad directives and relaxations with NixAstError", () => {
    const bad: [string, () => unknown, RegExp][] = [
      ["Type", () => serviceConfig({ Type: "daemon" as "simple" }), /Type must be one of/],
      ["UMask", () => serviceConfig({ UMask: "77x" }), /octal mode/],
      ["bool", () => serviceConfig({ PrivateTmp: "yes" as never }), /a boolean/],
      ["caps", () => serviceConfig({ CapabilityBoundingSet: "NET_ADMIN" as never }), /CAP_/],
      ["af", () => serviceConfig({ RestrictAddressFamilies: ["INET"] as never }), /AF_/],
      ["ns", () => serviceConfig({ RestrictNamespaces: ["netns"] as never }), /namespace/],
      ["unknown", () => serviceConfig({ ExecStrat: "x" } as ServiceConfig), /not a typed/],
      ["RestartSec", () => serviceConfig({ RestartSec: -1 }), /non-negative/],
      [
        "extra twice",
        () => serviceConfig({ Type: "simple" }, { extra: { Type: "exec" } }),
        /given twice/,
      ],
      [
        "no reason",
        () => relax(hardening.networkService, { PrivateTmp: [false, ""] }),
        /needs a reason/,
      ],
      [
        "not hardening",
        () => relax(hardening.networkService, { Type: ["simple", "x"] } as never),
        /not a hardening directive/,
      ],
      [
        "not a pair",
        () => relax(hardening.networkService, { PrivateTmp: false } as never),
        /\[value, reason\]/,
      ],
      ["comment", () => commented(true, " "), /non-empty/],
      ["key", () => systemdService({ wantedby: [] } as SystemdServiceSpec), /no option/],
      ["env", () => systemdService({ environment: { PORT: 3000 as never } }), /use toString/],
      ["script", () => systemdService({ script: ["x"] as never }), /must be a string/],
      ["after", () => systemdService({ after: "x" as never }), /must be an array/],
      [
        "extra with node",
        () => systemdService({ serviceConfig: ref("base"), extraServiceConfig: { A: 1 } }),
        /typed serviceConfig/,
      ],
    ];
    for (const [what, fn, message] of bad) {
      expect(fn, what).toThrow(NixAstError);
      expect(fn, what).toThrow(message);
    }
  });

  it("is typed for the directives (checked by pnpm typecheck)", () => {
    const compileOnly = () => {
      // @ts-expect-error: not a service type
      serviceConfig({ Type: "daemon" });
      // @ts-expect-error: ProtectSystem takes true, false, "full" or "strict"
      serviceConfig({ ProtectSystem: "yes" });
      // @ts-expect-error: ProtectProc has fixed values
      serviceConfig({ ProtectProc: "hidden" });
      // @ts-expect-error: capabilities start with CAP_
      serviceConfig({ CapabilityBoundingSet: ["NET_ADMIN"] });
      // @ts-expect-error: address families start with AF_
      serviceConfig({ RestrictAddressFamilies: ["INET"] });
      // @ts-expect-error: unknown directive
      serviceConfig({ ExecStrat: "x" });
      // @ts-expect-error: a reason is required
      relax(hardening.networkService, { MemoryDenyWriteExecute: [false] });
      // @ts-expect-error: only hardening directives are relaxed
      relax(hardening.networkService, { Type: ["simple", "why"] });
      // @ts-expect-error: environment values are strings
      systemdService({ environment: { PORT: 3000 } });
      // @ts-expect-error: unknown service option
      systemdService({ wantedby: ["multi-user.target"] });
    };
    expect(typeof compileOnly).toBe("function");
  });
});
