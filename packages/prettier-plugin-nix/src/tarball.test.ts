/**
 * The plugin as a user installs it: packed, installed with npm beside the packed
 * nix-ast it depends on and Prettier, in a project outside the workspace, and named
 * in that project's `.prettierrc` as `"prettier-plugin-nix"`.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  npmProject,
  packInstalledPackage,
  packWorkspacePackage,
  run,
  tempDir,
  type NpmProject,
} from "../../nix-ast/src/test-support/tarball.js";
import { PLUGIN_DIR, requireBuilt, WORKSPACE } from "./test-support/commands.js";

const UGLY = '{inputs={nixpkgs.url="github:NixOS/nixpkgs";};outputs={self,nixpkgs}:{};}';

describe("the packed plugin, installed with npm outside the workspace", () => {
  let packs: string;
  let pluginTarball: string;
  let consumer: NpmProject;

  beforeAll(() => {
    requireBuilt();
    packs = tempDir("prettier-plugin-nix-packs-");
    pluginTarball = packWorkspacePackage(PLUGIN_DIR, packs);
    // The plugin's tarball depends on @atbb/nix-ast by version: npm takes it from the
    // nix-ast tarball given beside it (the install is offline, so nothing else could).
    consumer = npmProject([
      packWorkspacePackage(join(WORKSPACE, "packages", "nix-ast"), packs),
      pluginTarball,
      packInstalledPackage("prettier", packs),
    ]);
    writeFileSync(
      join(consumer.dir, ".prettierrc"),
      JSON.stringify({ plugins: ["prettier-plugin-nix"] }),
    );
    writeFileSync(join(consumer.dir, "flake.nix"), UGLY);
  });

  afterAll(() => {
    consumer?.remove();
    if (packs) rmSync(packs, { recursive: true, force: true });
  });

  it("holds the built code, the README and package.json, and no sources or tests", () => {
    const listing = run("tar", ["-tzf", pluginTarball], packs).stdout.split("\n").filter(Boolean);
    expect(listing).toContain("package/dist/index.js");
    expect(listing).toContain("package/dist/index.d.ts");
    expect(listing).toContain("package/README.md");
    expect(listing).toContain("package/package.json");
    expect(
      listing.filter(
        (f) => !/^package\/(dist\/[\w-]+\.(js|d\.ts)|README\.md|package\.json)$/.test(f),
      ),
    ).toEqual([]);
  });

  it("depends on nix-ast by version and on Prettier 3 as a peer; npm finds all it needs", () => {
    const manifest = JSON.parse(
      readFileSync(join(consumer.dir, "node_modules/prettier-plugin-nix/package.json"), "utf8"),
    ) as Record<string, Record<string, string>>;
    expect(manifest["dependencies"]).toEqual({ "@atbb/nix-ast": "0.1.0" });
    expect(manifest["peerDependencies"]).toEqual({ prettier: "^3.0.0" });
    const ls = consumer.run("npm", ["ls", "--all", "--offline"]);
    expect(ls.stderr).toBe("");
    expect(ls.status).toBe(0);
  });

  it("is loaded by name from .prettierrc: --check, --write and --stdin-filepath", () => {
    const check = consumer.run("node_modules/.bin/prettier", ["--check", "flake.nix"]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("[warn] flake.nix");

    const viaNixAst = consumer.run("node_modules/.bin/nix-ast", ["fmt"], UGLY);
    expect(viaNixAst.status).toBe(0);
    const write = consumer.run("node_modules/.bin/prettier", ["--write", "."]);
    expect(write.status).toBe(0);
    expect(readFileSync(join(consumer.dir, "flake.nix"), "utf8")).toBe(viaNixAst.stdout);

    const stdin = consumer.run(
      "node_modules/.bin/prettier",
      ["--stdin-filepath", "nix/module.nix"],
      UGLY,
    );
    expect(stdin.stdout).toBe(viaNixAst.stdout);
  });

  it("is loaded by name through Prettier's API, as editor integrations load it", () => {
    const script = [
      'import * as prettier from "prettier";',
      'const options = await prettier.resolveConfig("flake.nix");',
      "const source = process.argv[2];",
      'const r = await prettier.formatWithCursor(source, { ...options, filepath: "flake.nix", cursorOffset: 0 });',
      "process.stdout.write(JSON.stringify(r));",
    ].join("\n");
    writeFileSync(join(consumer.dir, "editor.mjs"), script);
    const r = consumer.run(process.execPath, ["editor.mjs", UGLY]);
    expect(r.stderr).toBe("");
    const result = JSON.parse(r.stdout) as { formatted: string; cursorOffset: number };
    expect(result.formatted).toBe(consumer.run("node_modules/.bin/nix-ast", ["fmt"], UGLY).stdout);
    expect(result.cursorOffset).toBe(0);
  });
});
