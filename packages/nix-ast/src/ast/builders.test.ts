import { describe, expect, it } from "vitest";
import { NixAstError, print, ref, toExpr } from "../index.js";

describe("ref", () => {
  it("points a name with ${...} at the select that writes it", () => {
    let message = "";
    try {
      ref("self.packages.${system}.default");
    } catch (e) {
      if (e instanceof NixAstError) message = e.message;
    }
    expect(message).toBe(
      '"self.packages.${system}.default" is not a variable or a dotted path of identifiers (an interpolated name is a selection: select(ref("self.packages"), [dynamic(ref("system")), "default"])) (at <root>)',
    );
  });
});

describe("values typed by an interface", () => {
  interface Listen {
    address: string;
    port: number;
  }
  interface Settings {
    name: string;
    listen: Listen[];
    debug?: boolean;
  }

  it("are accepted by toExpr and print, checked key by key", () => {
    const settings: Settings = { name: "tally", listen: [{ address: "::1", port: 80 }] };
    expect(print(settings)).toBe(print(toExpr(settings)));
    expect(print(settings)).toContain('name = "tally";');
    interface WithFunction {
      f: () => void;
    }
    const bad: WithFunction = { f: () => undefined };
    // @ts-expect-error a function has no Nix counterpart
    expect(() => print(bad)).toThrow(/function has no Nix counterpart/);
  });
});
