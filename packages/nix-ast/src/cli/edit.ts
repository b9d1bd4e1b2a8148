/**
 * `nix-ast get`, `set` and `rm`: read or change one attribute of a Nix file, leaving the
 * rest of the file as it was, byte for byte.
 *
 * @packageDocumentation
 */
import { resolve } from "node:path";
import { str } from "../ast/builders.js";
import type { Expr } from "../ast/nodes.js";
import {
  appendToList,
  getAttr,
  literalJson,
  literalValue,
  removeAttr,
  removeFromList,
  setAttr,
} from "../edit/index.js";
import { NixAstError } from "../errors.js";
import { fromJson } from "../json/from-json.js";
import { NixParseError } from "../parser/error.js";
import { parse } from "../parser/parser.js";
import { print } from "../printer/print.js";
import { UsageError, type Command } from "./command.js";
import { decodeUtf8, writeAtomic } from "./fmt/file-job.js";
import { readInput } from "./from-json.js";
import type { CliIo } from "./io.js";

const PATHS = `ATTR.PATH is an attribute path as Nix writes it: names joined by dots, quoted
where they are not identifiers (quote the whole argument for the shell):
  'services.nginx.virtualHosts."example.org".locations."/api/".proxyPass'
It is found whatever its spelling in the file: dotted (a.b.c = ...), nested
(a = { b.c = ...; }), or both, in the set the file gives, through a function's
body ({ lib, ... }: { ... }), a let, with or assert body, and a call's last
argument (lib.mkIf cond { ... }, stdenv.mkDerivation (finalAttrs: { ... })).`;

const ERRORS = `Exit status 2, with one line naming the path, when it is absent, when a dynamic
attribute (\${name} = ...) may define it, when a part of it is not a set written
in the file, or when FILE cannot be read or parsed.`;

