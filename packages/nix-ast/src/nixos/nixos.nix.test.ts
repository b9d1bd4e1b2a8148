/**
 * The NixOS helpers against nixpkgs' real `lib` (env `NIXPKGS_LIB`, the path of its
 * `lib` directory; skipped, saying so, when unset): every `types.*` helper's printed form
 * is a working `lib.types` type that accepts the values the helpers convert (and refuses
 * the ones they refuse), and modules built with the helpers evaluate with
 * `lib.evalModules`. Each test runs one Nix process for all its cases.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  apply,
  attrs,
  bind,
  lambda,
  op,
  print,
  ref,
  str,
  toExpr,
  type ExprLike,
} from "../index.js";
import { evalJson, requireNix } from "../test-support/nix.js";
import { appviewUnits, atbbOptionsModule, demoModule } from "../test-support/nixos-modules.js";
import {
  assertions,
  mkAfter,
  mkBefore,
  mkDefault,
  mkForce,
  mkIf,
  mkMerge,
  mkOption,
  mkOverride,
  mkPackageOption,
  nixosModule,
  optionalAttrs,
  optionals,
  optionalString,
  TYPE_INFO,
  types,
  valueToNix,
  warnings,
  type OptionType,
} from "./index.js";

const LIB = process.env["NIXPKGS_LIB"];
const libUsable = (() => {
  if (!LIB) {
    console.warn(
      "NIXPKGS_LIB is not set: skipping the NixOS helper tests against nixpkgs' lib (set it to the path of nixpkgs' lib directory)",
    );
    return false;
  }
  if (!existsSync(join(LIB, "default.nix"))) {
    throw new Error(`NIXPKGS_LIB=${LIB} holds no default.nix: it must be nixpkgs' lib directory`);
  }
  return requireNix();
})();

/** Nix source of an expression (no trailing newline). */
const src = (e: ExprLike) => print(toExpr(e)).replace(/\n$/, "");

/** `let lib = import LIB; in BODY`. */
const withLib = (body: string) => `let\n  lib = import ${JSON.stringify(LIB)};\nin\n${body}`;

interface TypeCase {
  /** The type under test. */
  readonly type: OptionType<unknown>;
  /** Values the helpers accept, converted by the type (or nodes). */
  readonly good: readonly unknown[];
  /** What `config.x` merges to for the first good value (omit where not JSON). */
  readonly merged?: unknown;
  /** Values the helpers refuse: `lib.types` must refuse them too (printed unchecked). */
  readonly bad?: readonly ExprLike[];
  /** The `bad` values are refused by a Nix predicate only (not checked in JavaScript). */
  readonly nixOnly?: boolean;
}

const drv = ref("fakeDrv");
const FAKE_DRV = '{ type = "derivation"; name = "hello"; outPath = "/nix/store/x-hello"; }';

const sub = types.submodule({
  options: {
    name: mkOption({ type: types.str }),
    port: mkOption({ type: types.port, default: 80 }),
  },
});

