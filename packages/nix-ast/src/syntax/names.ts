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

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_'-]*$/;

const known = new Map<string, boolean>();

/** A name that lexes as an identifier and is not a keyword (so `or` is not one). */
export function isIdentifier(name: string): boolean {
  // Names repeat a lot in large trees (`pname`, `version`, ...): remember the answers.
  let answer = known.get(name);
  if (answer === undefined) {
    answer = IDENTIFIER.test(name) && !KEYWORDS.has(name);
    if (known.size > 4096) known.clear();
    known.set(name, answer);
  }
  return answer;
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
