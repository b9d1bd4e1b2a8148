import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./diff.js";

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n", "a/x", "b/x")).toBe("");
  });

  it("shows one changed line with three lines of context", () => {
    const old = ["1", "2", "3", "4", "5", "6", "7", "8", "9"].join("\n") + "\n";
    const now = old.replace("5\n", "five\n");
    expect(unifiedDiff(old, now, "a/f", "b/f")).toBe(
      [
        "--- a/f",
        "+++ b/f",
        "@@ -2,7 +2,7 @@",
        " 2",
        " 3",
        " 4",
        "-5",
        "+five",
        " 6",
        " 7",
        " 8",
        "",
      ].join("\n"),
    );
  });

  it("joins nearby changes into one hunk and keeps distant ones apart", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const old = lines.join("\n") + "\n";
    const changed = [...lines];
    changed[2] = "changed 3";
    changed[5] = "changed 6";
    changed[25] = "changed 26";
    const diff = unifiedDiff(old, changed.join("\n") + "\n", "a", "b");
    expect(diff.match(/^@@ .* @@$/gm)).toEqual(["@@ -1,9 +1,9 @@", "@@ -23,7 +23,7 @@"]);
  });

  it("diffs against an absent file and shows insertions and deletions", () => {
    expect(unifiedDiff("", "x\ny\n", "/dev/null", "b/new")).toBe(
      "--- /dev/null\n+++ b/new\n@@ -0,0 +1,2 @@\n+x\n+y\n",
    );
    expect(unifiedDiff("a\nb\nc\n", "a\nc\n", "a/f", "b/f")).toBe(
      "--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n a\n-b\n c\n",
    );
  });

  it("notes a difference in the final newline", () => {
    expect(unifiedDiff("a\n", "a", "a/f", "b/f")).toContain("final newline");
  });
});