const CASES: readonly TypeCase[] = [
  { type: types.str, good: ["a"], merged: "a", bad: [1] },
  { type: types.nonEmptyStr, good: ["a"], merged: "a", bad: [" \n"] },
  { type: types.singleLineStr, good: ["a\n"], merged: "a", bad: ["a\nb"] },
  { type: types.strMatching("[a-z]+"), good: ["abc"], merged: "abc", bad: ["A"] },
  { type: types.separatedString("-"), good: ["a"], merged: "a", bad: [1] },
  { type: types.lines, good: ["a"], merged: "a", bad: [true] },
  { type: types.commas, good: ["a,b"], merged: "a,b" },
  { type: types.envVar, good: ["a:b"], merged: "a:b" },
  { type: types.passwdEntry(types.str), good: ["alice"], merged: "alice", bad: ["a:b"] },
  { type: types.bool, good: [true, false], merged: true, bad: ["true"] },
  { type: types.boolByOr, good: [false], merged: false },
  { type: types.int, good: [-3, 2n ** 62n], merged: -3, bad: [1.5] },
  { type: types.ints.between(-5, 5), good: [-5, 5], merged: -5, bad: [6, -6] },
  { type: types.ints.unsigned, good: [0], merged: 0, bad: [-1] },
  { type: types.ints.positive, good: [1], merged: 1, bad: [0] },
  { type: types.ints.u8, good: [255], merged: 255, bad: [256, -1] },
  { type: types.ints.u16, good: [65535], merged: 65535, bad: [65536] },
  { type: types.ints.u32, good: [4294967295], merged: 4294967295, bad: [4294967296] },
  { type: types.ints.s8, good: [-128, 127], merged: -128, bad: [128, -129] },
  { type: types.ints.s16, good: [-32768], merged: -32768, bad: [32768] },
  { type: types.ints.s32, good: [2147483647], merged: 2147483647, bad: [2147483648] },
  { type: types.port, good: [0, 65535, 8080], merged: 0, bad: [65536, -1, "80"] },
  { type: types.float, good: [2, 0.5], merged: 2, bad: [2n] },
  { type: types.number, good: [2, 2.5], merged: 2, bad: ["2"] },
  { type: types.numbers.between(0, 1.5), good: [0, 1.5, 1], merged: 0, bad: [2, -0.5] },
  { type: types.numbers.nonnegative, good: [0], merged: 0, bad: [-1] },
  { type: types.numbers.positive, good: [0.5], merged: 0.5, bad: [0] },
  { type: types.path, good: ["/etc/x"], merged: "/etc/x", bad: ["relative"] },
  {
    type: types.pathInStore,
    good: ["/nix/store/00000000000000000000000000000000-x"],
    merged: "/nix/store/00000000000000000000000000000000-x",
    bad: ["/etc/x"],
  },
  {
    type: types.pathWith({ inStore: false, absolute: true }),
    good: ["/run/secrets/x"],
    merged: "/run/secrets/x",
    bad: ["/nix/store/00000000000000000000000000000000-x", "x"],
  },
  { type: types.package, good: [drv], bad: ["hello"] },
  { type: types.shellPackage, good: [ref("fakeShell")] },
  { type: types.raw, good: [{ a: 1 }], merged: { a: 1 } },
  { type: types.anything, good: [{ a: [1, "b"] }], merged: { a: [1, "b"] } },
  { type: types.unspecified, good: [1], merged: 1 },
  { type: types.attrs, good: [{ a: 1 }], merged: { a: 1 }, bad: [[1]] },
  { type: types.deferredModule, good: [attrs({})] },
  { type: types.optionType, good: [ref("lib.types.str")] },
  { type: types.listOf(types.port), good: [[80, 443]], merged: [80, 443], bad: [[80, 70000]] },
  { type: types.nonEmptyListOf(types.str), good: [["a"]], merged: ["a"], bad: [[]] },
  { type: types.attrsOf(types.int), good: [{ a: 1 }], merged: { a: 1 }, bad: [{ a: "x" }] },
  { type: types.lazyAttrsOf(types.bool), good: [{ a: true }], merged: { a: true } },
  {
    type: types.attrsWith({ elemType: types.str, lazy: false, placeholder: "name" }),
    good: [{ a: "x" }],
    merged: { a: "x" },
  },
  { type: types.nullOr(types.str), good: [null, "a"], merged: null, bad: [1] },
  { type: types.enum(["a", 1, true]), good: ["a", 1, true], merged: "a", bad: ["b", 2] },
  { type: types.either(types.int, types.str), good: [1, "a"], merged: 1, bad: [true] },
  {
    type: types.oneOf([types.int, types.bool, types.str]),
    good: [1, true, "x"],
    merged: 1,
    bad: [null],
  },
  { type: types.uniq(types.str), good: ["a"], merged: "a", bad: [1] },
  { type: types.unique({ message: "once" }, types.int), good: [1], merged: 1 },
  { type: types.functionTo(types.str), good: [ref("toString")] },
  {
    type: types.coercedTo(types.str, ref("lib.toList"), types.listOf(types.str)),
    good: ["a", ["b"]],
    merged: ["a"],
    bad: [1],
  },
  {
    type: types.addCheck(types.int, lambda("x", op(ref("x"), ">", 1))),
    good: [2],
    merged: 2,
    bad: [1],
    nixOnly: true,
  },
  { type: sub, good: [{ name: "x" }], merged: { name: "x", port: 80 }, bad: [{ name: 1 }] },
  {
    type: types.submoduleWith({
      modules: [attrs([bind(["options", "a"], mkOption({ type: types.int, default: 2 }))])],
      shorthandOnlyDefinesConfig: true,
    }),
    good: [{}],
    merged: { a: 2 },
  },
  { type: types.deferredModuleWith({ staticModules: [] }), good: [attrs({})] },
  {
    type: types.fromNix(apply(ref("lib.types.attrsOf"), ref("lib.types.int"))),
    good: [{ a: 1 }],
    merged: { a: 1 },
    bad: [{ a: "x" }],
    nixOnly: true,
  },
  {
    type: types.attrTag({
      port: mkOption({ type: types.port }),
      name: mkOption({ type: types.str }),
    }),
    good: [{ port: 80 }, { name: "x" }],
    merged: { port: 80 },
    bad: [{ port: 80, name: "x" }, { size: 1 }],
  },
  {
    type: types.submodule(
      attrs([bind(["options", "a"], mkOption({ type: types.int, default: 1 }))]),
    ),
    good: [{}],
    merged: { a: 1 },
    bad: [{ b: 1 }],
    nixOnly: true, // a submodule given as a Nix expression: its options are not known here
  },
];

