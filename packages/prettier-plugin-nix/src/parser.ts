/**
 * The `nix` parser: nix-ast's parser, with its errors as Prettier's syntax errors.
 *
 * @packageDocumentation
 */
import { parse } from "@atbb/nix-ast";
import type { Parser } from "prettier";
import { locEnd, locStart, type NixFile } from "./ast.js";
import { asPrettierErrors } from "./errors.js";
import { hasIgnorePragma, hasPragma } from "./pragma.js";

/** The name of the tree format the parser produces and the printer prints. */
export const AST_FORMAT = "nix-ast";

/** Parses `text` (Prettier has already turned its line ends into `\n`). */
function parseFile(text: string): NixFile {
  const tree = asPrettierErrors(() => parse(text));
  return { type: "NixFile", tree, start: 0, end: text.length };
}

/** The `nix` parser. */
export const nixParser: Parser<NixFile> = {
  parse: parseFile,
  astFormat: AST_FORMAT,
  locStart,
  locEnd,
  hasPragma,
  hasIgnorePragma,
};
