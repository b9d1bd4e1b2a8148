import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as api from "./index.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const readme = readFileSync(`${root}README.md`, "utf8");
const example = `${root}packages/nix-ast/examples/readme.ts`;

function block(lang: string, index = 0): string {
  const blocks = [...readme.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))];
  const found = blocks[index];
  if (!found) throw new Error(`README has no ${lang} block ${index}`);
  return found[1]!;
}

describe("the README's example", () => {
  it("is the example file, word for word", () => {
    expect(block("ts")).toBe(readFileSync(example, "utf8"));
  });

  it("prints what the README shows", () => {
    const tsx = `${root}node_modules/.bin/tsx`;
    const out = execFileSync(tsx, ["--conditions=@atbb/source", example], { encoding: "utf8" });
    expect(out).toBe(block("nix"));
  });
});

describe("the README's template example", () => {
  it("prints what its comments show", () => {
    const lines = block("ts", 1)
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("import "));
    const code = lines.filter((l) => !l.startsWith("//"));
    const expected = lines.filter((l) => l.startsWith("//")).map((l) => l.replace(/^\/\/ ?/, ""));
    const last = code.pop()!.replace(/;$/, "");
    const run = new Function(...Object.keys(api), `${code.join("\n")}\nreturn ${last};`) as (
      ...args: unknown[]
    ) => string;
    expect(run(...Object.values(api))).toBe(expected.join("\n") + "\n");
  });
});
