import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { print } from "./print.js";
import { STYLE_CASES } from "../test-support/style-cases.js";

const fixtures = new URL("./fixtures/", import.meta.url);
const files = readdirSync(fixtures).filter((f) => f.endsWith(".nix"));

describe("the official format's fixtures, printed from trees", () => {
  it("has a tree for every fixture", () => {
    expect(Object.keys(STYLE_CASES).sort()).toEqual(files.sort());
  });
  it.each(files)("%s", (file) => {
    const expected = readFileSync(new URL(file, fixtures), "utf8");
    const build = STYLE_CASES[file];
    expect(build, `no tree for ${file}`).toBeDefined();
    expect(print(build!())).toBe(expected);
  });
});
