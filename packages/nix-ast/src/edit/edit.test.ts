/**
 * The editing functions on small sources: every spelling of a path is found, every
 * operation changes exactly the lines it should, and what cannot be told without
 * evaluating is an error, not a guess.
 */
import { describe, expect, it } from "vitest";
import { apply, indented, list, path, ref } from "../ast/builders.js";
import { parse } from "../parser/parser.js";
import { print } from "../printer/print.js";
import { lineDiff } from "../test-support/line-diff.js";
import {
  appendToList,
  getAttr,
  literalValue,
  NixEditError,
  readAttrPath,
  removeAttr,
  removeFromList,
  renameAttr,
  setAttr,
  type EditProblem,
} from "./index.js";

/** The hunks of an edit, without line numbers. */
function changes(before: string, after: string): { removed: string[]; added: string[] }[] {
  return lineDiff(before, after).map(({ removed, added }) => ({
    removed: [...removed],
    added: [...added],
  }));
}

/** The result is in the official format (our printer leaves it unchanged). */
function expectOfficial(text: string): void {
  expect(print(parse(text))).toBe(text);
}

function expectError(f: () => unknown, reason: EditProblem, message: RegExp): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(NixEditError);
  expect((error as NixEditError).reason).toBe(reason);
  expect((error as NixEditError).message).toMatch(message);
}

const value = (text: string, p: string) => literalValue(getAttr(text, p));

describe("locating a path whatever its spelling", () => {
  const spellings: [string, string, string][] = [
    ["dotted", '{ inputs.nixpkgs.url = "u"; }', "inputs.nixpkgs.url"],
    ["nested", '{ inputs = { nixpkgs = { url = "u"; }; }; }', "inputs.nixpkgs.url"],
    ["mixed", '{ inputs = { nixpkgs.url = "u"; }; }', "inputs.nixpkgs.url"],
    ["quoted", '{ "inputs".nixpkgs."url" = "u"; }', "inputs.nixpkgs.url"],
    ["interpolated constant", '{ inputs.${"nixpkgs"}.url = "u"; }', "inputs.nixpkgs.url"],
    ["function body", '{ lib, ... }: { inputs.nixpkgs.url = "u"; }', "inputs.nixpkgs.url"],
    ["let body", 'let x = 1; in { inputs.nixpkgs.url = "u"; }', "inputs.nixpkgs.url"],
    ["rec", 'rec { inputs.nixpkgs.url = "u"; }', "inputs.nixpkgs.url"],
    [
      "lib.mkIf",
      '{ config = lib.mkIf c { inputs.nixpkgs.url = "u"; }; }',
      "config.inputs.nixpkgs.url",
    ],
    [
      "with and assert",
      'with lib; assert true; { inputs.nixpkgs.url = "u"; }',
      "inputs.nixpkgs.url",
    ],
    [
      "a call of a function of a set",
      'stdenv.mkDerivation (finalAttrs: { inputs.nixpkgs.url = "u"; })',
      "inputs.nixpkgs.url",
    ],
    [
      "a name that needs quotes",
      '{ locations."/api/".proxyPass = "u"; }',
      'locations."/api/".proxyPass',
    ],
  ];
  it.each(spellings)("%s", (_, text, p) => {
    expect(value(text, p)).toBe("u");
  });

  it("takes a path as an array of names too", () => {
    expect(value('{ locations."/api/".proxyPass = "u"; }', "locations" as string)).toEqual({
      "/api/": { proxyPass: "u" },
    });
    expect(
      literalValue(
        getAttr('{ locations."/api/".proxyPass = "u"; }', ["locations", "/api/", "proxyPass"]),
      ),
    ).toBe("u");
  });

  it("a set written in several bindings is the set they make", () => {
    const text = "{ a = { b = 1; }; a.c.d = 2; a.c.e = 3; }";
    expect(value(text, "a")).toEqual({ b: 1, c: { d: 2, e: 3 } });
    expect(value(text, "a.c")).toEqual({ d: 2, e: 3 });
  });

  it("an inherited name is the variable, or the selection, it takes", () => {
    const text = "{ inherit version; inherit (pkgs) hello; }";
    expect(print(getAttr(text, "version"))).toBe("version\n");
    expect(print(getAttr(text, "hello"))).toBe("pkgs.hello\n");
  });

  it("a dynamic attribute that may define the path is an error", () => {
    expectError(
      () => getAttr("{ a.b = 1; ${x}.c = 2; }", "a.c"),
      "dynamic",
      /^a\.c: a dynamic attribute \(1:12\) may define it/,
    );
    // one that could only clash with a static definition is no doubt
    expect(value("{ a.b = 1; ${x}.c = 2; }", "a.b")).toBe(1);
    expectError(() => getAttr("{ a = 1; }", "a.${x}"), "dynamic", /^a\.\$\{x\}: a dynamic name/);
  });

  it("a prefix that is not a set written in the file is an error naming it", () => {
    expectError(
      () => getAttr("{ a = import ./a.nix; }", "a.b"),
      "not-a-set",
      /^a\.b: a is not a set written in the file: it is a function call whose last argument is a path \(1:7\)$/,
    );
    expectError(
      () => getAttr("{ a = x // { b = 1; }; }", "a.b"),
      "not-a-set",
      /a is not a set written in the file: it is an update \(\/\/\)/,
    );
    expectError(
      () => getAttr("{ a = if c then { } else { }; }", "a.b"),
      "not-a-set",
      /an if-then-else/,
    );
    expectError(() => getAttr("{ inherit (x) a; }", "a.b"), "not-a-set", /it is inherited \(1:3\)/);
    expectError(
      () => getAttr("[ 1 ]", "a", { file: "list.nix" }),
      "not-a-set",
      /^list\.nix: a: the file's value is not a set but a list \(1:1\)$/,
    );
  });

  it("an absent path is an error naming it", () => {
    expectError(
      () => getAttr("{ a.b = 1; }", "a.c", { file: "f.nix" }),
      "absent",
      /^f\.nix: a\.c: no such attribute$/,
    );
  });
});

