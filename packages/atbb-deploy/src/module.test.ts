import { beforeAll, describe, expect, it } from "vitest";
import { resolveOptions } from "./options.js";
import { effectiveDirectives, sampleValues, unitSpecs, type UnitSpec } from "./units.js";
import type { AtbbConfig, ModuleValues, Sym } from "./sym.js";
import {
  NIXOS_STUBS,
  SEED_MODULE,
  STAND_IN_NIXPKGS,
  evalJson,
  nixPath,
  nixpkgsLib,
  requireNix,
  withCheckout,
} from "./test-support/harness.js";

const LIB = nixpkgsLib();

/** The minimal configuration of docs/atbb-deployment.md. */
const MINIMAL = {
  enable: true,
  domain: "forum.example.com",
  forumDid: "did:plc:forum",
  pdsUrl: "https://pds.example.com",
  environmentFile: "/run/secrets/atbb.env",
};

/** Generator options other than the defaults, for a module generated from them. */
const OTHER_OPTIONS = {
  user: "forum",
  group: "forum",
  databaseName: "forum",
  appviewPort: 8080,
  webPort: 8081,
} as const;

interface Unit {
  description: string;
  after: string[];
  requires: string[];
  wantedBy: string[];
  environment: Record<string, string>;
  serviceConfig: Record<string, unknown>;
}

interface Evaluated {
  failed: string[];
  warnings: string[];
  units: Record<string, Unit>;
  users: Record<string, { isSystemUser: boolean; group: string }>;
  groups: string[];
  postgresql: Record<string, unknown>;
  nginx: Record<string, unknown>;
  package: string;
  nodejs: string;
}

interface DocOption {
  name: string;
  description: string | null;
  type: string;
  default: string | null;
  example: string | null;
}

/**
 * The shared `let` of every expression: nixpkgs' lib, the stand-in nixpkgs, the
 * checkout's flake (its `self`), and `atbb`: the module evaluated beside the stand-in
 * NixOS declarations with the minimal configuration and `extra` options.
 */
function prelude(dir: string, lib: string): string {
  return `
    lib = import ${nixPath(lib)};
    pkgs = import ${nixPath(STAND_IN_NIXPKGS)} { inherit lib; };
    nixpkgs = { inherit lib; legacyPackages.x86_64-linux = pkgs; };
    self = (import ${nixPath(dir + "/flake.nix")}).outputs { inherit self nixpkgs; };
    evalWith = module: modules: lib.evalModules {
      modules = [ ${nixPath(NIXOS_STUBS)} module { _module.args.pkgs = pkgs; } ] ++ modules;
    };
    eval = evalWith self.nixosModules.default;
    minimal = builtins.fromJSON ${JSON.stringify(JSON.stringify(MINIMAL))};
    acme = { security.acme = { acceptTerms = true; defaults.email = "admin@example.com"; }; };
    atbb = extra: (eval [ acme { services.atbb = minimal // extra; } ]).config;
    failed = c: map (a: a.message) (lib.filter (a: !a.assertion) c.assertions);
    summary = c: {
      failed = failed c;
      warnings = c.warnings;
      units = lib.mapAttrs (n: s: {
        inherit (s) description after requires wantedBy environment serviceConfig;
      }) c.systemd.services;
      users = lib.mapAttrs (n: u: { inherit (u) isSystemUser group; }) c.users.users;
      groups = builtins.attrNames c.users.groups;
      postgresql = c.services.postgresql;
      nginx = c.services.nginx;
      package = "\${c.services.atbb.package}";
      nodejs = "\${pkgs.nodejs_22}";
    };
    docs = options: map (o: {
      inherit (o) name description type;
      default = if o ? default then o.default.text else null;
      example = if o ? example then o.example.text else null;
    }) (lib.optionAttrSetToDocList options);
  `;
}

