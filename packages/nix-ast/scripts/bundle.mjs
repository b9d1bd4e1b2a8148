// @ts-check
/**
 * Bundles the `nix-ast` command into one file, dist/bin/nix-ast.js (the package's `bin`):
 * Node then loads one module instead of some forty, which is most of a short run's
 * start-up. Run after `tsc -b` (`pnpm build` does both): the bundle is made from the
 * sources, and the compiled modules beside it stay what the library's users import.
 *
 * A module that finds files beside itself (`new URL(..., import.meta.url)`: the workers
 * for deep trees and for many files, package.json) is given the URL it has in dist/, so
 * that the bundled command finds them where `tsc` put them.
 */
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(PACKAGE, "src");
const OUT = join(PACKAGE, "dist", "bin");

/** @type {import("esbuild").Plugin} */
const moduleUrls = {
  name: "module-urls-in-dist",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const compiled = relative(SRC, path).replace(/\.ts$/, ".js");
      const fromBundle = relative(OUT, join(PACKAGE, "dist", compiled))
        .split(sep)
        .join("/");
      return {
        contents: source.replaceAll(
          "import.meta.url",
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        ),
        loader: "ts",
      };
    });
  },
};

await build({
  entryPoints: { "nix-ast": join(SRC, "cli", "main.ts") },
  outdir: OUT,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  legalComments: "none",
  plugins: [moduleUrls],
  logLevel: "warning",
});