describe("setAttr", () => {
  const file = [
    "{",
    "  # the version",
    '  version = "1.0"; # pinned',
    "",
    "  inputs = {",
    '    nixpkgs.url = "github:NixOS/nixpkgs";',
    "  };",
    "  services.nginx.enable = true;",
    "  services.openssh.enable = true;",
    "}",
    "",
  ].join("\n");

  it("replaces a value, keeping the comments around the binding", () => {
    const out = setAttr(file, "version", "1.1");
    expect(changes(file, out)).toEqual([
      { removed: ['  version = "1.0"; # pinned'], added: ['  version = "1.1"; # pinned'] },
    ]);
    expectOfficial(out);
  });

  it("adds a missing name inside the deepest set the file writes", () => {
    const out = setAttr(file, "inputs.agenix.url", "github:ryantm/agenix");
    expect(changes(file, out)).toEqual([
      { removed: [], added: ['    agenix.url = "github:ryantm/agenix";'] },
    ]);
    expect(out).toContain('nixpkgs";\n    agenix.url');
    expectOfficial(out);
  });

  it("adds a dotted binding beside the siblings sharing most of its path", () => {
    const out = setAttr(file, "services.nginx.virtualHosts.a.root", "/srv");
    expect(out).toContain(
      '  services.nginx.enable = true;\n  services.nginx.virtualHosts.a.root = "/srv";\n  services.openssh',
    );
    expect(changes(file, out)).toEqual([
      { removed: [], added: ['  services.nginx.virtualHosts.a.root = "/srv";'] },
    ]);
    const last = setAttr(file, "networking.hostName", "h");
    expect(
      last.endsWith('  services.openssh.enable = true;\n  networking.hostName = "h";\n}\n'),
    ).toBe(true);
  });

  it("adds beside a dotted binding that shares more of the path than a nested set does", () => {
    // Nix merges `programs = { ... }` with `programs.carapace.package` one level deep
    // only: `carapace.x` inside the set would define carapace twice.
    const text =
      "{\n  programs.carapace.package = p;\n  programs = {\n    bash.enable = true;\n  };\n}\n";
    const out = setAttr(text, "programs.carapace.x", 1);
    expect(changes(text, out)).toEqual([{ removed: [], added: ["  programs.carapace.x = 1;"] }]);
    expect(setAttr(text, "programs.zsh.enable", true)).toContain(
      "    bash.enable = true;\n    zsh.enable = true;\n",
    );
  });

  it("lays out a multi-line value in the official format at its indentation", () => {
    const out = setAttr(file, "inputs.nixpkgs.urls", ["a", "b"]);
    expect(changes(file, out)).toEqual([
      { removed: [], added: ["    nixpkgs.urls = [", '      "a"', '      "b"', "    ];"] },
    ]);
    const script = setAttr(file, "inputs.script", indented("echo hi\nexit 0\n"));
    expect(script).toContain("    script = ''\n      echo hi\n      exit 0\n    '';\n");
    expectOfficial(out);
    expectOfficial(script);
  });

  it("takes trees and plain values", () => {
    const out = setAttr(file, "version", apply(ref("lib.fileContents"), path("./VERSION")));
    expect(out).toContain("  version = lib.fileContents ./VERSION; # pinned\n");
    expect(value(setAttr(file, "inputs", { a: { url: "x" } }), "inputs")).toEqual({
      a: { url: "x" },
    });
  });

  it("reprints the enclosing binding where the set is written on one line", () => {
    const text = "{\n  xs = { a = 1; };\n  ys = 2;\n}\n";
    const out = setAttr(text, "xs.b", 2);
    expect(changes(text, out)).toEqual([
      { removed: ["  xs = { a = 1; };"], added: ["  xs = {", "    a = 1;", "    b = 2;", "  };"] },
    ]);
    expect(setAttr("{\n  xs = { };\n}\n", "xs.b", 2)).toBe("{\n  xs = {\n    b = 2;\n  };\n}\n");
    // a file written on one line is reprinted whole; the comment before it stays
    expect(setAttr("# c\n{ a = 1; }\n", "b", 2)).toBe("# c\n{\n  a = 1;\n  b = 2;\n}\n");
  });

  it("replaces a path written in several bindings by one binding", () => {
    const text = "{\n  a.b = 1;\n  x = 0;\n  a.c = 2;\n}\n";
    expect(setAttr(text, "a", 3)).toBe("{\n  a = 3;\n  x = 0;\n}\n");
  });

  it("turns an inherited name into a binding", () => {
    expect(setAttr("{\n  inherit (x) a b;\n}\n", "a", 1)).toBe(
      "{\n  inherit (x) b;\n  a = 1;\n}\n",
    );
    expect(setAttr("{\n  # why\n  inherit a;\n}\n", "a", 1)).toBe("{\n  # why\n  a = 1;\n}\n");
  });

  it("keeps the file's own indentation for the lines it adds", () => {
    const text = "{\n    a = {\n        b = 1;\n    };\n}\n";
    expect(setAttr(text, "a.c", [1, 2])).toBe(
      "{\n    a = {\n        b = 1;\n        c = [\n          1\n          2\n        ];\n    };\n}\n",
    );
    const tabs = "{\n\ta = {\n\t\tb = 1;\n\t};\n}\n";
    expect(setAttr(tabs, "a.c", 2)).toBe("{\n\ta = {\n\t\tb = 1;\n\t\tc = 2;\n\t};\n}\n");
    // an indented string's lines are indented with spaces, so that its value stays
    const s = setAttr(tabs, "a.c", indented("x\ny\n"));
    expect(literalValue(getAttr(s, "a.c"))).toBe("x\ny\n");
  });

  it("keeps a file's CR LF line breaks, except inside a new indented string", () => {
    const crlf = "{\r\n  a = 1;\r\n  b = [\r\n    1\r\n  ];\r\n}\r\n";
    expect(setAttr(crlf, "c", [1, 2])).toBe(
      "{\r\n  a = 1;\r\n  b = [\r\n    1\r\n  ];\r\n  c = [\r\n    1\r\n    2\r\n  ];\r\n}\r\n",
    );
    expect(appendToList(crlf, "b", 2)).toBe(
      "{\r\n  a = 1;\r\n  b = [\r\n    1\r\n    2\r\n  ];\r\n}\r\n",
    );
    expect(removeAttr(crlf, "a")).toBe("{\r\n  b = [\r\n    1\r\n  ];\r\n}\r\n");
    const s = setAttr(crlf, "s", indented("x\ny\n"));
    expect(s).toContain("  s = ''\n    x\n    y\n  '';\r\n}");
    expect(literalValue(getAttr(s, "s"))).toBe("x\ny\n");
  });

  it("refuses to add a name a rec set refers to as a variable", () => {
    expectError(
      () => setAttr("rec { b = c; }", "c", 1),
      "in-use",
      /^c: c is used as a variable in its rec set \(1:1\): adding it would change/,
    );
    expect(setAttr("rec {\n  b = c;\n}\n", "b", 1)).toBe("rec {\n  b = 1;\n}\n");
    // a name the set defines already keeps its meaning
    const text = "rec {\n  a.b = 1;\n  x = a.b;\n}\n";
    expect(setAttr(text, "a.c", 2)).toBe("rec {\n  a.b = 1;\n  a.c = 2;\n  x = a.b;\n}\n");
    expect(removeAttr(setAttr(text, "a.c", 2), "a.b")).toBe("rec {\n  a.c = 2;\n  x = a.b;\n}\n");
    expectError(() => removeAttr(text, "a.b"), "in-use", /^a\.b: a is used as a variable/);
  });
});

