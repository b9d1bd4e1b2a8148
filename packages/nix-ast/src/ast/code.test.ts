import { describe, expect, it } from "vitest";
import { apply, assertThen, ifThenElse, NixAstError, print, ref } from "../index.js";
import { assertion, mkIf, mkPackageOption, optionalAttrs, warnings } from "../nixos/index.js";

/** Runs `f`, which TypeScript refuses, as untyped JavaScript would. */
function refused(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof NixAstError) return e.message;
    throw e;
  }
  throw new Error("expected a NixAstError");
}

describe("parameters that are Nix code", () => {
  it("refuse strings, at compile time and at run time", () => {
    // @ts-expect-error a condition is code, not a string
    expect(refused(() => mkIf("cfg.enable", { a: 1 }))).toMatch(
      /^mkIf's condition must be a Nix condition or a boolean, not the string "cfg.enable" \(write code as a node: ref\("cfg.enable"\)/,
    );
    // @ts-expect-error the package set is code
    expect(refused(() => mkPackageOption("pkgs", "hello"))).toMatch(
      /^mkPackageOption's package set must be Nix code, not the string "pkgs"/,
    );
    // @ts-expect-error a function is code
    expect(refused(() => apply("lib.getExe", ref("x")))).toMatch(
      /^the function of apply must be Nix code, not the string "lib.getExe"/,
    );
    // @ts-expect-error an assertion is code
    expect(refused(() => assertion({ assertion: "cfg.port > 0", message: "m" }))).toMatch(
      /^an assertion's assertion must be a Nix condition/,
    );
    // @ts-expect-error a warning's condition is code
    expect(refused(() => warnings([{ when: "x", message: "m" }]))).toMatch(/^optional's condition/);
    // @ts-expect-error so is optionalAttrs's
    expect(refused(() => optionalAttrs("x", {}))).toMatch(/^optionalAttrs's condition/);
    // @ts-expect-error and that of if and assert
    expect(refused(() => ifThenElse("x", 1, 2))).toMatch(/^the condition of ifThenElse/);
    // @ts-expect-error
    expect(refused(() => assertThen("x", 1))).toMatch(/^the condition of assertThen/);
  });

  it("take nodes and booleans", () => {
    expect(print(mkIf(ref("cfg.enable"), { a: 1 }))).toBe("lib.mkIf cfg.enable { a = 1; }\n");
    expect(print(mkIf(true, { a: 1 }))).toBe("lib.mkIf true { a = 1; }\n");
    expect(print(ifThenElse(false, 1, 2))).toBe("if false then 1 else 2\n");
    expect(print(mkPackageOption(ref("pkgs"), "hello"))).toBe(
      'lib.mkPackageOption pkgs "hello" { }\n',
    );
  });
});
