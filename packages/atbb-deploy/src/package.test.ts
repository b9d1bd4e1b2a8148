import { beforeAll, describe, expect, it } from "vitest";
import {
  STAND_IN_NIXPKGS,
  evalJson,
  nixPath,
  nixpkgsLib,
  requireNix,
  withCheckout,
} from "./test-support/harness.js";

const LIB = nixpkgsLib();
const REAL_HASH = "sha256-" + Buffer.alloc(32, 7).toString("base64");

interface Instantiated {
  drvPath: string;
  name: string;
  depsDrvPath: string;
  depsHash: string;
  fetcherVersion: number;
  pnpmVersion: string;
  nativeBuildInputs: string[];
  installPhase: string;
  buildPhase: string;
  meta: { mainProgram: string; platforms: string[]; description: string };
  src: string;
}

/** The flake's package for `system`, instantiated against the stand-in nixpkgs. */
function instantiate(dir: string, lib: string): string {
  return `
    let
      lib = import ${nixPath(lib)};
      pkgs = import ${nixPath(STAND_IN_NIXPKGS)} { inherit lib; };
      nixpkgs = { inherit lib; legacyPackages.x86_64-linux = pkgs; };
      self = (import ${nixPath(dir + "/flake.nix")}).outputs { inherit self nixpkgs; };
      p = self.packages.x86_64-linux.default;
    in
    {
      inherit (p) drvPath name installPhase buildPhase;
      depsDrvPath = p.pnpmDeps.drvPath;
      depsHash = p.pnpmDeps.outputHash;
      inherit (p.pnpmDeps) fetcherVersion pnpmVersion;
      nativeBuildInputs = map (d: d.name) p.nativeBuildInputs;
      meta = { inherit (p.meta) mainProgram platforms description; };
      src = "\${p.src}";
    }`;
}

describe.skipIf(!requireNix() || !LIB)("nix/package.nix against a stand-in nixpkgs", () => {
  const r: Record<string, unknown> = {};

  beforeAll(() => {
    const lib = LIB as string;
    withCheckout((fake) =>
      withCheckout(
        (real) =>
          withCheckout(
            (readme) =>
              withCheckout(
                (changed) => {
                  const values = evalJson([
                    instantiate(fake, lib),
                    instantiate(real, lib),
                    instantiate(readme, lib),
                    instantiate(changed, lib),
                    // the stand-in refuses a fetch without fetcherVersion, as nixpkgs does
                    `let pkgs = import ${nixPath(STAND_IN_NIXPKGS)} { lib = import ${nixPath(lib)}; }; in
                     (builtins.tryEval (pkgs.fetchPnpmDeps { pname = "a"; version = "1"; src = ./.;
                       pnpm = pkgs.pnpm_9; hash = pkgs.lib.fakeHash; }).drvPath).success`,
                  ]);
                  ["fake", "real", "readme", "changed", "noFetcherVersion"].forEach(
                    (k, i) => (r[k] = values[i]),
                  );
                },
                {},
                { "apps/web/public/style.css": "body { color: red }\n" },
              ),
            {},
            { "README.md": "# atBB, with another README\n", "notes.txt": "not part of it\n" },
          ),
        { pnpmDepsHash: REAL_HASH },
      ),
    );
  });

  it("instantiates (drvPath) with the fetcher of today's nixpkgs", () => {
    const p = r["fake"] as Instantiated;
    expect(p.drvPath).toMatch(/^\/nix\/store\/[a-z0-9]{32}-atbb-0\.1\.0\.drv$/);
    expect(p.depsDrvPath).toMatch(/^\/nix\/store\/[a-z0-9]{32}-atbb-pnpm-deps\.drv$/);
    expect(p.fetcherVersion).toBe(3);
    expect(p.pnpmVersion).toBe("9.15.9");
    expect(p.nativeBuildInputs).toEqual([
      "nodejs-22.12.0",
      "pnpm-9.15.9",
      "pnpm-config-hook",
      "make-wrapper-hook",
      "bash-5.2",
    ]);
    expect(p.buildPhase).toBe("runHook preBuild\npnpm build\nrunHook postBuild\n");
  });

  it("uses lib.fakeHash until a hash is recorded, then the recorded hash", () => {
    expect((r["fake"] as Instantiated).depsHash).toBe(
      "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    );
    const real = r["real"] as Instantiated;
    expect(real.depsHash).toBe(REAL_HASH);
    expect(real.depsDrvPath).not.toBe((r["fake"] as Instantiated).depsDrvPath);
  });

  it("installs the atbb command: packages/cli wrapped with Node.js 22", () => {
    const p = r["fake"] as Instantiated;
    expect(p.meta.mainProgram).toBe("atbb");
    expect(p.meta.platforms).toEqual(["x86_64-linux", "aarch64-linux"]);
    expect(p.installPhase).toMatch(
      /\nmakeWrapper \/nix\/store\/[a-z0-9]{32}-nodejs-22\.12\.0\/bin\/node \$out\/bin\/atbb \\\n {2}--add-flags \$out\/packages\/cli\/dist\/index\.js\n/,
    );
    expect(p.installPhase).toContain(
      "for pkg in apps/appview apps/web packages/db packages/atproto packages/cli packages/lexicon; do\n",
    );
  });

  it("takes its source from the workspace files only", () => {
    const fake = r["fake"] as Instantiated;
    expect(fake.src).toMatch(/^\/nix\/store\/[a-z0-9]{32}-source$/);
    expect((r["readme"] as Instantiated).src).toBe(fake.src);
    expect((r["changed"] as Instantiated).src).not.toBe(fake.src);
  });

  it("(contrast) the stand-in refuses a fetch without fetcherVersion, as nixpkgs does", () => {
    expect(r["noFetcherVersion"]).toBe(false);
  });
});
