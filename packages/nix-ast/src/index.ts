/**
 * `@atbb/nix-ast`: the Nix expression language as typed TypeScript values, printed in
 * the official Nix format (nixfmt, RFC 166).
 *
 * @packageDocumentation
 */
export type * from "./ast/nodes.js";
export * from "./ast/builders.js";
export type { Condition } from "./ast/code.js";
export { dotted, type DottedObject } from "./ast/dotted.js";
export type { Marked, Unmarked } from "./ast/mark.js";
export { NixAstError } from "./errors.js";
export { isIdentifier, KEYWORDS } from "./syntax/names.js";
export { print, type PrintOptions } from "./printer/print.js";
export { parse, MAX_NESTING, type ParseOptions } from "./parser/parser.js";
export { NixParseError } from "./parser/error.js";
export { nix, type Hole } from "./parser/quasiquote.js";
export { normalize } from "./parser/normalize.js";
export { fromJson, JsonError, type FromJsonOptions } from "./json/from-json.js";
export * from "./edit/index.js";
/** The NixOS-module helpers, also at `@atbb/nix-ast/nixos`. */
export * as nixos from "./nixos/index.js";
