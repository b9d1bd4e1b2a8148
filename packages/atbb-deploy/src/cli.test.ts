import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main, REPOSITORY_ROOT } from "./cli.js";
import { CONFIG_PATH } from "./config.js";
import { generate, GENERATED_PATHS } from "./generate.js";

const HASH = "sha256-" + Buffer.alloc(32, 9).toString("base64");

interface Run {
  code: number;
  out: string;
  err: string;
}

let dir = "";

function run(args: string[], cwd = dir): Run {
  let out = "";
  let err = "";
  const code = main(args, { cwd, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

const read = (p: string) => readFileSync(join(dir, p), "utf8");

/** Every file under `dir`, relative, sorted. */
function listing(root = dir): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "atbb-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("build:nix", () => {
  it("writes the three files under --out, and --check then passes", () => {
    const r = run(["--out", dir]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(listing()).toEqual(["flake.nix", "nix/module.nix", "nix/package.nix"]);
    for (const f of generate()) expect(read(f.path)).toBe(f.content);
    expect(run(["--check", "--out", dir])).toMatchObject({ code: 0, err: "" });
  });

  it("takes a relative --out from the directory it was run in", () => {
    mkdirSync(join(dir, "atbb"));
    expect(run(["build", "--out", "atbb"]).code).toBe(0);
    expect(listing()).toEqual(["atbb/flake.nix", "atbb/nix/module.nix", "atbb/nix/package.nix"]);
  });

  it("expands ~/ in --out=~/DIR, which no shell expands", () => {
    mkdirSync(join(dir, "atbb"));
    const home = process.env["HOME"];
    process.env["HOME"] = dir;
    try {
      expect(run(["--out=~/atbb"], REPOSITORY_ROOT).code).toBe(0);
    } finally {
      if (home === undefined) delete process.env["HOME"];
      else process.env["HOME"] = home;
    }
    expect(listing()).toEqual(["atbb/flake.nix", "atbb/nix/module.nix", "atbb/nix/package.nix"]);
  });

  it("--check writes nothing, names the stale files and shows a diff, exit 1", () => {
    run(["--out", dir]);
    const module = read("nix/module.nix");
    writeFileSync(join(dir, "nix/module.nix"), module.replace("webPort", "webport"));
    rmSync(join(dir, "flake.nix"));
    const before = listing();
    const r = run(["--check", `--out=${dir}`]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("stale: flake.nix, nix/module.nix (run pnpm build:nix to regenerate)\n");
    expect(r.out).toContain("--- /dev/null\n+++ b/flake.nix\n@@ -0,0 +1,");
    expect(r.out).toContain("--- a/nix/module.nix\n+++ b/nix/module.nix\n@@ ");
    expect(r.out).toMatch(/\n-\s+webport = lib\.mkOption \{\n\+\s+webPort = lib\.mkOption \{\n/);
    expect(listing()).toEqual(before);
    expect(read("nix/module.nix")).toContain("webport");
  });

  it("--hash records the hash in nix/atbb-deploy.json, and later runs keep it", () => {
    expect(run(["--out", dir, "--hash", HASH]).code).toBe(0);
    expect(JSON.parse(read(CONFIG_PATH))).toEqual({ pnpmDepsHash: HASH });
    expect(read("nix/package.nix")).toContain(`hash = "${HASH}";`);
    // regenerate without the flag: the hash survives
    writeFileSync(join(dir, "nix/package.nix"), "stale");
    expect(run(["--out", dir]).code).toBe(0);
    expect(read("nix/package.nix")).toContain(`hash = "${HASH}";`);
    expect(run(["--check", "--out", dir]).code).toBe(0);
    // and --check against the fake hash sees package.nix stale, without writing the hash
    rmSync(join(dir, CONFIG_PATH));
    const r = run(["--check", "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`-    hash = "${HASH}";`);
    expect(r.out).toContain("+    hash = lib.fakeHash;");
  });

  it("--hash --in-place changes only the hash line of an existing package.nix", () => {
    run(["--out", dir]);
    // a file someone changed by hand (or an older atbb-deploy wrote)
    const edited = read("nix/package.nix").replace(
      'version = "0.1.0";',
      'version = "0.1.0-local"; # ours',
    );
    writeFileSync(join(dir, "nix/package.nix"), edited);
    const module = read("nix/module.nix");
    const r = run(["--out", dir, "--hash", HASH, "--in-place"]);
    expect(r).toEqual({
      code: 0,
      out: `set pnpmDeps.hash in ${join(dir, "nix/package.nix")}\n`,
      err: "",
    });
    expect(read("nix/package.nix")).toBe(
      edited.replace("    hash = lib.fakeHash;\n", `    hash = "${HASH}";\n`),
    );
    expect(read("nix/module.nix")).toBe(module);
    // recorded, so that regenerating later keeps it
    expect(JSON.parse(read(CONFIG_PATH))).toEqual({ pnpmDepsHash: HASH });
    expect(listing()).toEqual(["flake.nix", CONFIG_PATH, "nix/module.nix", "nix/package.nix"]);
    // a second run finds the hash set already
    expect(run(["--out", dir, "--hash", HASH, "--in-place"]).out).toMatch(
      /^already set pnpmDeps\.hash/,
    );
  });

  it("--in-place refuses, with one line, what it cannot do", () => {
    const cases: [string[], RegExp][] = [
      [["--in-place"], /^atbb-deploy: --in-place needs --hash SRI\n$/],
      [["--hash", HASH, "--in-place", "--check"], /^atbb-deploy: --in-place and --check do not go/],
      [
        ["--hash", HASH, "--in-place"],
        /^atbb-deploy: .*nix\/package\.nix does not exist: generate/,
      ],
    ];
    for (const [args, message] of cases) expect(run([...args, "--out", dir]).err).toMatch(message);
    mkdirSync(join(dir, "nix"));
    writeFileSync(join(dir, "nix/package.nix"), "{ pnpmDeps = fetchPnpmDeps; }\n");
    expect(run(["--out", dir, "--hash", HASH, "--in-place"]).err).toMatch(
      /^atbb-deploy: .*package\.nix: pnpmDeps\.hash: pnpmDeps is not a set written in the file: it is the variable fetchPnpmDeps \(1:14\)\n$/,
    );
    writeFileSync(join(dir, "nix/package.nix"), "{ a = 1 }\n");
    expect(run(["--out", dir, "--hash", HASH, "--in-place"]).err).toMatch(
      /^atbb-deploy: .*package\.nix:1:9: unexpected '}', expected ';'\n$/,
    );
    expect(listing()).toEqual(["nix/package.nix"]);
  });

  it("leaves no temporary files and replaces files whole", () => {
    run(["--out", dir]);
    run(["--out", dir, "--hash", HASH]);
    expect(listing()).toEqual(["flake.nix", CONFIG_PATH, "nix/module.nix", "nix/package.nix"]);
  });

  it("changes nothing when a write fails", () => {
    writeFileSync(join(dir, "flake.nix"), "old flake");
    writeFileSync(join(dir, "nix"), "a file where the nix directory should be");
    const r = run(["--out", dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^atbb-deploy: .*nix/);
    expect(read("flake.nix")).toBe("old flake");
    expect(listing()).toEqual(["flake.nix", "nix"]);
  });

  it("fails with one line and exit 2, leaving the old files, on bad input", () => {
    run(["--out", dir]);
    const before = GENERATED_PATHS.map(read);
    const cases: [string[], RegExp][] = [
      [["--hash", "sha256-nope"], /^atbb-deploy: --hash "sha256-nope" is not an SRI hash/],
      [["--frobnicate"], /^atbb-deploy: unknown argument "--frobnicate" for build/],
      [["--out"], /^atbb-deploy: --out needs a value/],
      [["--out", join(dir, "missing")], /^atbb-deploy: --out .*missing does not exist/],
      [["units", "--check"], /^atbb-deploy: unknown argument "--check" for units/],
    ];
    for (const [args, message] of cases) {
      const r = run(args.includes("--out") || args[0] === "units" ? args : [...args, "--out", dir]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    }
    // a broken configuration file: nothing is written
    writeFileSync(join(dir, CONFIG_PATH), "{ not json");
    const broken = run(["--out", dir]);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/^atbb-deploy: .*nix\/atbb-deploy\.json: not valid JSON/);
    writeFileSync(join(dir, CONFIG_PATH), '{ "webPort": 3000 }');
    expect(run(["--out", dir]).err).toMatch(/option webPort: must differ from appviewPort/);
    writeFileSync(join(dir, CONFIG_PATH), '{ "colour": "red" }');
    expect(run(["--out", dir]).err).toMatch(/unknown option "colour"/);
    expect(GENERATED_PATHS.map(read)).toEqual(before);
  });

  it("prints help", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("atbb-deploy [build] [--out DIR] [--check] [--hash SRI [--in-place]]");
  });
});

describe("units", () => {
  it("shows the three units as unit files", () => {
    const r = run(["units"]);
    expect(r.code).toBe(0);
    for (const name of ["atbb-migrate", "atbb-appview", "atbb-web"]) {
      expect(r.out).toContain(`\n# ${name}.service\n[Unit]\nDescription=`);
    }
    expect(r.out).toContain("[Service]\n");
    expect(r.out).toContain("[Install]\nWantedBy=multi-user.target\n");
    expect(r.out).toContain(
      "ExecStart=/nix/store/00000000000000000000000000000000-nodejs-22/bin/node /nix/store/00000000000000000000000000000000-atbb-0.1.0/apps/appview/node_modules/drizzle-kit/bin.cjs migrate\n",
    );
    expect(r.out).toContain('Environment="OAUTH_PUBLIC_URL=https://forum.example.com"\n');
    expect(r.out).toContain("SystemCallFilter=@system-service\nSystemCallFilter=~@privileged\n");
  });

  it("follows the configuration flags and writes files with --dir", () => {
    const r = run([
      "units",
      "--dir",
      "units",
      "--domain",
      "bb.example.org",
      "--auto-migrate",
      "--no-database",
    ]);
    expect(r.code).toBe(0);
    expect(listing()).toEqual([
      "units/atbb-appview.service",
      "units/atbb-migrate.service",
      "units/atbb-web.service",
    ]);
    const appview = read("units/atbb-appview.service");
    expect(appview).toContain('Environment="PORT=3000"');
    expect(appview).toContain(
      "After=network.target atbb-migrate.service\nRequires=atbb-migrate.service\n",
    );
    expect(appview).toContain('Environment="OAUTH_PUBLIC_URL=https://bb.example.org"');
  });
});

describe("units with recorded options", () => {
  it("reads the options recorded under --out", () => {
    mkdirSync(join(dir, "nix"));
    writeFileSync(join(dir, CONFIG_PATH), '{ "appviewPort": 4000, "user": "forum" }');
    const r = run(["units", "--out", "."]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Environment="PORT=4000"');
    expect(r.out).toContain("User=forum\n");
  });
});

describe("pnpm build:nix", () => {
  it("passes its arguments through and takes --out from where pnpm was run", () => {
    mkdirSync(join(dir, "atbb"));
    const r = spawnSync(
      "pnpm",
      ["--dir", REPOSITORY_ROOT, "-s", "build:nix", "--check", "--out", "atbb"],
      {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, INIT_CWD: undefined },
      },
    );
    // nothing there yet: all three files are stale, and nothing was written
    expect(r.stderr).toContain("stale: flake.nix, nix/package.nix, nix/module.nix");
    expect(r.status).toBe(1);
    expect(listing()).toEqual([]);
  });
});
