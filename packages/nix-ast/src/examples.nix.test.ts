/**
 * The second consumer in `examples/tally`: its module is printed, and evaluated with
 * nixpkgs' lib (`NIXPKGS_LIB`; skipped, saying so, when unset) with the NixOS options it
 * sets stubbed, to show it means what a NixOS user expects.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tallyModule } from "../examples/tally/module.js";
import { parse, print } from "./index.js";
import { evalJson, requireNix } from "./test-support/nix.js";

const LIB = process.env["NIXPKGS_LIB"];
const libUsable = (() => {
  if (!LIB) {
    console.warn("NIXPKGS_LIB is not set: skipping the evaluation of examples/tally");
    return false;
  }
  if (!existsSync(join(LIB, "default.nix"))) throw new Error(`NIXPKGS_LIB=${LIB} is no lib`);
  return requireNix();
})();

describe("examples/tally", () => {
  it("prints in the official format, as a fixpoint of the parser", () => {
    const text = print(tallyModule);
    expect(print(parse(text))).toBe(text);
    expect(text).toContain("users.users.tally = {");
    expect(text).toContain("services.nginx.virtualHosts.${cfg.domain} = {");
  });

  it.skipIf(!libUsable)("evaluates with nixpkgs' lib as a NixOS user expects", () => {
    const anything = "lib.mkOption { type = lib.types.attrsOf lib.types.anything; default = { }; }";
    const [result] = evalJson([
      `let
  lib = import ${JSON.stringify(LIB)};
  tally = { type = "derivation"; name = "tally-1.0"; outPath = "/nix/store/tally-1.0"; meta.mainProgram = "tally"; };
  m = lib.evalModules {
    modules = [
      (${print(tallyModule)})
      {
        options.users.users = ${anything};
        options.users.groups = ${anything};
        options.systemd.services = ${anything};
        options.systemd.sockets = ${anything};
        options.systemd.timers = ${anything};
        options.systemd.tmpfiles.rules = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
        options.services.postgresql = ${anything};
        options.services.nginx = ${anything};
        options.warnings = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
        options.assertions = lib.mkOption { type = lib.types.listOf lib.types.anything; default = [ ]; };
      }
      { config._module.args.pkgs = { inherit tally; }; }
      {
        config.services.postgresql.package = "/nix/store/postgresql";
        config.services.tally = {
          enable = true;
          address = "0.0.0.0";
          secretsFile = "/run/secrets/tally";
          domain = "tally.example";
          polls.lunch.title = "Lunch?";
        };
      }
    ];
  };
  c = m.config;
  service = c.systemd.services.tally;
in
{
  listenAddress = c.services.tally.listenAddress;
  renamedWarned = builtins.length c.warnings;
  user = c.users.users.tally;
  listen = c.systemd.sockets.tally.listenStreams;
  exec = service.serviceConfig.ExecStart;
  env = service.serviceConfig.EnvironmentFile;
  polls = builtins.fromJSON service.environment.TALLY_POLLS;
  tmpfiles = c.systemd.tmpfiles.rules;
  timer = c.systemd.timers.tally-backup.timerConfig;
  backup = c.systemd.services.tally-backup.script;
  databases = c.services.postgresql.ensureDatabases;
  proxy = c.services.nginx.virtualHosts."tally.example".locations."/".proxyPass;
}`,
    ]);
    expect(result).toEqual({
      listenAddress: "0.0.0.0",
      renamedWarned: 1,
      user: { isSystemUser: true, group: "tally", home: "/var/lib/tally" },
      listen: ["0.0.0.0:8090"],
      exec: "/nix/store/tally-1.0/bin/tally --socket-activated",
      env: "/run/secrets/tally",
      polls: { lunch: { title: "Lunch?", choices: ["yes", "no"] } },
      tmpfiles: [
        "d /var/lib/tally 0750 tally tally -",
        "d /var/lib/tally/backups 0700 tally tally 30d",
      ],
      timer: { OnCalendar: "*-*-* 03:00:00", Persistent: true },
      backup:
        "/nix/store/postgresql/bin/pg_dump tally > /var/lib/tally/backups/tally-$(date +%F).sql",
      databases: ["tally"],
      proxy: "http://0.0.0.0:8090",
    });
  });
});
