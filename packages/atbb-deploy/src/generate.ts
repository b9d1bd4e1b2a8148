/**
 * `generate(options)`: the three files of the atBB deployment, printed in the official
 * Nix format, each starting with its generated-file header.
 *
 * @packageDocumentation
 */
import { print, type Expr } from "@atbb/nix-ast";
import { flakeExpr } from "./flake.js";
import { withHeader } from "./header.js";
import { moduleExpr } from "./module.js";
import { resolveOptions, type DeployOptions } from "./options.js";
import { packageExpr } from "./package.js";

/** A generated file: its path relative to the atBB checkout, and its text. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** The paths of the generated files, relative to the target directory. */
export const GENERATED_PATHS = ["flake.nix", "nix/package.nix", "nix/module.nix"] as const;

/** The expression of each generated file, with its header. */
export function generateExprs(
  options: Partial<DeployOptions> = {},
): { path: string; expr: Expr }[] {
  const o = resolveOptions(options);
  return [
    { path: "flake.nix", expr: withHeader("flake.nix", flakeExpr(o)) },
    { path: "nix/package.nix", expr: withHeader("nix/package.nix", packageExpr(o)) },
    { path: "nix/module.nix", expr: withHeader("nix/module.nix", moduleExpr(o)) },
  ];
}

/**
 * The files of the deployment (`flake.nix`, `nix/package.nix`, `nix/module.nix`) for
 * `options` (the seed's values where not given), as text in the official Nix format.
 *
 * @example
 * ```ts
 * import { generate } from "@atbb/deploy";
 * for (const file of generate({ pnpmDepsHash: null })) console.log(file.path);
 * ```
 */
export function generate(options: Partial<DeployOptions> = {}): GeneratedFile[] {
  return generateExprs(options).map(({ path, expr }) => ({ path, content: print(expr) }));
}
