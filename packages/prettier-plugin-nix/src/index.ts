/**
 * `prettier-plugin-nix`: Prettier formats `.nix` files in the official Nix format
 * (nixfmt, RFC 166), with nix-ast's parser and printer, so its output is byte for byte
 * what `nix-ast fmt` writes.
 *
 * @example
 * ```json
 * { "plugins": ["prettier-plugin-nix"] }
 * ```
 *
 * @packageDocumentation
 */
import type { Plugin, SupportLanguage } from "prettier";
import type { NixFile } from "./ast.js";
import { AST_FORMAT, nixParser } from "./parser.js";
import { nixPrinter } from "./printer.js";

export type { NixFile } from "./ast.js";

/** Nix, for `.nix` files; `vscodeLanguageIds` lets editor extensions offer it. */
export const languages: SupportLanguage[] = [
  {
    name: "Nix",
    parsers: ["nix"],
    extensions: [".nix"],
    tmScope: "source.nix",
    aceMode: "nix",
    vscodeLanguageIds: ["nix"],
  },
];

/** The `nix` parser. */
export const parsers: Plugin<NixFile>["parsers"] = { nix: nixParser };

/** The printer of what the `nix` parser produces. */
export const printers: Plugin<NixFile>["printers"] = { [AST_FORMAT]: nixPrinter };

/**
 * nixfmt's width, 100, where Prettier's would be 80. Prettier fills in a plugin's
 * defaults only for options the user left unset, so a `printWidth` given anywhere
 * (configuration, an `overrides` entry, `.editorconfig`, `--print-width`) still wins.
 */
export const defaultOptions: Plugin<NixFile>["defaultOptions"] = { printWidth: 100 };

/** The plugin, as one object (Prettier also reads the named exports). */
const plugin: Plugin<NixFile> = { languages, parsers, printers, defaultOptions };
export default plugin;
