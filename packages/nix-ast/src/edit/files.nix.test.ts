/**
 * Edits of real-shaped files written for this project (`fixtures/`: a flake with inputs,
 * a package with a version and a hash, a NixOS configuration with imports): each edit's
 * diff is exactly the lines it should change, the result is in the official format, and
 * real Nix evaluates it to what the edit asked for, everything else as before.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { path, ref } from "../ast/builders.js";
import { parse } from "../parser/parser.js";
import { print } from "../printer/print.js";
import { lineDiff } from "../test-support/line-diff.js";
import { evalJson, requireNix } from "../test-support/nix.js";
import {
  appendToList,
  getAttr,
  literalValue,
  removeAttr,
  removeFromList,
  renameAttr,
  setAttr,
} from "./index.js";

type FileName = "flake.nix" | "package.nix" | "configuration.nix";

const read = (f: FileName) => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), "utf8");

/** Paths inside the evaluated file, written relative to it (`./a.nix`), for comparison. */
const REL = `rel = m: if builtins.isPath m then "." + builtins.substring (builtins.stringLength (toString ./.)) 999 (toString m) else m;`;

/** A Nix expression evaluating the file's text to JSON, with stand-ins for its arguments. */
function evaluation(file: FileName, text: string): string {
  const f = `(\n${text}\n)`;
  switch (file) {
    case "flake.nix":
      return `let
        ${REL}
        f = ${f};
        o = f.outputs {
          self = { };
          nixpkgs = {
            lib.nixosSystem = args: args;
            legacyPackages.x86_64-linux.nixfmt-rfc-style = "nixfmt";
          };
          flake-utils = { };
          home-manager.nixosModules.home-manager = "hm";
        };
      in {
        inherit (f) description inputs;
        outputs = o // { nixosConfigurations.web = o.nixosConfigurations.web // { modules = map rel o.nixosConfigurations.web.modules; }; };
      }`;
    case "package.nix":
      return `${f} {
        lib = { licenses.mit = "mit"; platforms.unix = [ "unix" ]; };
        stdenv.mkDerivation = g: let attrs = g attrs; in attrs;
        fetchFromGitHub = args: args;
        cmake = "cmake";
        zlib = "zlib";
      }`;
    case "configuration.nix":
      return `let
        ${REL}
        m = ${f} {
          config.services.nginx.enable = true;
          lib.mkIf = cond: value: { _if = cond; content = value; };
          pkgs = { git = "git"; htop = "htop"; ripgrep = "ripgrep"; };
        };
      in m // { imports = map rel m.imports; }`;
  }
}

