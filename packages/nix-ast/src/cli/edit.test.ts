import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { memoryIo } from "./io.js";

const CONFIG = `{ config, lib, ... }:
{
  services.nginx = {
    enable = true;
    # the API
    virtualHosts."example.org".locations."/api/".proxyPass = "http://127.0.0.1:3000";
  };
  networking.firewall.allowedTCPPorts = [
    80
    443
  ];
  users.\${name}.isNormalUser = true;
}
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "nix-ast-edit-"));
  writeFileSync(join(dir, "configuration.nix"), CONFIG);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: readonly string[], stdin = "") {
  const io = memoryIo(stdin, dir);
  const status = await runCli(argv, io);
  return { status, out: io.out(), err: io.err() };
}

const file = () => readFileSync(join(dir, "configuration.nix"), "utf8");
const API = 'services.nginx.virtualHosts."example.org".locations."/api/".proxyPass';

/** One line `nix-ast: ...` on standard error, nothing else, status 2, the file untouched. */
function expectRefused(r: { status: number; out: string; err: string }, message: string) {
  expect(r).toEqual({ status: 2, out: "", err: `nix-ast: ${message}\n` });
  expect(file()).toBe(CONFIG);
}

describe("nix-ast get", () => {
  it("prints the value in the official format, found through quoted path parts", async () => {
    expect(await run(["get", "configuration.nix", API])).toEqual({
      status: 0,
      out: '"http://127.0.0.1:3000"\n',
      err: "",
    });
    const r = await run(["get", "configuration.nix", "services.nginx.virtualHosts"]);
    expect(r.out).toBe(
      '{ "example.org".locations."/api/".proxyPass = "http://127.0.0.1:3000"; }\n',
    );
  });

  it("--json prints a literal's JSON value", async () => {
    expect((await run(["get", "--json", "configuration.nix", "networking"])).out).toBe(
      '{"firewall":{"allowedTCPPorts":[80,443]}}\n',
    );
    expect((await run(["get", "configuration.nix", "services.nginx.enable", "--json"])).out).toBe(
      "true\n",
    );
  });

  it("exits 2 with one line naming the path when it is absent, dynamic or not a set", async () => {
    expectRefused(
      await run(["get", "configuration.nix", "services.openssh.enable"]),
      "configuration.nix: services.openssh.enable: no such attribute",
    );
    expectRefused(
      await run(["get", "configuration.nix", "users.alice.isNormalUser"]),
      "configuration.nix: users.alice.isNormalUser: a dynamic attribute (12:9) may define it: only evaluation tells",
    );
    expectRefused(
      await run(["get", "configuration.nix", "services.nginx.enable.x"]),
      "configuration.nix: services.nginx.enable.x: services.nginx.enable is not a set written in the file: it is the variable true (4:14)",
    );
    expectRefused(
      await run(["get", "--json", "configuration.nix", "users"]),
      "configuration.nix: users: no JSON value: a dynamic name has no value before evaluation (at <root> > binding ${...}.isNormalUser)",
    );
  });
});

describe("nix-ast set", () => {
  it("sets from Nix source, changing only that line, atomically and keeping the mode", async () => {
    chmodSync(join(dir, "configuration.nix"), 0o640);
    const r = await run(["set", "configuration.nix", API, '"http://127.0.0.1:4000"']);
    expect(r).toEqual({ status: 0, out: "", err: "" });
    expect(file()).toBe(CONFIG.replace(":3000", ":4000"));
    expect(statSync(join(dir, "configuration.nix")).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["configuration.nix"]);
  });

  it("takes --string and --json values, and a negative number as EXPR", async () => {
    await run(["set", "configuration.nix", API, "--string", 'http://"quoted"']);
    expect(file()).toContain('locations."/api/".proxyPass = "http://\\"quoted\\"";\n');
    await run([
      "set",
      "configuration.nix",
      "networking.firewall.allowedTCPPorts",
      "--json",
      "[22]",
    ]);
    expect(file()).toContain("  networking.firewall.allowedTCPPorts = [ 22 ];\n");
    await run(["set", "configuration.nix", "boot.loader.timeout", "-1"]);
    expect(file()).toContain("  boot.loader.timeout = -1;\n}\n");
  });

  it("reads standard input and writes standard output for -", async () => {
    expect(await run(["set", "-", "a.b", "1"], "{ x = 0; }\n")).toEqual({
      status: 0,
      out: "{\n  x = 0;\n  a.b = 1;\n}\n",
      err: "",
    });
  });

  it("refuses bad usage and bad input with one line, leaving the file as it was", async () => {
    expectRefused(
      await run(["set", "configuration.nix", "a"]),
      "set: the value is missing: give EXPR (Nix source), --json VALUE or --string VALUE (try nix-ast set --help)",
    );
    expectRefused(
      await run(["set", "configuration.nix"]),
      "set: missing arguments: expected FILE ATTR.PATH EXPR (try nix-ast set --help)",
    );
    expectRefused(
      await run(["set", "configuration.nix", "a", "1", "--string", "x"]),
      "set: the value is given twice: give EXPR (Nix source), --json VALUE or --string VALUE (try nix-ast set --help)",
    );
    expectRefused(
      await run(["set", "configuration.nix", "a", "{"]),
      "set: EXPR 1:2: unexpected end of file, expected a binding or '}'",
    );
    expectRefused(
      await run(["set", "configuration.nix", "a", "--json", "[1,]"]),
      "--json:1:4: invalid JSON: expected a value, found ']'",
    );
    expectRefused(
      await run(["set", "configuration.nix", "a", "1", "--frob"]),
      "set: unknown option --frob (try nix-ast set --help)",
    );
    expectRefused(
      await run(["set", "configuration.nix", "users.bob.uid", "1000"]),
      "configuration.nix: users.bob.uid: a dynamic attribute (12:9) may define it: only evaluation tells",
    );
    expectRefused(
      await run(["set", "missing.nix", "a", "1"]),
      "cannot read missing.nix: no such file",
    );
    writeFileSync(join(dir, "bad.nix"), "{ a = 1 }\n");
    const r = await run(["set", "bad.nix", "a", "2"]);
    expect(r.err).toBe("nix-ast: bad.nix:1:9: unexpected '}', expected ';'\n");
    expect(readFileSync(join(dir, "bad.nix"), "utf8")).toBe("{ a = 1 }\n");
  });
});

describe("nix-ast set --append and rm with a value: lists", () => {
  const ports = "networking.firewall.allowedTCPPorts";

  it("appends an item on a line of its own, and removes it again", async () => {
    expect(await run(["set", "--append", "configuration.nix", ports, "22"])).toEqual({
      status: 0,
      out: "",
      err: "",
    });
    expect(file()).toBe(CONFIG.replace("    443\n", "    443\n    22\n"));
    expect((await run(["rm", "configuration.nix", ports, "--json", "22"])).status).toBe(0);
    expect(file()).toBe(CONFIG);
    await run(["rm", "configuration.nix", ports, "80"]);
    expect(file()).toBe(CONFIG.replace("    80\n", ""));
  });

  it("refuses what is not a list, and an item that is not there", async () => {
    expectRefused(
      await run(["set", "--append", "configuration.nix", "services.nginx.enable", "1"]),
      "configuration.nix: services.nginx.enable: not a list written in the file",
    );
    expectRefused(
      await run(["rm", "configuration.nix", ports, "8080"]),
      "configuration.nix: networking.firewall.allowedTCPPorts: the list holds no such item",
    );
  });
});

describe("nix-ast rm", () => {
  it("removes the binding with its comment", async () => {
    expect(await run(["rm", "configuration.nix", API])).toEqual({ status: 0, out: "", err: "" });
    expect(file()).toBe(
      CONFIG.replace(
        '    # the API\n    virtualHosts."example.org".locations."/api/".proxyPass = "http://127.0.0.1:3000";\n',
        "",
      ),
    );
  });

  it("exits 2 naming an absent path", async () => {
    expectRefused(
      await run(["rm", "configuration.nix", 'services.nginx.virtualHosts."example.com"']),
      'configuration.nix: services.nginx.virtualHosts."example.com": no such attribute',
    );
    expectRefused(
      await run(["rm", "configuration.nix"]),
      "rm: missing arguments: expected FILE ATTR.PATH [EXPR] (try nix-ast rm --help)",
    );
  });
});
