/**
 * The printer of `nix-ast` trees: nix-ast's own printer, at Prettier's `printWidth`.
 *
 * @packageDocumentation
 */
import { normalize, print } from "@atbb/nix-ast";
import type { Printer } from "prettier";
import type { NixFile } from "./ast.js";
import { asPrettierErrors } from "./errors.js";
import { insertPragma } from "./pragma.js";

/**
 * The printer. The whole file is one string: nix-ast lays it out, so Prettier's own
 * line breaking has nothing left to decide. (A string, not lines joined by Prettier's
 * `hardline`, which would trim trailing spaces inside multi-line strings.) Prettier
 * still turns each `\n` into the `endOfLine` asked for.
 */
export const nixPrinter: Printer<NixFile> = {
  print(path, options) {
    const file = path.node;
    return asPrettierErrors(() => print(file.tree, { width: options.printWidth }));
  },
  // The file is a leaf for Prettier: it has no children to visit for comments,
  // the cursor or ranges.
  getVisitorKeys: () => [],
  // `--debug-check` compares the trees of a file and of its formatted text: what the
  // file means, without comments, blank lines and layout, printed.
  massageAstNode(original: NixFile) {
    return { type: original.type, meaning: print(normalize(original.tree)) };
  },
  insertPragma,
};
