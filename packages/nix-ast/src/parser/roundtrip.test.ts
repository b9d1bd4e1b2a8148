/**
 * Files in the official format come back byte for byte from `print(parse(f))`: the
 * style cases, the seed plan's files as nixfmt lays them out, layout facts the tree
 * keeps (`fixtures/layout`), and the repository's own Nix files.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { print } from "../printer/print.js";
import { parse } from "./parser.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "../../../..");

function nixFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".nix"))
    .sort()
    .map((f) => join(dir, f));
}

const files = [
  ...nixFiles(join(HERE, "../printer/fixtures")),
  ...nixFiles(join(HERE, "fixtures/seed-formatted")),
  ...nixFiles(join(HERE, "fixtures/layout")),
  ...[
    "flake.nix",
    "nix/module.nix",
    "nix/package.nix",
    "packages/atbb-deploy/src/test-support/nixos-stubs.nix",
    "packages/atbb-deploy/src/test-support/seed-module.nix",
    "packages/atbb-deploy/src/test-support/stand-in-nixpkgs.nix",
  ]
    .map((f) => join(ROOT, f))
    .filter((f) => existsSync(f)),
];

describe("print(parse(f)) === f for files in the official format", () => {
  it("has the corpus", () => expect(files.length).toBeGreaterThanOrEqual(32));

  it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))("%s", (_, file) => {
    const src = readFileSync(file, "utf8");
    const tree = parse(src, { file });
    expect(print(tree)).toBe(src);
    // and printing is a fixpoint
    expect(print(parse(print(tree)))).toBe(src);
  });
});