/** The expressions evaluated in one Nix process, by name. */
function expressions(dir: string, lib: string): Record<string, string> {
  const cases: Record<string, string> = {
    minimal: "summary (atbb { })",
    autoMigrateRemoteDb: "summary (atbb { autoMigrate = true; database.enable = false; })",
    storeEnvFile: 'failed (atbb { environmentFile = "${builtins.storeDir}/0000-atbb.env"; })',
    storeEnvFileWithContext:
      'failed (atbb { environmentFile = "${builtins.toFile "atbb.env" "X=1"}"; })',
    relativeEnvFile: 'failed (atbb { environmentFile = "atbb.env"; })',
    pathLiteralEnvFile:
      "(builtins.tryEval (atbb { environmentFile = ./atbb.env; }).services.atbb.environmentFile).success",
    dbNameDiffers: 'failed (atbb { database.name = "forum"; })',
    dbNameDiffersRemote: 'failed (atbb { database = { enable = false; name = "forum"; }; })',
    acmeWithoutNginx: "failed (atbb { enableNginx = false; })",
    disabled:
      "let c = (eval [ ]).config; in { units = builtins.attrNames c.systemd.services; inherit (c) assertions; }",
    docs: "docs (eval [ ]).options.services.atbb",
    seedDocsWithoutDomain: `(builtins.tryEval (builtins.deepSeq (docs (evalWith (import ${nixPath(SEED_MODULE)} self) [ ]).options.services.atbb) true)).success`,
    seedOauthDefaultText: `(builtins.head (builtins.filter (o: o.name == "services.atbb.oauthPublicUrl") (docs (evalWith (import ${nixPath(SEED_MODULE)} self) [ { services.atbb.domain = "forum.example.com"; } ]).options.services.atbb))).default`,
  };
  const shared = prelude(dir, lib);
  return Object.fromEntries(
    Object.entries(cases).map(([name, body]) => [name, `let ${shared} in ${body}`]),
  );
}

/** A unit's data from the TypeScript spec, for concrete values, shaped as Nix gives it. */
function fromSpec(unit: UnitSpec, values: ModuleValues): Unit {
  return {
    description: unit.description,
    after: unit.after.value(values),
    requires: unit.requires?.value(values) ?? [],
    wantedBy: [...(unit.wantedBy ?? [])],
    environment: Object.fromEntries((unit.environment ?? []).map(([k, v]) => [k, v.value(values)])),
    serviceConfig: Object.fromEntries(
      effectiveDirectives(unit).map((d) => [d.key, (d.value as Sym<unknown>).value(values)]),
    ),
  };
}

