/**
 * The package as a user gets it: packed, installed with npm from the tarball into a new
 * project outside the workspace, then used from ESM and CommonJS, type-checked by a
 * consumer under each module resolution, and run as the `nix-ast` command.
 *
 * The package has no dependencies, so the offline `npm install` needs only its tarball.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  npmProject,
  packWorkspacePackage,
  run as runIn,
  tempDir,
  type NpmProject,
} from "./test-support/tarball.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

let packs = "";
let project: NpmProject;
let files: string[] = [];
let manifest: Record<string, unknown> = {};

/** Runs a command in the project; its standard output, or an error with all it said. */
function run(command: string, args: readonly string[], input?: string): string {
  const r = project.run(command, args, input);
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  packs = tempDir("nix-ast-packs-");
  // `pnpm pack` applies publishConfig (exports without the workspace's source condition).
  const tarball = packWorkspacePackage(packageDir, packs);
  files = runIn("tar", ["-tzf", tarball], packs).stdout.trim().split("\n");
  const packed = runIn("tar", ["-xzOf", tarball, "package/package.json"], packs).stdout;
  manifest = JSON.parse(packed) as Record<string, unknown>;
  project = npmProject([tarball]);
}, 120_000);

afterAll(() => {
  project?.remove();
  if (packs !== "") rmSync(packs, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("holds the build, the README, the licence and the changelog, and nothing for tests", () => {
    for (const f of ["README.md", "LICENSE", "CHANGELOG.md", "package.json"]) {
      expect(files).toContain(`package/${f}`);
    }
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/dist/nixos/index.d.ts");
    expect(files).toContain("package/dist/printer/deep-worker.js");
    const unwanted = files.filter((f) =>
      /\.map$|\.test\.|test-support|style-cases|\/src\/|tsbuildinfo/.test(f),
    );
    expect(unwanted).toEqual([]);
  });

  it("has a manifest for users: no workspace condition, engines, repository, types", () => {
    expect(JSON.stringify(manifest)).not.toContain("@atbb/source");
    expect(manifest.engines).toEqual({ node: ">=20.19" });
    expect(manifest.repository).toMatchObject({ type: "git", directory: "packages/nix-ast" });
    expect(manifest.exports).toMatchObject({ "./package.json": "./package.json" });
    expect(manifest.typesVersions).toEqual({ "*": { nixos: ["./dist/nixos/index.d.ts"] } });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("installed from the tarball", () => {
  it("imports both entry points as ES modules", () => {
    const code = `
      import { print, ref, nix } from "@atbb/nix-ast";
      import { mkIf, nixosModule } from "@atbb/nix-ast/nixos";
      import pkg from "@atbb/nix-ast/package.json" with { type: "json" };
      process.stdout.write(print(mkIf(ref("cfg.enable"), { port: 80 })) + pkg.name);`;
    expect(run("node", ["--input-type=module", "-e", code])).toBe(
      "lib.mkIf cfg.enable { port = 80; }\n@atbb/nix-ast",
    );
  });

  it("requires both entry points from CommonJS", () => {
    const code = `
      const { print, parse } = require("@atbb/nix-ast");
      const { types } = require("@atbb/nix-ast/nixos");
      process.stdout.write(print(parse("{a=1;}")) + typeof types.str);`;
    expect(run("node", ["-e", code])).toBe("{ a = 1; }\nobject");
  });

  it("type-checks a consumer (ESM and CommonJS) under NodeNext, Node16, Bundler and node10", () => {
    const consumer = `
      import { print, ref, type Expr } from "@atbb/nix-ast";
      import { mkOption, types } from "@atbb/nix-ast/nixos";
      const option: Expr = mkOption({ type: types.port, default: 8080 });
      export const text: string = print({ option, host: ref("config.networking.hostName") });
      // @ts-expect-error a port is a number
      mkOption({ type: types.port, default: "x" });
    `;
    writeFileSync(join(project.dir, "consumer.mts"), consumer);
    writeFileSync(join(project.dir, "consumer.ts"), consumer);
    writeFileSync(
      join(project.dir, "consumer.cts"),
      `import nixAst = require("@atbb/nix-ast");\nexport const s: string = nixAst.print(1);\n`,
    );
    const settings = [
      ["NodeNext", "NodeNext", ["consumer.mts", "consumer.cts"]],
      // Node 16 had no require() of ES modules: only the ES consumer.
      ["Node16", "Node16", ["consumer.mts"]],
      ["ESNext", "Bundler", ["consumer.ts"]],
      ["CommonJS", "node10", ["consumer.ts"]],
    ] as const;
    // One compiler in this process for the four settings, sharing the parsed files:
    // four `tsc` processes would each read the package's declarations and the ES lib again.
    const cache = new Map<string, ts.SourceFile | undefined>();
    for (const [module, resolution, sources] of settings) {
      const { options, errors } = ts.convertCompilerOptionsFromJson(
        {
          module,
          moduleResolution: resolution,
          target: "ES2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        project.dir,
      );
      expect(errors).toEqual([]);
      const host = ts.createCompilerHost(options);
      const read = host.getSourceFile.bind(host);
      host.getSourceFile = (file, version, ...rest) => {
        const key = `${file}\0${JSON.stringify(version)}`;
        if (!cache.has(key)) cache.set(key, read(file, version, ...rest));
        return cache.get(key);
      };
      const files = sources.map((f) => join(project.dir, f));
      const program = ts.createProgram(files, options, host);
      const diagnostics = ts.getPreEmitDiagnostics(program);
      const text = ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => project.dir,
        getNewLine: () => "\n",
      });
      expect(text, `tsc under ${resolution}`).toBe("");
    }
  }, 120_000);

  it("runs as the nix-ast command: --help, fmt and from-json", () => {
    const npx = (args: readonly string[], input = ""): string =>
      run("npx", ["--no-install", "nix-ast", ...args], input);
    expect(npx(["--help"])).toMatch(/^Usage: nix-ast <command>/);
    expect(npx(["fmt"], "{a=1;b=[1 2];}")).toBe("{\n  a = 1;\n  b = [\n    1\n    2\n  ];\n}\n");
    expect(npx(["from-json"], '{"port": 80, "hosts": ["a"]}')).toBe(
      '{\n  port = 80;\n  hosts = [ "a" ];\n}\n',
    );
    writeFileSync(join(project.dir, "x.nix"), "{a=1;}");
    npx(["fmt", "x.nix"]);
    expect(readFileSync(join(project.dir, "x.nix"), "utf8")).toBe("{ a = 1; }\n");
  });
});
