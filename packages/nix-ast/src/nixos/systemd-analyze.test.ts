/**
 * The hardening baselines, measured: units built from them, rendered as NixOS renders
 * them, scored by `systemd-analyze security --offline=true` (one process for all units).
 * Skipped, saying so, where systemd-analyze is missing; required when `CI` is set.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ref } from "../index.js";
import { NixAstError } from "../errors.js";
import { commented, hardening, relax, renderServiceSection, type ServiceConfig } from "./index.js";

const available = (() => {
  const r = spawnSync("systemd-analyze", ["--version"], { encoding: "utf8" });
  if (r.status === 0) return true;
  if (process.env["CI"]) {
    throw new Error("systemd-analyze is required in CI (Debian's systemd): it was not found");
  }
  console.warn("systemd-analyze not found: skipping the hardening scores");
  return false;
})();

const node: ServiceConfig = {
  Type: "simple",
  User: "demo",
  Group: "demo",
  ExecStart: "/usr/bin/node /srv/demo/index.js",
  Restart: "on-failure",
  RestartSec: 5,
};

const UNITS: Record<string, ServiceConfig> = {
  "network-service": {
    ...node,
    ...relax(hardening.networkService, {
      MemoryDenyWriteExecute: [false, "V8's JIT needs writable executable memory"],
    }),
  },
  "loopback-service": {
    ...node,
    ...relax(hardening.loopbackService, {
      MemoryDenyWriteExecute: [false, "V8's JIT needs writable executable memory"],
    }),
  },
  "seed-appview": {
    ...node,
    NoNewPrivileges: true,
    ProtectSystem: "strict",
    ProtectHome: true,
    PrivateTmp: true,
    PrivateDevices: true,
    ProtectKernelTunables: true,
    ProtectKernelModules: true,
    ProtectControlGroups: true,
    RestrictSUIDSGID: true,
  },
};

/** Overall exposure of each unit, by name. */
function scores(units: Record<string, ServiceConfig>): Record<string, number> {
  const dir = mkdtempSync(join(tmpdir(), "nix-ast-units-"));
  try {
    const files = Object.entries(units).map(([name, config]) => {
      const file = join(dir, `${name}.service`);
      writeFileSync(file, `[Unit]\nDescription=${name}\n\n${renderServiceSection(config)}`);
      return file;
    });
    const r = spawnSync("systemd-analyze", ["security", "--offline=true", "--no-pager", ...files], {
      encoding: "utf8",
    });
    const out: Record<string, number> = {};
    for (const m of r.stdout.matchAll(/Overall exposure level for (\S+)\.service: ([\d.]+)/g)) {
      out[m[1]!] = Number(m[2]);
    }
    if (Object.keys(out).length !== files.length) {
      throw new Error(`systemd-analyze gave no score for some units:\n${r.stdout}\n${r.stderr}`);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("renderServiceSection", () => {
  it("renders directives as NixOS does: sorted, one line per list element", () => {
    expect(
      renderServiceSection({
        UMask: "0077",
        SystemCallFilter: ["@system-service", "~@privileged"],
        CapabilityBoundingSet: "",
        NoNewPrivileges: true,
        PrivateUsers: false,
        RestartSec: 5,
        MemoryDenyWriteExecute: commented(false, "JIT"),
        ReadWritePaths: [],
      }),
    ).toBe(
      [
        "[Service]",
        "CapabilityBoundingSet=",
        "MemoryDenyWriteExecute=false",
        "NoNewPrivileges=true",
        "PrivateUsers=false",
        "RestartSec=5",
        "SystemCallFilter=@system-service",
        "SystemCallFilter=~@privileged",
        "UMask=0077",
        "",
      ].join("\n"),
    );
  });

  it("refuses what it cannot render", () => {
    expect(() => renderServiceSection({ User: ref("cfg.user") })).toThrow(NixAstError);
    expect(() => renderServiceSection({ User: ref("cfg.user") })).toThrow(/Nix expression/);
    expect(() => renderServiceSection({ ExecStart: "a\nb" })).toThrow(/newline/);
    expect(() => renderServiceSection({ Type: "daemon" as "simple" })).toThrow(/Type must be/);
    expect(() => renderServiceSection({ Bogus: 1 } as ServiceConfig)).toThrow(/not a typed/);
  });
});

describe.skipIf(!available)("hardening baselines scored by systemd-analyze", () => {
  it("score about 1.5 (network) and better (loopback); the seed's set scores far worse", () => {
    const s = scores(UNITS);
    console.log(`systemd-analyze security: ${JSON.stringify(s)}`);
    expect(s["network-service"]).toBeLessThanOrEqual(1.6);
    expect(s["loopback-service"]).toBeLessThanOrEqual(s["network-service"]!);
    expect(s["seed-appview"]).toBeGreaterThan(5);
  });
});