describe("removeAttr", () => {
  it("removes the binding with its comments", () => {
    const text = "{\n  a = 1;\n  # about b\n  # more\n  b = 2; # trailing\n  c = 3;\n}\n";
    const out = removeAttr(text, "b");
    expect(changes(text, out)).toEqual([
      { removed: ["  # about b", "  # more", "  b = 2; # trailing"], added: [] },
    ]);
  });

  it("keeps one blank line between the groups around it, and none before the closer", () => {
    const text = "{\n  a = 1;\n\n  b = 2;\n\n  c = 3;\n}\n";
    expect(removeAttr(text, "b")).toBe("{\n  a = 1;\n\n  c = 3;\n}\n");
    expect(removeAttr(text, "c")).toBe("{\n  a = 1;\n\n  b = 2;\n}\n");
    expect(removeAttr("{\n  a = 1;\n\n  b = 2;\n  c = 3;\n}\n", "b")).toBe(
      "{\n  a = 1;\n\n  c = 3;\n}\n",
    );
  });

  it("an emptied set prints as { }", () => {
    expect(removeAttr("{\n  x = {\n    a = 1;\n  };\n}\n", "x.a")).toBe("{\n  x = { };\n}\n");
    expect(removeAttr("{\n  a = 1;\n}\n", "a")).toBe("{ }\n");
  });

  it("removes every definition, and a set only dotted bindings made", () => {
    const text = "{\n  a.b.c = 1;\n  x = 0;\n  a.b.d = 2;\n}\n";
    expect(removeAttr(text, "a.b")).toBe("{\n  x = 0;\n}\n");
    expect(removeAttr(text, "a.b.c")).toBe("{\n  x = 0;\n  a.b.d = 2;\n}\n");
  });

  it("removes a name from an inherit", () => {
    expect(removeAttr("{\n  inherit (x) a b;\n}\n", "a")).toBe("{\n  inherit (x) b;\n}\n");
  });

  it("refuses a name its rec set uses, and an absent one", () => {
    expectError(() => removeAttr("rec {\n  v = 1;\n  s = v;\n}\n", "v"), "in-use", /removing it/);
    expectError(() => removeAttr("{ a = 1; }", "b"), "absent", /^b: no such attribute$/);
  });
});

