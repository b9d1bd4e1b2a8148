/**
 * Helpers for atbb-deploy's tests: a temporary atBB-shaped checkout holding freshly
 * generated files, the stand-ins written for the tests, and the guards for Nix and
 * nixpkgs' lib.
 *
 * @packageDocumentation
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "../generate.js";
import type { DeployOptions } from "../options.js";

export { evalJson, parseOk, requireNix } from "../../../nix-ast/src/test-support/nix.js";

const HERE = dirname(fileURLToPath(import.meta.url));

/** The stand-in declarations of the NixOS options the module sets. */
export const NIXOS_STUBS = join(HERE, "nixos-stubs.nix");
/** The small stand-in nixpkgs the package is instantiated against. */
export const STAND_IN_NIXPKGS = join(HERE, "stand-in-nixpkgs.nix");
/**
 * The seed plan's module (seed/nixos-flake-plan.md, as the official formatter lays it
 * out), for contrast: the parser's fixture copy, one copy for the whole repository.
 */
export const SEED_MODULE = join(
  HERE,
  "../../../nix-ast/src/parser/fixtures/seed-formatted/module.nix",
);

/**
 * The path of nixpkgs' `lib` directory from env `NIXPKGS_LIB`, or undefined (after
 * saying why the tests that need it are skipped).
 */
export function nixpkgsLib(): string | undefined {
  const lib = process.env["NIXPKGS_LIB"];
  if (!lib) {
    console.warn(
      "NIXPKGS_LIB is not set: skipping the lib.evalModules and package tests (set it to the path of nixpkgs' lib directory)",
    );
  }
  return lib || undefined;
}

/** A Nix expression for an absolute path (works for any directory name). */
export function nixPath(p: string): string {
  return `(/. + ${JSON.stringify(p)})`;
}

/** The files of an atBB checkout that the package's source takes, with stand-in content. */
export const CHECKOUT_FILES: Record<string, string> = {
  "package.json": '{ "name": "atbb", "private": true }\n',
  "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
  "pnpm-workspace.yaml": "packages:\n  - apps/*\n  - packages/*\n",
  "turbo.json": "{}\n",
  "tsconfig.base.json": "{}\n",
  "apps/appview/package.json": '{ "name": "@atbb/appview" }\n',
  "apps/appview/drizzle.config.ts": "export default {};\n",
  "apps/appview/drizzle/0000_init.sql": "select 1;\n",
  "apps/web/package.json": '{ "name": "@atbb/web" }\n',
  "apps/web/public/style.css": "body {}\n",
  "packages/db/package.json": '{ "name": "@atbb/db" }\n',
  "packages/atproto/package.json": '{ "name": "@atbb/atproto" }\n',
  "packages/cli/package.json": '{ "name": "@atbb/cli", "bin": { "atbb": "dist/index.js" } }\n',
  "packages/lexicon/package.json": '{ "name": "@atbb/lexicon" }\n',
  "README.md": "# atBB\n",
};

/** Writes `files` (relative path to content) under `dir`. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/**
 * A fresh temporary atBB checkout holding the generated files (for `options`) and
 * `extra` files; `fn` runs with its path, and the directory is removed afterwards.
 */
export function withCheckout<T>(
  fn: (dir: string) => T,
  options: Partial<DeployOptions> = {},
  extra: Record<string, string> = {},
): T {
  const dir = mkdtempSync(join(tmpdir(), "atbb-checkout-"));
  try {
    writeTree(dir, CHECKOUT_FILES);
    writeTree(dir, Object.fromEntries(generate(options).map((f) => [f.path, f.content])));
    writeTree(dir, extra);
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