/** Arguments split into positionals and `--name value` options. */
function parseArgs(
  command: string,
  args: readonly string[],
  valued: readonly string[],
  flags: readonly string[],
): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    // `-1` is a Nix expression, `-` standard input: only `--name` is an option.
    if (!arg.startsWith("--")) positional.push(arg);
    else if (flags.includes(arg)) options.set(arg, true);
    else if (valued.includes(arg)) {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${command}: ${arg} needs a value`);
      options.set(arg, value);
    } else
      throw new UsageError(`${command}: unknown option ${arg} (try nix-ast ${command} --help)`);
  }
  return { positional, options };
}

function expectCount(command: string, positional: readonly string[], names: string): void {
  const want = names.split(" ").length;
  if (positional.length !== want) {
    const what = positional.length < want ? "missing arguments" : "too many arguments";
    throw new UsageError(`${command}: ${what}: expected ${names} (try nix-ast ${command} --help)`);
  }
}

/** The text of FILE (standard input for `-`), with the name errors should use. */
async function readSource(file: string, io: CliIo): Promise<{ name: string; text: string }> {
  const input = await readInput(file, io);
  const text = decodeUtf8(input.bytes);
  if (text === undefined) throw new UsageError(`${input.name}: not valid UTF-8`);
  return { name: input.name, text };
}

/** Runs an edit, turning a parse error of the file into one line. */
function editing<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof NixParseError) {
      throw new UsageError(
        `${e.file === undefined ? "" : `${e.file}:`}${e.line}:${e.column}: ${e.message}`,
      );
    }
    throw e;
  }
}

/** Writes the edited text back (atomically), or to standard output for `-`. */
async function writeBack(file: string, before: string, after: string, io: CliIo): Promise<void> {
  if (file === "-") {
    io.stdout.write(after);
    return;
  }
  if (after === before) return;
  try {
    writeAtomic(resolve(io.cwd, file), after);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/** The `get` subcommand. */
export const getCommand: Command = {
  name: "get",
  summary: "print the value of an attribute of a Nix file (--json for a literal's JSON)",
  help: `Usage: nix-ast get [--json] FILE ATTR.PATH

Prints the value of the attribute ATTR.PATH of the Nix file FILE (standard input for
-) in the official Nix format, comments included. An attribute written in several
bindings (a.b = 1; a.c = 2; for a) prints as the set they make.

  --json   print its JSON value instead, when it is a literal (numbers, strings
           without interpolation, true, false, null, lists and sets of them)

${PATHS}

${ERRORS} With --json, also when the value is not a literal.
`,
  async run(args, io) {
    const { positional, options } = parseArgs("get", args, [], ["--json"]);
    expectCount("get", positional, "FILE ATTR.PATH");
    const [file, path] = positional as [string, string];
    const source = await readSource(file, io);
    const value = editing(() => getAttr(source.text, path, { file: source.name }));
    if (!options.has("--json")) {
      io.stdout.write(print(value));
      return 0;
    }
    try {
      io.stdout.write(literalJson(literalValue(value)) + "\n");
    } catch (e) {
      if (!(e instanceof NixAstError)) throw e;
      throw new UsageError(`${source.name}: ${path}: no JSON value: ${e.message}`);
    }
    return 0;
  },
};

/** The value options of `set` and `rm`. */
const VALUE_OPTIONS = ["--json", "--string"];

const VALUE_HELP = `EXPR is Nix source (quote it for the shell: '"a string"', '[ ./a.nix ]'); --json
VALUE gives a JSON value instead, --string VALUE a string.`;

/**
 * The value of `set` or `rm`: Nix source (the third argument), `--json VALUE` or
 * `--string VALUE`; undefined when none is given and none is `required`.
 */
function givenValue(
  command: string,
  positional: readonly string[],
  options: Map<string, string | true>,
  required: boolean,
): Expr | undefined {
  const json = options.get("--json");
  const string = options.get("--string");
  const given = [positional.length > 2, json !== undefined, string !== undefined].filter(Boolean);
  if (given.length > 1 || (required && given.length === 0)) {
    const problem = given.length === 0 ? "the value is missing" : "the value is given twice";
    throw new UsageError(
      `${command}: ${problem}: give EXPR (Nix source), --json VALUE or --string VALUE (try nix-ast ${command} --help)`,
    );
  }
  if (typeof json === "string") return fromJson(json, { file: "--json" });
  if (typeof string === "string") return str(string);
  if (positional.length <= 2) return undefined;
  try {
    return parse(positional[2]!, { file: "EXPR" });
  } catch (e) {
    if (e instanceof NixParseError) {
      throw new UsageError(`${command}: EXPR ${e.line}:${e.column}: ${e.message}`);
    }
    throw e;
  }
}

/** FILE and ATTR.PATH, then perhaps EXPR: the arguments of `set` and `rm`. */
function fileAndPath(
  command: string,
  positional: readonly string[],
  value: string,
): [string, string] {
  if (positional.length < 2 || positional.length > 3) {
    expectCount(command, positional, `FILE ATTR.PATH ${value}`);
  }
  return positional as unknown as [string, string];
}

/** The `set` subcommand. */
export const setCommand: Command = {
  name: "set",
  summary: "set an attribute of a Nix file (--append: add to a list), changing only its binding",
  help: `Usage: nix-ast set [--append] FILE ATTR.PATH EXPR
       nix-ast set [--append] FILE ATTR.PATH --json VALUE
       nix-ast set [--append] FILE ATTR.PATH --string VALUE

Sets the attribute ATTR.PATH of the Nix file FILE to a value, in place: an existing
binding gets the new value; a missing attribute is added inside the deepest set of its
path the file writes, beside the bindings that share most of its path. The changed
binding is laid out in the official Nix format at its place; the rest of the file is
unchanged, byte for byte. The write is atomic (a temporary file renamed over FILE).
With FILE -, reads standard input and writes the result to standard output.

  --append   add the value at the end of the list ATTR.PATH instead (on a line of
             its own when the list is written across lines)

${VALUE_HELP}

${PATHS}

${ERRORS} With --append, also when it is not a list written in the file.
`,
  async run(args, io) {
    const { positional, options } = parseArgs("set", args, VALUE_OPTIONS, ["--append"]);
    const [file, path] = fileAndPath("set", positional, "EXPR");
    const value = givenValue("set", positional, options, true)!;
    const source = await readSource(file, io);
    const edit = options.has("--append") ? appendToList : setAttr;
    const text = editing(() => edit(source.text, path, value, { file: source.name }));
    await writeBack(file, source.text, text, io);
    return 0;
  },
};

/** The `rm` subcommand. */
export const rmCommand: Command = {
  name: "rm",
  summary: "remove an attribute of a Nix file with its comments (or items of a list)",
  help: `Usage: nix-ast rm FILE ATTR.PATH
       nix-ast rm FILE ATTR.PATH EXPR
       nix-ast rm FILE ATTR.PATH --json VALUE | --string VALUE

Removes the attribute ATTR.PATH from the Nix file FILE, in place: every binding that
defines it goes, with the comments before it and at the end of its line (a name in an
inherit goes from the list). A set that only the removed dotted bindings made goes too
(a.b of a.b.c = 1;); a set written as { ... } stays, even empty. The write is atomic.
With FILE -, reads standard input and writes the result to standard output.

Given a value, removes instead the items of the list ATTR.PATH equal to it (compared
as Nix reads them, layout and comments aside), each with its comments.

${VALUE_HELP}

${PATHS}

${ERRORS} Given a value, also when ATTR.PATH is not a list written in the file or
holds no such item.
`,
  async run(args, io) {
    const { positional, options } = parseArgs("rm", args, VALUE_OPTIONS, []);
    const [file, path] = fileAndPath("rm", positional, "[EXPR]");
    const item = givenValue("rm", positional, options, false);
    const source = await readSource(file, io);
    const text = editing(() =>
      item === undefined
        ? removeAttr(source.text, path, { file: source.name })
        : removeFromList(source.text, path, item, { file: source.name }),
    );
    await writeBack(file, source.text, text, io);
    return 0;
  },
};