describe("renameAttr", () => {
  it("renames the name in every binding that defines it", () => {
    const text = "{\n  a.b = 1;\n  a.c = 2;\n  x = {\n    a = 3;\n  };\n}\n";
    expect(renameAttr(text, "a", "z")).toBe(
      "{\n  z.b = 1;\n  z.c = 2;\n  x = {\n    a = 3;\n  };\n}\n",
    );
    expect(renameAttr(text, "x.a", "with space")).toContain('    "with space" = 3;\n');
  });

  it("turns an inherited name into a binding of the inherited value", () => {
    expect(renameAttr("{\n  inherit (pkgs) hello;\n}\n", "hello", "greeter")).toBe(
      "{\n  greeter = pkgs.hello;\n}\n",
    );
  });

  it("refuses a taken name", () => {
    expectError(
      () => renameAttr("{ a = 1; b.c = 2; }", "a", "b"),
      "exists",
      /^a: b is already defined$/,
    );
  });
});

describe("lists", () => {
  const text = "{\n  imports = [\n    ./a.nix\n    # the hardware\n    ./hw.nix\n  ];\n}\n";

  it("appends on a line of its own", () => {
    const out = appendToList(text, "imports", path("./b.nix"));
    expect(changes(text, out)).toEqual([{ removed: [], added: ["    ./b.nix"] }]);
    expect(appendToList(text, "imports", apply(ref("f"), 1))).toContain("    (f 1)\n  ];");
  });

  it("appends to a list written on one line, or empty, by reprinting its binding", () => {
    expect(appendToList("{\n  xs = [ 1 ];\n}\n", "xs", 2)).toBe(
      "{\n  xs = [\n    1\n    2\n  ];\n}\n",
    );
    expect(appendToList("{\n  xs = [ ];\n}\n", "xs", 2)).toBe("{\n  xs = [ 2 ];\n}\n");
  });

  it("appends to the last list of a ++ chain", () => {
    expect(appendToList("{\n  xs = [ 1 ] ++ ys ++ [ ];\n}\n", "xs", 2)).toBe(
      "{\n  xs = [ 1 ] ++ ys ++ [ 2 ];\n}\n",
    );
    expectError(() => appendToList("{ xs = [ 1 ] ++ ys; }", "xs", 2), "not-a-list", /last operand/);
  });

  it("removes every equal item with its comments", () => {
    const out = removeFromList(text, "imports", path("./hw.nix"));
    expect(changes(text, out)).toEqual([
      { removed: ["    # the hardware", "    ./hw.nix"], added: [] },
    ]);
    expect(removeFromList('{\n  xs = [\n    "a"\n    "b"\n    "a"\n  ];\n}\n', "xs", "a")).toBe(
      '{\n  xs = [\n    "b"\n  ];\n}\n',
    );
    expect(removeFromList("{\n  xs = [ (f 1) ];\n}\n", "xs", apply(ref("f"), 1))).toBe(
      "{\n  xs = [ ];\n}\n",
    );
  });

  it("refuses what is not a list, and an item that is not there", () => {
    expectError(() => appendToList("{ xs = 1; }", "xs", 2), "not-a-list", /not a list/);
    expectError(() => appendToList("{ xs.a = 1; }", "xs", 2), "not-a-list", /it is a set/);
    expectError(() => removeFromList("{ xs = [ 1 ]; }", "xs", 2), "no-such-item", /no such item/);
    expect(() => appendToList("{ xs = [ ]; }", "xs", list([1]))).not.toThrow();
  });
});

