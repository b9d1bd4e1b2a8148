/**
 * Identifiers, keywords and attribute names: when a name may stand bare and when it
 * must be quoted.
 */
import { escapeDoubleQuoted } from "./strings.js";

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

/** A name that lexes as an identifier and is not a keyword (so `or` is not one). */
export function isIdentifier(name: string): boolean {
  // `[A-Za-z_][A-Za-z0-9_'-]*`, by character codes: this runs for every name of a large
  // tree, and a loop over a short name beats both a regular expression and a cache.
  const n = name.length;
  if (n === 0) return false;
  let c = name.charCodeAt(0);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return false;
  for (let i = 1; i < n; i++) {
    c = name.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) continue;
    if (c !== 95 && c !== 39 && c !== 45) return false;
  }
  return n > 7 || !KEYWORDS.has(name);
}

/**
 * An attribute name as written in a binding, a selection or `inherit`: bare when it is
 * an identifier (and not asked to be quoted), else a double-quoted string: `"or"`,
 * `"let"`, `"foo.bar"`, `""`, `"with space"`, `"\${x}"`.
 *
 * @param quoted - keep the quotes even on an identifier (a layout fact from the source).
 */
export function formatAttrName(name: string, quoted = false): string {
  return isIdentifier(name) && !quoted ? name : `"${escapeDoubleQuoted(name, false)}"`;
}
