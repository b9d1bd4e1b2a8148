/**
 * `flake`: a `flake.nix` from its inputs and outputs, with per-system outputs over a list
 * of systems (`nixpkgs.lib.genAttrs`), in the layout nixpkgs' own flakes use.
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
  ref,
  select,
  type ExprLike,
} from "../ast/builders.js";
import type { Assign, Attrs, Expr } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";
import { isIdentifier } from "../syntax/names.js";

/** An input: its URL (`"github:NixOS/nixpkgs/nixos-unstable"`), or more about it. */
export type FlakeInput =
  | string
  | {
      readonly url: string;
      /** `inputs.NAME.inputs.X.follows = "Y"`: share another input's copy. */
      readonly follows?: {
        /** The input of this input that follows the named input of the flake. */
        readonly [input: string]: string;
      };
      /** `false` for a source that is not a flake. */
      readonly flake?: boolean;
    };

/** What a per-system output is made from: the system, and the package set for it. */
export interface PerSystem {
  /** `system`, the variable bound to the system's name. */
  readonly system: Expr;
  /** `pkgs`: `nixpkgs.legacyPackages.${system}`. */
  readonly pkgs: Expr;
}

/** What {@link flake} builds a `flake.nix` from. */
export interface FlakeSpec {
  readonly description?: string;
  /** The inputs; one must be `nixpkgs` when there are per-system outputs. */
  readonly inputs: {
    /** An input by its name, which the outputs' function takes as an argument. */
    readonly [name: string]: FlakeInput;
  };
  /** The systems of the per-system outputs (default `x86_64-linux` and `aarch64-linux`). */
  readonly systems?: readonly string[];
  /** Outputs by system (`packages`, `devShells`, `checks`, ...): `packages.<system>`. */
  readonly perSystem?: {
    /** An output's value for one system. */
    readonly [output: string]: (s: PerSystem) => ExprLike;
  };
  /** Outputs that are the same on every system (`nixosModules`, `overlays`, ...). */
  readonly outputs?: {
    /** An output's value. */
    readonly [output: string]: ExprLike;
  };
}

function input(name: string, value: FlakeInput): Assign[] {
  if (typeof value === "string") return [bind([name, "url"], value)];
  if (typeof value !== "object" || value === null || typeof value.url !== "string") {
    throw new NixAstError(`flake input ${name} must be a URL or { url, follows, flake }`);
  }
  const fields: Assign[] = [bind("url", value.url)];
  if (value.flake !== undefined) fields.push(bind("flake", value.flake));
  for (const [dep, target] of Object.entries(value.follows ?? {})) {
    fields.push(bind(["inputs", dep, "follows"], target));
  }
  return fields.length === 1 ? [bind([name, "url"], value.url)] : [bind(name, attrs(fields))];
}

/** `inputs.nixpkgs.url = ...;` for one input, `inputs = { ... };` for several. */
function inputsBinding(bindings: Assign[]): Assign[] {
  const [only] = bindings;
  if (bindings.length === 1 && only !== undefined) {
    return [bind(["inputs", ...only.path], only.value)];
  }
  return bindings.length === 0 ? [] : [bind("inputs", attrs(bindings))];
}

/**
 * A flake: `{ description; inputs; outputs = { self, ... }: ...; }`.
 *
 * @example
 * ```ts
 * print(flake({
 *   description: "Tally",
 *   inputs: { nixpkgs: "github:NixOS/nixpkgs/nixos-unstable" },
 *   systems: ["x86_64-linux"],
 *   perSystem: { packages: ({ pkgs }) => ({ default: select(pkgs, "hello") }) },
 * }));
 * // {
 * //   description = "Tally";
 * //   inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
 * //   outputs =
 * //     { self, nixpkgs }:
 * //     let
 * //       forAllSystems = nixpkgs.lib.genAttrs [ "x86_64-linux" ];
 * //     in
 * //     {
 * //       packages = forAllSystems (
 * //         system:
 * //         let
 * //           pkgs = nixpkgs.legacyPackages.${system};
 * //         in
 * //         {
 * //           default = pkgs.hello;
 * //         }
 * //       );
 * //     };
 * // }
 * ```
 */
export function flake(spec: FlakeSpec): Attrs {
  const names = Object.keys(spec.inputs ?? {});
  for (const n of names) {
    if (!isIdentifier(n) || n === "self") {
      throw new NixAstError(`flake input name ${JSON.stringify(n)} is not a usable identifier`);
    }
  }
  const perSystem = Object.entries(spec.perSystem ?? {});
  if (perSystem.length > 0 && !names.includes("nixpkgs")) {
    throw new NixAstError("per-system outputs need a nixpkgs input (for lib.genAttrs and pkgs)");
  }
  const systems = spec.systems ?? ["x86_64-linux", "aarch64-linux"];
  const system = ref("system");
  const pkgs = ref("pkgs");
  const outputs: Assign[] = [
    ...perSystem.map(([output, make]) =>
      bind(
        output,
        apply(
          ref("forAllSystems"),
          lambda(
            "system",
            letIn(
              [bind("pkgs", select(ref("nixpkgs"), ["legacyPackages", dynamic(system)]))],
              make({ system, pkgs }),
            ),
          ),
        ),
      ),
    ),
    ...Object.entries(spec.outputs ?? {}).map(([k, v]) => bind(k, v)),
  ];
  const body: Expr =
    perSystem.length > 0
      ? letIn(
          [bind("forAllSystems", apply(ref("nixpkgs.lib.genAttrs"), list(systems)))],
          attrs(outputs),
        )
      : attrs(outputs);
  return attrs([
    ...(spec.description !== undefined ? [bind("description", spec.description)] : []),
    ...inputsBinding(names.flatMap((n) => input(n, spec.inputs[n]!))),
    bind("outputs", lambda(formals(["self", ...names]), body)),
  ]);
}
