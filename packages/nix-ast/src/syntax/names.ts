/**
 * Identifiers, keywords and attribute names: when a name may stand bare and when it
 * must be quoted.
 */

/** Nix's keywords. `or` is one too, though Nix accepts it as a name in some places. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  "assert",
  "else",
  "if",
  "in",
  "inherit",
  "let",
  "or",
  "rec",
  "then",
  "with",
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_'-]*$/;

/** A name that lexes as an identifier and is not a keyword (so `or` is not one). */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name);
}
