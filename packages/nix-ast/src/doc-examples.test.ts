/**
 * The TSDoc examples of the public API run: each `@example` whose lines after the call
 * are `// ` comments must print exactly those lines.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "./index.js";

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
    if (code.startsWith("print(") && expected !== "") out.push({ file, code, expected });
  }
  return out;
}

const all = [...examples("./ast/builders.ts"), ...examples("./printer/print.ts")];

describe("TSDoc examples", () => {
  it("finds the examples", () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
  });
  it.each(all.map((e) => [e.file, e] as const))("%s", (_file, e) => {
    const run = new Function(...Object.keys(api), `return ${e.code.replace(/;$/, "")};`) as (
      ...args: unknown[]
    ) => string;
    expect(run(...Object.values(api))).toBe(e.expected + "\n");
  });
});
