/**
 * The TSDoc examples of the public API run: each `@example` whose lines after the call
 * are `// ` comments must give exactly those lines (a value other than a string as
 * `util.inspect` shows it).
 */
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import * as api from "./index.js";
import * as nixos from "./nixos/index.js";

interface Example {
  file: string;
  code: string;
  expected: string;
}

function examples(file: string): Example[] {
  const source = readFileSync(new URL(file, import.meta.url), "utf8");
  const out: Example[] = [];
  for (const m of source.matchAll(/@example\n((?:\s*\*.*\n)*?)\s*\*\s*```\n/g)) {
    const lines = m[1]!
      .split("\n")
      .map((l) => l.replace(/^\s*\* ?/, ""))
      .filter((l) => !l.startsWith("```") && !l.startsWith("import "));
    const code = lines
      .filter((l) => !l.startsWith("//"))
      .join("\n")
      .trim();
    const expected = lines
      .filter((l) => l.startsWith("//"))
      .map((l) => l.replace(/^\/\/ ?/, ""))
      .join("\n");
    if (CALLS.test(code) && expected !== "") out.push({ file, code, expected });
  }
  return out;
}

/** The calls whose examples are checked. */
const CALLS = /^(print|setAttr|removeAttr|renameAttr|appendToList|removeFromList|literalValue)\(/;

const all = [
  ...examples("./ast/builders.ts"),
  ...examples("./printer/print.ts"),
  ...examples("./edit/edit.ts"),
  ...examples("./edit/literal.ts"),
  ...examples("./ast/dotted.ts"),
  ...examples("./nixos/combinators.ts"),
  ...examples("./nixos/units.ts"),
  ...examples("./nixos/flake.ts"),
];

describe("TSDoc examples", () => {
  it("finds the examples", () => {
    expect(all.length).toBeGreaterThanOrEqual(9);
  });
  it.each(all.map((e) => [e.file, e] as const))("%s", (_file, e) => {
    const scope = { ...api, ...nixos };
    const run = new Function(...Object.keys(scope), `return ${e.code.replace(/;$/, "")};`) as (
      ...args: unknown[]
    ) => unknown;
    const result = run(...Object.values(scope));
    if (typeof result === "string") expect(result).toBe(e.expected + "\n");
    else expect(inspect(result)).toBe(e.expected);
  });
});
