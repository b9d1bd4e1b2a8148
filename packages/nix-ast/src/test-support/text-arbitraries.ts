/**
 * fast-check generators of text that is hard to write in Nix: full Unicode (but NUL),
 * biased hard towards the pieces that Nix's string lexers treat specially.
 *
 * @packageDocumentation
 */
import fc from "fast-check";

/** Pieces that Nix's lexers treat specially, or that indentation stripping sees. */
export const NASTY_PIECES: readonly string[] = [
  '"',
  "\\",
  "$",
  "$$",
  "${",
  "$${",
  "$$${",
  "{",
  "}",
  "'",
  "''",
  "'''",
  "''''",
  "''$",
  "''${",
  "''\\",
  "'$",
  "$'",
  "\\$",
  "\\n",
  "${x}",
  " ",
  "  ",
  "    ",
  "\t",
  " \t",
  "\r",
  "\r\n",
  "\n",
  "\n\n",
  "\n  ",
  "  \n",
  "\n \n",
  "\x01",
  "\x1b[0m",
  "\x7f",
  "\u00a0",
  "\u2028",
  "é",
  "\u{1F600}",
  "#",
  "/*",
  ";",
  "a",
  "x",
];

/** One code point from all of Unicode, NUL excluded. */
export const anyCodePoint: fc.Arbitrary<string> = fc
  .string({ unit: "binary", minLength: 1, maxLength: 1 })
  .map((c) => (c === "\0" ? "\x01" : c));

/** A piece of nasty text: mostly special pieces, some arbitrary Unicode, some letters. */
export const nastyPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_PIECES) },
  { weight: 2, arbitrary: anyCodePoint },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 4 }) },
);

/** Text of any Unicode code points but NUL, biased towards {@link NASTY_PIECES}. */
export function nastyText(maxPieces = 12): fc.Arbitrary<string> {
  return fc.array(nastyPiece, { maxLength: maxPieces }).map((ps) => ps.join(""));
}