interface Case {
  readonly name: string;
  readonly file: FileName;
  readonly edit: (text: string) => string;
  /** The lines the diff removes and adds, hunk by hunk. */
  readonly hunks: readonly { removed: readonly string[]; added: readonly string[] }[];
  /** The edit on the evaluated value. */
  readonly expect: (value: Json) => void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const cases: Case[] = [
  {
    name: "point nixpkgs at another branch",
    file: "flake.nix",
    edit: (t) => setAttr(t, "inputs.nixpkgs.url", "github:NixOS/nixpkgs/nixos-24.11"),
    hunks: [
      {
        removed: ['    nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.05";'],
        added: ['    nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";'],
      },
    ],
    expect: (v) => (v.inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11"),
  },
  {
    name: "add an input, and make it follow nixpkgs",
    file: "flake.nix",
    edit: (t) =>
      setAttr(
        setAttr(t, "inputs.agenix.url", "github:ryantm/agenix"),
        "inputs.agenix.inputs.nixpkgs.follows",
        "nixpkgs",
      ),
    hunks: [
      {
        removed: [],
        added: [
          '    agenix.url = "github:ryantm/agenix";',
          '    agenix.inputs.nixpkgs.follows = "nixpkgs";',
        ],
      },
    ],
    expect: (v) =>
      (v.inputs.agenix = {
        url: "github:ryantm/agenix",
        inputs: { nixpkgs: { follows: "nixpkgs" } },
      }),
  },
  {
    name: "drop an input with its comment",
    file: "flake.nix",
    edit: (t) => removeAttr(t, "inputs.flake-utils"),
    hunks: [
      {
        removed: [
          "    # Formatting and checks for every system",
          '    flake-utils.url = "github:numtide/flake-utils";',
        ],
        added: [],
      },
    ],
    expect: (v) => delete v.inputs["flake-utils"],
  },
  {
    name: "an inherited argument becomes a binding",
    file: "flake.nix",
    edit: (t) => setAttr(t, "outputs.nixosConfigurations.web.system", "aarch64-linux"),
    hunks: [{ removed: ["        inherit system;"], added: ['        system = "aarch64-linux";'] }],
    expect: (v) => (v.outputs.nixosConfigurations.web.system = "aarch64-linux"),
  },
  {
    name: "a module more for a host",
    file: "flake.nix",
    edit: (t) =>
      appendToList(t, "outputs.nixosConfigurations.web.modules", path("./hosts/web/backup.nix")),
    hunks: [{ removed: [], added: ["          ./hosts/web/backup.nix"] }],
    expect: (v) => v.outputs.nixosConfigurations.web.modules.push("./hosts/web/backup.nix"),
  },
  {
    name: "rename an input",
    file: "flake.nix",
    edit: (t) => renameAttr(t, "inputs.home-manager", "hm"),
    hunks: [{ removed: ["    home-manager = {"], added: ["    hm = {"] }],
    expect: (v) => {
      v.inputs.hm = v.inputs["home-manager"];
      delete v.inputs["home-manager"];
    },
  },
  {
    name: "bump the version and its hash",
    file: "package.nix",
    edit: (t) =>
      setAttr(
        setAttr(t, "version", "2.5.0"),
        "src.hash",
        "sha256-Q2TnUE1X9xPpGZ1T3bL3cTqVr1f4a8rN0H6kYdW2sVQ=",
      ),
    hunks: [
      { removed: ['  version = "2.4.1";'], added: ['  version = "2.5.0";'] },
      {
        removed: ['    hash = "sha256-5oRq2MZXcGxbK3Y1tCj/JwzN8hdl+6ZkIdsF8xvCwEU=";'],
        added: ['    hash = "sha256-Q2TnUE1X9xPpGZ1T3bL3cTqVr1f4a8rN0H6kYdW2sVQ=";'],
      },
    ],
    expect: (v) => {
      v.version = "2.5.0";
      v.src.rev = "v2.5.0";
      v.src.hash = "sha256-Q2TnUE1X9xPpGZ1T3bL3cTqVr1f4a8rN0H6kYdW2sVQ=";
    },
  },
  {
    name: "a flag more",
    file: "package.nix",
    edit: (t) => appendToList(t, "cmakeFlags", "-DWITH_ZSTD=ON"),
    hunks: [{ removed: [], added: ['    "-DWITH_ZSTD=ON"'] }],
    expect: (v) => v.cmakeFlags.push("-DWITH_ZSTD=ON"),
  },
  {
    name: "a dependency more in a one-line list",
    file: "package.nix",
    edit: (t) => appendToList(t, "buildInputs", ref("zlib")),
    hunks: [
      {
        removed: ["  buildInputs = [ zlib ];"],
        added: ["  buildInputs = [", "    zlib", "    zlib", "  ];"],
      },
    ],
    expect: (v) => v.buildInputs.push("zlib"),
  },
  {
    name: "turn the tests off and drop the main program",
    file: "package.nix",
    edit: (t) => removeAttr(setAttr(t, "doCheck", false), "meta.mainProgram"),
    hunks: [
      { removed: ["  doCheck = true;"], added: ["  doCheck = false;"] },
      { removed: ['    mainProgram = "tinyhttpd";'], added: [] },
    ],
    expect: (v) => {
      v.doCheck = false;
      delete v.meta.mainProgram;
    },
  },
  {
    name: "import one more module",
    file: "configuration.nix",
    edit: (t) => appendToList(t, "imports", path("./nginx.nix")),
    hunks: [{ removed: [], added: ["    ./nginx.nix"] }],
    expect: (v) => v.imports.push("./nginx.nix"),
  },
  {
    name: "stop importing a module, with its comment",
    file: "configuration.nix",
    edit: (t) => removeFromList(t, "imports", path("./users.nix")),
    hunks: [{ removed: ["    # Users and their keys", "    ./users.nix"], added: [] }],
    expect: (v) => v.imports.pop(),
  },
  {
    name: "move the API upstream (a quoted path)",
    file: "configuration.nix",
    edit: (t) =>
      setAttr(
        t,
        'services.nginx.virtualHosts."example.org".locations."/api/".proxyPass',
        "http://127.0.0.1:4000",
      ),
    hunks: [
      {
        removed: ['      locations."/api/".proxyPass = "http://127.0.0.1:3000";'],
        added: ['      locations."/api/".proxyPass = "http://127.0.0.1:4000";'],
      },
    ],
    expect: (v) =>
      (v.services.nginx.virtualHosts["example.org"].locations["/api/"].proxyPass =
        "http://127.0.0.1:4000"),
  },
  {
    name: "open a port",
    file: "configuration.nix",
    edit: (t) => appendToList(t, "networking.firewall.allowedTCPPorts", 22),
    hunks: [{ removed: [], added: ["    22"] }],
    expect: (v) => v.networking.firewall.allowedTCPPorts.push(22),
  },
  {
    name: "an option inside lib.mkIf, beside its sibling",
    file: "configuration.nix",
    edit: (t) => setAttr(t, "services.openssh.settings.PermitRootLogin", "no"),
    hunks: [{ removed: [], added: ['    settings.PermitRootLogin = "no";'] }],
    expect: (v) => (v.services.openssh.content.settings.PermitRootLogin = "no"),
  },
  {
    name: "a boot option beside the boot options",
    file: "configuration.nix",
    edit: (t) =>
      removeAttr(setAttr(t, "boot.loader.timeout", 3), "boot.loader.efi.canTouchEfiVariables"),
    hunks: [
      {
        removed: ["  boot.loader.efi.canTouchEfiVariables = true;"],
        added: ["  boot.loader.timeout = 3;"],
      },
    ],
    expect: (v) => {
      v.boot.loader.timeout = 3;
      delete v.boot.loader.efi;
    },
  },
  {
    name: "a package more, in a with list",
    file: "configuration.nix",
    edit: (t) => appendToList(t, "environment.systemPackages", ref("ripgrep")),
    hunks: [{ removed: [], added: ["    ripgrep"] }],
    expect: (v) => v.environment.systemPackages.push("ripgrep"),
  },
  {
    name: "rename a virtual host",
    file: "configuration.nix",
    edit: (t) => renameAttr(t, 'services.nginx.virtualHosts."example.org"', "example.com"),
    hunks: [
      {
        removed: ['    virtualHosts."example.org" = {'],
        added: ['    virtualHosts."example.com" = {'],
      },
    ],
    expect: (v) => {
      const hosts = v.services.nginx.virtualHosts;
      hosts["example.com"] = hosts["example.org"];
      delete hosts["example.org"];
    },
  },
];

const results = cases.map((c) => ({ c, before: read(c.file), after: c.edit(read(c.file)) }));

describe("edits of real-shaped files", () => {
  it.each(results.map((r) => [r.c.name, r] as const))("%s: exactly the edited lines", (_, r) => {
    const hunks = lineDiff(r.before, r.after).map(({ removed, added }) => ({ removed, added }));
    expect(hunks).toEqual(r.c.hunks);
    expect(print(parse(r.after))).toBe(r.after);
  });

  it("reads the values the edits are about", () => {
    expect(literalValue(getAttr(read("package.nix"), "src.hash"))).toBe(
      "sha256-5oRq2MZXcGxbK3Y1tCj/JwzN8hdl+6ZkIdsF8xvCwEU=",
    );
    expect(literalValue(getAttr(read("flake.nix"), "inputs.home-manager"))).toEqual({
      url: "github:nix-community/home-manager/release-24.05",
      inputs: { nixpkgs: { follows: "nixpkgs" } },
    });
    expect(print(getAttr(read("configuration.nix"), "imports"))).toBe(
      "[\n  ./hardware-configuration.nix\n  # Users and their keys\n  ./users.nix\n]\n",
    );
  });
});

describe.skipIf(!requireNix())("real Nix evaluates each edited file to what was asked", () => {
  it("all cases, in one Nix process", () => {
    const files: FileName[] = ["flake.nix", "package.nix", "configuration.nix"];
    const values = evalJson([
      ...files.map((f) => evaluation(f, read(f))),
      ...results.map((r) => evaluation(r.c.file, r.after)),
    ]) as Json[];
    const original = new Map(files.map((f, i) => [f, values[i]]));
    results.forEach((r, i) => {
      const wanted = structuredClone(original.get(r.c.file));
      r.c.expect(wanted);
      expect(values[files.length + i], r.c.name).toEqual(wanted);
    });
  });
});