describe("readAttrPath", () => {
  it.each([
    ["a.b.c", ["a", "b", "c"]],
    ['locations."/api/".proxyPass', ["locations", "/api/", "proxyPass"]],
    ['"a\\"b".c', ['a"b', "c"]],
    ['""', [""]],
    ["foo-bar.x'.or", ["foo-bar", "x'", "or"]],
  ])("%s", (text, names) => expect(readAttrPath(text)).toEqual(names));

  it.each([
    ["", /needs a name/],
    ["a..b", /missing between two dots \(column 3\)/],
    ["a.", /missing after the last/],
    ['a."b', /not closed/],
    ["a b", /unexpected " ", expected '\.'/],
    ["a.1", /quote a name that is not an identifier/],
  ])("refuses %j", (text, message) => expectError(() => readAttrPath(text), "invalid", message));
});

describe("literalValue", () => {
  it("reads literals, and names what is not one", () => {
    expect(
      literalValue(parse('{ a.b = [ 1 "x" true null ]; c = -2.5; d = 9223372036854775807; }')),
    ).toEqual({ a: { b: [1, "x", true, null] }, c: -2.5, d: 9223372036854775807n });
    expect(() => literalValue(parse("{ a = [ 1 ./x ]; }"))).toThrow(
      /a path is not a literal \(at <root> > binding a > value > list item 2\)/,
    );
  });
});
