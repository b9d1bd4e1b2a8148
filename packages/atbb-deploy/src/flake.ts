/**
 * `flake.nix`: the flake's description, its nixpkgs input, `packages.<system>.default`
 * and `nixosModules.default`, as the seed plan has them.
 *
 * @packageDocumentation
 */
import {
  apply,
  attrs,
  bind,
  dynamic,
  formals,
  lambda,
  letIn,
  list,
  path,
  ref,
  select,
  type Attrs,
} from "@atbb/nix-ast";
import type { DeployOptions } from "./options.js";

/** The flake as an expression (without the file header). */
export function flakeExpr(o: DeployOptions): Attrs {
  const perSystem = lambda(
    "system",
    letIn(
      [bind("pkgs", select(ref("nixpkgs"), ["legacyPackages", dynamic(ref("system"))]))],
      attrs([bind("default", apply(ref("pkgs.callPackage"), path("./nix/package.nix"), attrs()))]),
    ),
  );
  const outputs = lambda(
    formals(["self", "nixpkgs"]),
    letIn(
      [
        bind("supportedSystems", list(o.systems)),
        bind("forAllSystems", apply(ref("nixpkgs.lib.genAttrs"), ref("supportedSystems"))),
      ],
      attrs([
        bind("packages", apply(ref("forAllSystems"), perSystem)),
        bind(
          ["nixosModules", "default"],
          apply(ref("import"), path("./nix/module.nix"), ref("self")),
          { blankLineBefore: true },
        ),
      ]),
    ),
  );
  return attrs([
    bind("description", o.description),
    bind("inputs", attrs([bind(["nixpkgs", "url"], o.nixpkgsUrl)]), { blankLineBefore: true }),
    bind("outputs", outputs, { blankLineBefore: true }),
  ]);
}
