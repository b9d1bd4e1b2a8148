import { describe, expect, it } from "vitest";
import { hasIgnorePragma, hasPragma, insertPragma } from "./pragma.js";

describe("pragmas in Nix comments", () => {
  it.each([
    "# @format\n{ }",
    "#@prettier\n{ }",
    "\n  # License: MIT\n  #   @format  \n{ }",
    "/* @format */ { }",
    "/**\n * Module.\n *\n * @prettier\n */\n{ }",
    "# @format",
  ])("finds the pragma in the comments at the top: %j", (text) => {
    expect(hasPragma(text)).toBe(true);
  });

  it.each([
    "{ }",
    "{ }\n# @format\n",
    "# see @format\n{ }",
    "# @formatted\n{ }",
    '"# @format"',
    "/* @format",
    "# @noformat\n{ }",
  ])("finds none elsewhere or in other words: %j", (text) => {
    expect(hasPragma(text)).toBe(false);
  });

  it("tells the ignore pragma apart", () => {
    expect(hasIgnorePragma("# @noformat\n{ }")).toBe(true);
    expect(hasIgnorePragma("/* @noprettier */\n{ }")).toBe(true);
    expect(hasIgnorePragma("# @format\n{ }")).toBe(false);
    expect(hasIgnorePragma("{ }\n# @noformat")).toBe(false);
  });

  it("inserts a pragma the check then finds", () => {
    expect(insertPragma("{ }\n")).toBe("# @format\n{ }\n");
    expect(hasPragma(insertPragma("# License: MIT\n{ }\n"))).toBe(true);
  });
});
