/**
 * The comments of a tree, as sorted texts (kept in the library for `nix-ast fmt
 * --verify`; re-exported here for the tests).
 */
export { commentTexts } from "../ast/comment-texts.js";
