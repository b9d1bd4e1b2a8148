/**
 * Edits of Nix files that change only what was asked: find an attribute by its path,
 * whatever its spelling, and replace, add, remove or rename it, or change a list; the
 * changed binding is laid out in the official format, the rest of the text stays as it
 * was, byte for byte.
 *
 * @packageDocumentation
 */
export {
  appendToList,
  getAttr,
  removeAttr,
  removeFromList,
  renameAttr,
  setAttr,
  type EditOptions,
} from "./edit.js";
export { NixEditError, type EditProblem } from "./error.js";
export { literalJson, literalValue, type LiteralValue } from "./literal.js";
export { readAttrPath, showAttrPath, type AttrPathInput } from "./path.js";
