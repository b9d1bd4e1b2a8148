/**
 * The typed options of the generated atBB deployment, with the seed plan's values as
 * defaults (`../shared/seed/nixos-flake-plan.md`, corrected where
 * `docs/atbb-deployment.md` says so).
 *
 * @packageDocumentation
 */
import { NixAstError } from "@atbb/nix-ast";

/** A Nix system double, as the flake's `supportedSystems` lists them. */
export type NixSystem = `${string}-${"linux" | "darwin"}`;

/** What the generated `flake.nix`, `nix/package.nix` and `nix/module.nix` are built from. */
export interface DeployOptions {
  /** The flake's `description` (also the package's `meta.description`). */
  readonly description: string;
  /** The nixpkgs flake input. */
  readonly nixpkgsUrl: string;
  /** The systems the flake builds for (`supportedSystems`, `meta.platforms`). */
  readonly systems: readonly NixSystem[];

  /** The package's `pname` (also the store-path name the units show). */
  readonly pname: string;
  /** The package's `version`. */
  readonly version: string;
  /** The package's `meta.license`, an attribute of `lib.licenses`. */
  readonly license: string;
  /** The Node.js attribute of nixpkgs the package builds with and the units run. */
  readonly nodejs: string;
  /** The pnpm attribute of nixpkgs, pinned: the dependency hash depends on its major. */
  readonly pnpm: string;
  /** `fetchPnpmDeps`'s `fetcherVersion` (the layout of the fetched store; part of the hash). */
  readonly fetcherVersion: number;
  /**
   * The hash of the fetched pnpm dependencies (an SRI hash, `sha256-...`), or null for
   * `lib.fakeHash` (the first build then fails and prints the real one).
   */
  readonly pnpmDepsHash: string | null;
  /** The files and directories of the atBB checkout that make up the package's source. */
  readonly sourceFiles: readonly string[];
  /** The workspace packages whose `package.json`, `dist/` and `node_modules/` are installed. */
  readonly workspacePackages: readonly string[];
  /** The command the build phase runs. */
  readonly buildCommand: string;
  /** The `atbb` command's entry point, relative to the package root (`atbb init`). */
  readonly cliEntry: string;
  /** The name of the installed command that runs {@link DeployOptions.cliEntry}. */
  readonly cliName: string;

  /** The NixOS option prefix: `services.<moduleName>`. */
  readonly moduleName: string;
  /** What `lib.mkEnableOption` says the module enables. */
  readonly serviceDescription: string;
  /** The PostgreSQL attribute of nixpkgs for the local database. */
  readonly postgresql: string;
  /** The default of `services.atbb.appviewPort`. */
  readonly appviewPort: number;
  /** The default of `services.atbb.webPort`. */
  readonly webPort: number;
  /** The default of `services.atbb.user`. */
  readonly user: string;
  /** The default of `services.atbb.group`. */
  readonly group: string;
  /** The default of `services.atbb.database.name`. */
  readonly databaseName: string;
}

/** The seed plan's values (with the corrections of `docs/atbb-deployment.md`). */
export const defaultOptions: DeployOptions = Object.freeze({
  description: "atBB — decentralized BB-style forum on AT Protocol",
  nixpkgsUrl: "github:NixOS/nixpkgs/nixpkgs-unstable",
  systems: Object.freeze(["x86_64-linux", "aarch64-linux"] as const),
  pname: "atbb",
  version: "0.1.0",
  license: "agpl3Only",
  nodejs: "nodejs_22",
  pnpm: "pnpm_9",
  fetcherVersion: 3,
  pnpmDepsHash: null,
  sourceFiles: Object.freeze([
    "package.json",
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
    "turbo.json",
    "tsconfig.base.json",
    "apps",
    "packages",
  ]),
  workspacePackages: Object.freeze([
    "apps/appview",
    "apps/web",
    "packages/db",
    "packages/atproto",
    "packages/cli",
    "packages/lexicon",
  ]),
  buildCommand: "pnpm build",
  cliEntry: "packages/cli/dist/index.js",
  cliName: "atbb",
  moduleName: "atbb",
  serviceDescription: "atBB forum",
  postgresql: "postgresql_17",
  appviewPort: 3000,
  webPort: 3001,
  user: "atbb",
  group: "atbb",
  databaseName: "atbb",
});

const SRI = /^(sha256|sha512)-[A-Za-z0-9+/]+={0,2}$/;
const NIX_ATTR = /^[A-Za-z_][A-Za-z0-9_'-]*$/;
const RELATIVE = /^[A-Za-z0-9._+-]+(\/[A-Za-z0-9._+-]+)*$/;

/** Whether `hash` looks like an SRI hash Nix accepts for a fixed-output derivation. */
export function isSriHash(hash: string): boolean {
  if (!SRI.test(hash)) return false;
  const [algo, b64] = hash.split("-", 2) as [string, string];
  const bytes = Buffer.from(b64, "base64").length;
  return algo === "sha256" ? bytes === 32 : bytes === 64;
}

function fail(what: string, problem: string): never {
  throw new NixAstError(`option ${what}: ${problem}`, ["options", what]);
}

function port(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    fail(what, `${value} is not a port (an integer from 1 to 65535)`);
  }
}

function relative(what: string, values: readonly string[]): void {
  if (values.length === 0) fail(what, "must not be empty");
  for (const v of values) {
    if (!RELATIVE.test(v) || v.split("/").some((s) => s === "." || s === "..")) {
      fail(what, `"${v}" is not a plain relative path inside the checkout`);
    }
  }
}

/**
 * The defaults overridden by `overrides`, checked: ports are ports, attribute names are
 * names, paths stay inside the checkout, the hash is an SRI hash. Throws a
 * {@link NixAstError} naming the option otherwise.
 */
export function resolveOptions(overrides: Partial<DeployOptions> = {}): DeployOptions {
  const o: DeployOptions = { ...defaultOptions, ...overrides };
  for (const key of ["nodejs", "pnpm", "postgresql", "license", "moduleName"] as const) {
    if (!NIX_ATTR.test(o[key])) fail(key, `"${o[key]}" is not a Nix attribute name`);
  }
  if (o.systems.length === 0) fail("systems", "must name at least one system");
  port("appviewPort", o.appviewPort);
  port("webPort", o.webPort);
  if (o.appviewPort === o.webPort) fail("webPort", "must differ from appviewPort");
  if (!Number.isInteger(o.fetcherVersion) || o.fetcherVersion < 1) {
    fail("fetcherVersion", `${o.fetcherVersion} is not a fetcher version (1, 2, 3, ...)`);
  }
  if (o.pnpmDepsHash !== null && !isSriHash(o.pnpmDepsHash)) {
    fail("pnpmDepsHash", `"${o.pnpmDepsHash}" is not an SRI hash (sha256-<44 base64 characters>)`);
  }
  relative("sourceFiles", o.sourceFiles);
  relative("workspacePackages", o.workspacePackages);
  relative("cliEntry", [o.cliEntry]);
  for (const key of ["user", "group", "databaseName", "pname", "cliName"] as const) {
    if (!/^[a-z_][a-z0-9_-]*$/.test(o[key])) fail(key, `"${o[key]}" is not a valid name`);
  }
  return o;
}