describe.skipIf(!requireNix() || !LIB)("nix/module.nix with lib.evalModules", () => {
  let results: Record<string, unknown> = {};

  beforeAll(() => {
    withCheckout((dir) =>
      withCheckout((other) => {
        const exprs = {
          ...expressions(dir, LIB as string),
          otherOptions: `let ${prelude(other, LIB as string)} in summary (atbb { })`,
        };
        const values = evalJson(Object.values(exprs));
        results = Object.fromEntries(Object.keys(exprs).map((name, i) => [name, values[i]]));
      }, OTHER_OPTIONS),
    );
  });

  it("evaluates with the minimal configuration: no failed assertion, no warning", () => {
    const r = results["minimal"] as Evaluated;
    expect(r.failed).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(Object.keys(r.units).sort()).toEqual(["atbb-appview", "atbb-migrate", "atbb-web"]);
    expect(r.users).toEqual({ atbb: { isSystemUser: true, group: "atbb" } });
    expect(r.groups).toEqual(["atbb"]);
  });

  it("gives the units the corrected ExecStarts and the seed's environment", () => {
    const r = results["minimal"] as Evaluated;
    const node = `${r.nodejs}/bin/node`;
    expect(r.package).toMatch(/^\/nix\/store\/[a-z0-9]{32}-atbb-0\.1\.0$/);
    const exec = (unit: string) => r.units[unit]?.serviceConfig["ExecStart"];
    expect(exec("atbb-migrate")).toBe(
      `${node} ${r.package}/apps/appview/node_modules/drizzle-kit/bin.cjs migrate`,
    );
    expect(exec("atbb-appview")).toBe(`${node} ${r.package}/apps/appview/dist/index.js`);
    expect(exec("atbb-web")).toBe(`${node} ${r.package}/apps/web/dist/index.js`);
    expect(r.units["atbb-appview"]?.environment).toEqual({
      NODE_ENV: "production",
      PORT: "3000",
      FORUM_DID: "did:plc:forum",
      PDS_URL: "https://pds.example.com",
      OAUTH_PUBLIC_URL: "https://forum.example.com",
      SEED_DEFAULT_ROLES: "true",
    });
    expect(r.units["atbb-web"]?.environment).toEqual({
      NODE_ENV: "production",
      WEB_PORT: "3001",
      APPVIEW_URL: "http://localhost:3000",
    });
    for (const unit of ["atbb-migrate", "atbb-appview"]) {
      expect(r.units[unit]?.serviceConfig["EnvironmentFile"]).toBe("/run/secrets/atbb.env");
    }
    const web = r.units["atbb-web"]?.serviceConfig ?? {};
    expect(web["IPAddressDeny"]).toBe("any");
    expect(web["IPAddressAllow"]).toBe("localhost");
    for (const unit of Object.values(r.units)) {
      expect(unit.serviceConfig["MemoryDenyWriteExecute"]).toBe(false);
      expect(unit.serviceConfig["SystemCallFilter"]).toEqual(["@system-service", "~@privileged"]);
    }
  });

  it("sets up PostgreSQL and nginx as the seed does", () => {
    const r = results["minimal"] as Evaluated;
    expect(r.postgresql).toMatchObject({
      enable: true,
      ensureDatabases: ["atbb"],
      ensureUsers: [{ name: "atbb", ensureDBOwnership: true }],
    });
    const host = (r.nginx["virtualHosts"] as Record<string, Record<string, unknown>>)[
      "forum.example.com"
    ];
    expect(host).toMatchObject({ forceSSL: true, enableACME: true });
    expect(host?.["locations"]).toEqual({
      "/.well-known/": { proxyPass: "http://127.0.0.1:3000", recommendedProxySettings: true },
      "/api/": { proxyPass: "http://127.0.0.1:3000", recommendedProxySettings: true },
      "/": { proxyPass: "http://127.0.0.1:3001", recommendedProxySettings: true },
    });
  });

  it("defines exactly the units that `atbb-deploy units` shows", () => {
    const o = resolveOptions();
    for (const [name, overrides] of [
      ["minimal", {}],
      ["autoMigrateRemoteDb", { autoMigrate: true, database: { enable: false, name: "atbb" } }],
    ] as const) {
      const r = results[name] as Evaluated;
      const cfg: AtbbConfig = {
        ...sampleValues(o).cfg,
        ...MINIMAL,
        oauthPublicUrl: `https://${MINIMAL.domain}`,
        package: r.package,
        ...overrides,
      };
      const values: ModuleValues = { cfg, nodejs: r.nodejs };
      for (const unit of unitSpecs(o)) {
        expect(r.units[unit.name], `${name}: ${unit.name}`).toEqual(fromSpec(unit, values));
      }
    }
    const remote = results["autoMigrateRemoteDb"] as Evaluated;
    expect(remote.units["atbb-appview"]?.requires).toEqual(["atbb-migrate.service"]);
    expect(remote.postgresql).toMatchObject({ enable: false, ensureUsers: [] });
  });

  it("follows the generator's options (names and ports)", () => {
    const r = results["otherOptions"] as Evaluated;
    expect(r.failed).toEqual([]);
    expect(r.users).toEqual({ forum: { isSystemUser: true, group: "forum" } });
    expect(r.units["atbb-appview"]?.environment["PORT"]).toBe("8080");
    expect(r.units["atbb-web"]?.environment).toMatchObject({
      WEB_PORT: "8081",
      APPVIEW_URL: "http://localhost:8080",
    });
    expect(r.units["atbb-web"]?.serviceConfig["User"]).toBe("forum");
    expect(r.postgresql).toMatchObject({ ensureDatabases: ["forum"] });
    const host = (r.nginx["virtualHosts"] as Record<string, Record<string, unknown>>)[
      "forum.example.com"
    ];
    expect(host?.["locations"]).toMatchObject({
      "/api/": { proxyPass: "http://127.0.0.1:8080" },
      "/": { proxyPass: "http://127.0.0.1:8081" },
    });
  });

  it("refuses an environment file in the Nix store with its own message", () => {
    for (const name of ["storeEnvFile", "storeEnvFileWithContext"]) {
      const failed = results[name] as string[];
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatch(
        /^services\.atbb\.environmentFile \(\/nix\/store\/.*\) is inside the Nix store, which every user can read/,
      );
    }
    expect(results["relativeEnvFile"]).toEqual([
      'services.atbb.environmentFile must be an absolute path, not "atbb.env".',
    ]);
    // a path literal would copy the secrets into the store: the type refuses it
    expect(results["pathLiteralEnvFile"]).toBe(false);
  });

  it("refuses a database name other than the user with local PostgreSQL", () => {
    const failed = results["dbNameDiffers"] as string[];
    expect(failed).toContain(
      'services.atbb.database.name ("forum") must equal services.atbb.user ("atbb") when services.atbb.database.enable is true: PostgreSQL\'s ensureDBOwnership only gives a database to the user of the same name.',
    );
    // NixOS's own assertion (restated by the stand-in) fails too, less helpfully
    expect(failed).toHaveLength(2);
    expect(
      failed.filter((m) => m.startsWith("services.postgresql.ensureUsers: atbb ")),
    ).toHaveLength(1);
    expect(results["dbNameDiffersRemote"]).toEqual([]);
  });

  it("refuses ACME without nginx", () => {
    const failed = results["acmeWithoutNginx"] as string[];
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^services\.atbb\.enableACME needs services\.atbb\.enableNginx/);
  });

  it("defines nothing when disabled", () => {
    expect(results["disabled"]).toEqual({ units: [], assertions: [] });
  });

  it("renders every option's documentation, without a configuration", () => {
    const docs = results["docs"] as DocOption[];
    const byName = Object.fromEntries(docs.map((d) => [d.name.replace("services.atbb.", ""), d]));
    expect(Object.keys(byName).sort()).toEqual(
      [
        "enable",
        "package",
        "domain",
        "enableNginx",
        "enableACME",
        "oauthPublicUrl",
        "forumDid",
        "pdsUrl",
        "environmentFile",
        "database.enable",
        "database.name",
        "appviewPort",
        "webPort",
        "seedDefaultRoles",
        "autoMigrate",
        "user",
        "group",
      ].sort(),
    );
    for (const d of docs) {
      expect(typeof d.description, d.name).toBe("string");
      expect((d.description ?? "").length, d.name).toBeGreaterThan(0);
    }
    // defaultText is the Nix source, not an interpolated value
    expect(byName["oauthPublicUrl"]?.default).toBe('"https://${cfg.domain}"');
    expect(byName["package"]?.default).toBe(
      "self.packages.${pkgs.stdenv.hostPlatform.system}.default",
    );
    expect(byName["appviewPort"]?.default).toBe("3000");
    expect(byName["environmentFile"]?.type).toBe("string");
    expect(byName["environmentFile"]?.example).toBe('"/run/secrets/atbb.env"');
  });

  it("(contrast) the seed's defaultText interpolates the domain and breaks the docs", () => {
    expect(results["seedDocsWithoutDomain"]).toBe(false);
    expect(results["seedOauthDefaultText"]).toBe('"https://\\forum.example.com"');
  });
});
