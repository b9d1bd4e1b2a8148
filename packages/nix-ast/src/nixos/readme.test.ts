/** The example at the top of the nixos README prints the Nix shown below it. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../index.js";
import * as nixos from "./index.js";

const readme = readFileSync(new URL("./README.md", import.meta.url), "utf8");

describe("the nixos README's example", () => {
  it("prints the module shown under it", () => {
    const [, ts] = /```ts\n([\s\S]*?)```/.exec(readme)!;
    const [, nixText] = /`text` is:\n\n```nix\n([\s\S]*?)```/.exec(readme)!;
    const code = ts!
      .split("\n")
      .filter((l) => !l.startsWith("import "))
      .join("\n");
    const scope = { ...api, ...nixos };
    const run = new Function(...Object.keys(scope), `${code}\nreturn text;`) as (
      ...args: unknown[]
    ) => string;
    expect(run(...Object.values(scope))).toBe(nixText);
  });
});