describe.skipIf(!libUsable)("nixos helpers against nixpkgs' lib", () => {
  it("every types.* helper prints a lib.types type that agrees with the helper", () => {
    const exprs = CASES.map((c) => {
      const t = src(c.type);
      const good = c.good.map((v) => src(valueToNix(c.type, v as never)));
      const bad = (c.bad ?? []).map((v) => src(toExpr(v)));
      const merged = c.merged === undefined ? "null" : `merge (${good[0]})`;
      return withLib(
        [
          "let",
          `  fakeDrv = ${FAKE_DRV};`,
          '  fakeShell = fakeDrv // { shellPath = "/bin/sh"; };',
          `  t = ${t};`,
          "  merge = v: (lib.evalModules { modules = [ { options.x = lib.mkOption { type = t; }; config.x = v; } ]; }).config.x;",
          "  refused = v: !(builtins.tryEval (builtins.deepSeq (merge v) true)).success;",
          "in",
          "{",
          "  name = t.name;",
          `  good = map t.check [ ${good.map((g) => `(${g})`).join(" ")} ];`,
          `  bad = map (v: !(t.check v) || refused v) [ ${bad.map((b) => `(${b})`).join(" ")} ];`,
          `  merged = ${merged};`,
          "}",
        ].join("\n"),
      );
    });
    const results = evalJson(exprs) as {
      name: string;
      good: boolean[];
      bad: boolean[];
      merged: unknown;
    }[];
    results.forEach((r, i) => {
      const c = CASES[i]!;
      const what = c.type[TYPE_INFO].name;
      expect(typeof r.name, what).toBe("string");
      expect(r.good, `${what} accepts`).toEqual(c.good.map(() => true));
      expect(r.bad, `${what} refuses`).toEqual((c.bad ?? []).map(() => true));
      if (c.merged !== undefined) expect(r.merged, `${what} merges`).toEqual(c.merged);
    });
    // and the helpers refuse what lib refuses
    for (const c of CASES.filter((x) => !x.nixOnly)) {
      for (const v of c.bad ?? []) {
        expect(() => valueToNix(c.type, v as never), c.type[TYPE_INFO].name).toThrow();
      }
    }
  });

  it("evaluates style-cases/14-module.nix as built by the helpers", () => {
    const results = evalJson(
      [src(demoModule()), src(demoModule({ inheritLib: "auto" }))].map((module) =>
        withLib(`let
  m = lib.evalModules {
    modules = [
      (${module})
      { options.systemd.services = lib.mkOption { type = lib.types.attrsOf lib.types.anything; default = { }; }; }
      { config._module.args.pkgs = { hello = "/nix/store/00000000000000000000000000000000-hello"; }; }
      { config.services.demo = { enable = true; port = 9000; }; }
    ];
  };
in
m.config.systemd.services.demo`),
      ),
    );
    for (const result of results) {
      expect(result).toEqual({
        wantedBy: ["multi-user.target"],
        serviceConfig: {
          ExecStart: "/nix/store/00000000000000000000000000000000-hello/bin/hello --port 9000",
        },
      });
    }
  });

  it("evaluates the corrected atbb options, documentation included", () => {
    const module = src(atbbOptionsModule());
    const [result] = evalJson([
      withLib(`let
  self = { packages.x86_64-linux.default = "/nix/store/00000000000000000000000000000000-atbb"; };
  m = lib.evalModules {
    modules = [
      ((${module}) self)
      {
        config._module.args.pkgs = {
          stdenv.hostPlatform.system = "x86_64-linux";
          nodejs_22 = "node";
        };
      }
      {
        config.services.atbb = {
          enable = true;
          domain = "forum.example.com";
          forumDid = "did:plc:abc";
          pdsUrl = "https://pds.example.com";
          environmentFile = "/run/secrets/atbb.env";
        };
      }
    ];
  };
  docs = lib.optionAttrSetToDocList m.options;
  doc = name: (lib.findFirst (o: o.name == name) null docs);
in
{
  config = m.config.services.atbb;
  oauthDefaultText = (doc "services.atbb.oauthPublicUrl").default.text;
  packageDefaultText = (doc "services.atbb.package").default.text;
  envType = (doc "services.atbb.environmentFile").type;
  documented = map (o: o.name) (lib.filter (o: lib.hasPrefix "services.atbb." o.name) docs);
}`),
    ]);
    expect(result).toMatchObject({
      config: {
        enable: true,
        package: "/nix/store/00000000000000000000000000000000-atbb",
        oauthPublicUrl: "https://forum.example.com",
        appviewPort: 3000,
        webPort: 3001,
        database: { enable: true, name: "atbb" },
        environmentFile: "/run/secrets/atbb.env",
        user: "atbb",
        group: "atbb",
      },
      oauthDefaultText: '"https://${cfg.domain}"',
      packageDefaultText: "self.packages.${pkgs.stdenv.hostPlatform.system}.default",
      envType: "string",
    });
    expect((result as { documented: string[] }).documented).toHaveLength(17);
  });

  it("evaluates a module using inherit (lib), combinators, assertions, warnings and hardened units", () => {
    const cfg = (n: string) => ref(`cfg.${n}`);
    const module = nixosModule({
      inheritLib: ["mkIf", "mkMerge", "mkOption", "types", "optional"],
      let: { cfg: ref("config.services.atbb"), nodejs: ref("pkgs.nodejs_22") },
      optionsPath: "services.atbb",
      options: {
        enable: mkOption({ type: types.bool, default: false }),
        package: mkOption({ type: types.str, default: "/nix/store/pkg" }),
        hello: mkPackageOption(ref("pkgs"), "hello"),
        user: mkOption({ type: types.str, default: "atbb" }),
        group: mkOption({ type: types.str, default: "atbb" }),
        environmentFile: mkOption({ type: types.pathWith({ inStore: false, absolute: true }) }),
        appviewPort: mkOption({ type: types.port, default: 3000 }),
        database: { enable: mkOption({ type: types.bool, default: true }) },
        items: mkOption({ type: types.listOf(types.str), default: [] }),
        forced: mkOption({ type: types.str }),
        text: mkOption({ type: types.lines, default: "" }),
        extra: mkOption({ type: types.attrsOf(types.int), default: {} }),
        mode: mkOption({ type: types.enum(["a", "b"]), default: "a" }),
        ratio: mkOption({ type: types.float, default: 1 }),
      },
      config: mkIf(
        cfg("enable"),
        mkMerge([
          appviewUnits(),
          attrs([
            bind(["services", "atbb", "items"], mkMerge([mkAfter(["z"]), ["m"], mkBefore(["a"])])),
            bind(["services", "atbb", "forced"], mkMerge([mkForce("forced"), "plain"])),
            bind(["services", "atbb", "mode"], mkOverride(900, "b")),
            bind(["services", "atbb", "user"], mkDefault("from-mkDefault")),
            bind(["services", "atbb", "group"], mkDefault("overridden")),
            bind(["services", "atbb", "text"], optionalString(cfg("database.enable"), "db\n")),
            bind(["services", "atbb", "extra"], optionalAttrs(true, { one: 1 })),
            bind(
              "assertions",
              assertions([
                {
                  assertion: ref("true"),
                  message: str`never shown for ${cfg("user")}`,
                },
              ]),
            ),
            bind(
              "warnings",
              warnings([{ when: cfg("database.enable"), message: "database enabled" }]),
            ),
            bind(["environment", "packages"], optionals(true, [cfg("hello")])),
          ]),
        ]),
      ),
    });
    const text = src(module);
    expect(text).toContain("inherit (lib)\n    mkIf\n");
    expect(text).not.toContain("lib.mkOption");
    const [result] = evalJson([
      withLib(`let
  m = lib.evalModules {
    modules = [
      (${text})
      {
        options.systemd.services = lib.mkOption { type = lib.types.attrsOf lib.types.anything; default = { }; };
        options.assertions = lib.mkOption { type = lib.types.listOf lib.types.anything; default = [ ]; };
        options.warnings = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
        options.environment.packages = lib.mkOption { type = lib.types.listOf lib.types.anything; default = [ ]; };
      }
      { config._module.args.pkgs = { nodejs_22 = "/node"; hello = ${FAKE_DRV}; }; }
      { config.services.atbb = { enable = true; environmentFile = "/run/secrets/env"; group = "plain"; }; }
    ];
  };
  c = m.config;
  web = c.systemd.services.atbb-web.serviceConfig;
  appview = c.systemd.services.atbb-appview;
in
{
  inherit (c.services.atbb) items forced mode user group text extra ratio;
  hello = c.services.atbb.hello.name;
  assertions = c.assertions;
  warnings = c.warnings;
  packages = map (p: p.name) c.environment.packages;
  appviewExec = appview.serviceConfig.ExecStart;
  appviewAfter = appview.after;
  appviewMDWE = appview.serviceConfig.MemoryDenyWriteExecute;
  webIPDeny = web.IPAddressDeny;
  webFilter = web.SystemCallFilter;
  webUMask = web.UMask;
}`),
    ]);
    expect(result).toEqual({
      items: ["a", "m", "z"],
      forced: "forced",
      mode: "b",
      user: "from-mkDefault",
      group: "plain",
      text: "db\n",
      extra: { one: 1 },
      ratio: 1,
      hello: "hello",
      assertions: [{ assertion: true, message: "never shown for from-mkDefault" }],
      warnings: ["database enabled"],
      packages: ["hello"],
      appviewExec: "/node/bin/node /nix/store/pkg/apps/appview/dist/index.js",
      appviewAfter: ["network.target", "postgresql.service"],
      appviewMDWE: false,
      webIPDeny: "any",
      webFilter: ["@system-service", "~@privileged"],
      webUMask: "0077",
    });
  });

  it("refuses a store path for a pathWith { inStore = false; } option, as the helper does", () => {
    const t = types.pathWith({ inStore: false, absolute: true });
    expect(() => valueToNix(t, "/nix/store/abc-secrets")).toThrow(/in the Nix store/);
    const [result] = evalJson([
      withLib(`let
  m = lib.evalModules {
    modules = [
      { options.f = lib.mkOption { type = ${src(t)}; }; config.f = /nix/store/abc-secrets; }
    ];
  };
in
(builtins.tryEval m.config.f).success`),
    ]);
    expect(result).toBe(false);
  });
});
