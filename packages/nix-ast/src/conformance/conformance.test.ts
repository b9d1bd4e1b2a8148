/**
 * The conformance corpus: inputs written for this project in varied hand layouts
 * (`cases/NAME.in.nix`), each beside what the official formatter (nixfmt 1.4) makes of it
 * (`cases/NAME.out.nix`). `nix-ast fmt` must give exactly that output, the output must be
 * a fixpoint, and it must mean what the input means (checked with real Nix).
 *
 * To add a case: write `NAME.in.nix`, then `nixfmt < NAME.in.nix > NAME.out.nix` with the
 * reference formatter (`../shared/tools/build-nixfmt` builds it).
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../parser/parser.js";
import { print } from "../printer/print.js";
import { parseCanonical, requireNix } from "../test-support/nix.js";

const CASES = new URL("./cases/", import.meta.url);

/** Every case: its name, input and expected output. */
export const conformanceCases: readonly { name: string; input: string; expected: string }[] =
  readdirSync(CASES)
    .filter((f) => f.endsWith(".in.nix"))
    .sort()
    .map((f) => {
      const name = f.slice(0, -".in.nix".length);
      return {
        name,
        input: readFileSync(new URL(f, CASES), "utf8"),
        expected: readFileSync(new URL(`${name}.out.nix`, CASES), "utf8"),
      };
    });

const format = (source: string, file: string): string => print(parse(source, { file }));

describe("nix-ast fmt gives nixfmt's output on the conformance corpus", () => {
  it("has cases, each with its expected output", () => {
    expect(conformanceCases.length).toBeGreaterThan(0);
    const files = readdirSync(CASES);
    for (const f of files) expect(f).toMatch(/\.(in|out)\.nix$/);
    expect(files.length).toBe(2 * conformanceCases.length);
  });

  it.each(conformanceCases.map((c) => [c.name, c] as const))("%s", (name, c) => {
    expect(format(c.input, `${name}.in.nix`)).toBe(c.expected);
  });

  it.each(conformanceCases.map((c) => [c.name, c] as const))(
    "%s: expected is a fixpoint",
    (name, c) => {
      expect(format(c.expected, `${name}.out.nix`)).toBe(c.expected);
    },
  );
});

describe.skipIf(!requireNix())("the corpus keeps its meaning (real Nix)", () => {
  it("every output means what its input means", () => {
    // Free variables are Nix's to reject at parse time: every source is read under `with`.
    const wrap = (s: string): string => `__v: with __v;\n${s}`;
    const inputs = parseCanonical(conformanceCases.map((c) => wrap(c.input)));
    const outputs = parseCanonical(
      conformanceCases.map((c) => wrap(format(c.input, `${c.name}.in.nix`))),
    );
    conformanceCases.forEach((c, i) => {
      expect(inputs[i], `${c.name}: Nix rejects the input`).not.toBeNull();
      expect(outputs[i], c.name).toBe(inputs[i]);
    });
  });
});
