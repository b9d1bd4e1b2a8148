/**
 * The API reference (`pnpm docs`) builds from the TSDoc without a warning: every export
 * is documented, and every `{@link}` resolves to something the reference shows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "./test-support/tarball.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const typedoc = fileURLToPath(
  new URL("../../../node_modules/typedoc/bin/typedoc", import.meta.url),
);

describe("the API reference", () => {
  it("builds from the TSDoc without warnings", () => {
    const out = mkdtempSync(join(tmpdir(), "nix-ast-api-"));
    try {
      const r = run("node", [typedoc, "--options", "typedoc.json", "--out", out], packageDir);
      expect(r.stdout + r.stderr).toBe(`[info] html generated at ${out}\n`);
      expect(r.status).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
