/**
 * How a string node is written: its kind, and its lines of source text (already escaped)
 * and interpolations. The text is the node's {@link Str.source} when it still reads as the
 * node's value (the official format keeps a string as written), else the value escaped.
 */
import type { AttrName, Expr, Str, StringPart } from "../ast/nodes.js";
import { formatAttrName } from "../syntax/names.js";
import { mergeText } from "../ast/builders.js";
import { readSource, sameShape } from "../parser/string-source.js";
import { escapeDoubleQuoted, indentedStringLines, type IndentedLine } from "../syntax/strings.js";

/** A string as printed. */
export interface StringForm {
  readonly style: "double" | "indented";
  /**
   * The lines: text as it appears in the source, and interpolations. A double-quoted string
   * has more than one only when written with raw newlines.
   */
  readonly lines: readonly IndentedLine[];
}

/**
 * A newline inside a double-quoted string, as the document holds it until the text is
 * final: the layout must not indent the line after it (it is part of the string), and
 * counts it as one column, as the official format does. NUL never occurs in Nix source.
 */
export const RAW_NEWLINE = "\0";

const forms = new WeakMap<Str, StringForm>();

/** How `s` is written (computed once per node). */
export function stringForm(s: Str): StringForm {
  let f = forms.get(s);
  if (f === undefined) {
    f = computeForm(s);
    forms.set(s, f);
  }
  return f;
}

function computeForm(s: Str): StringForm {
  const source = s.source;
  if (source !== undefined && s.style !== undefined) {
    const fromSource = sourceForm(s.style, source, s.parts);
    if (fromSource !== undefined) return fromSource;
  }
  if (valueStyle(s) === "double") return { style: "double", lines: [escapedLine(s.parts)] };
  return { style: "indented", lines: indentedStringLines(s.parts) };
}

/** The form written from the source text, or undefined when it no longer reads as `parts`. */
function sourceForm(
  style: "double" | "indented",
  source: readonly StringPart[],
  parts: readonly StringPart[],
): StringForm | undefined {
  const read = readSource(style, source);
  if (read === undefined || !sameShape(read, parts)) return undefined;
  if (style === "indented") {
    const oneLine = !source.some((p) => typeof p === "string" && p.includes("\n"));
    if (oneLine && !source.some((p) => typeof p === "string" && /["\\]/.test(p))) {
      // The official format writes a one-line indented string without `"` or `\` as a
      // double-quoted one: `''$` becomes `\$`, `'''` becomes `''`.
      const double = source.map((p) =>
        typeof p === "string" ? p.replace(/''\$|'''/g, (m) => (m === "''$" ? "\\$" : "''")) : p,
      );
      const asDouble = sourceForm("double", double, parts);
      if (asDouble !== undefined) return asDouble;
    }
  }
  return { style, lines: splitLines(source) };
}

/** The pieces of a string at its newlines, adjacent text joined. */
function splitLines(parts: readonly StringPart[]): IndentedLine[] {
  const lines: (string | Expr)[][] = [[]];
  for (const p of mergeText(parts)) {
    if (typeof p !== "string") {
      lines[lines.length - 1]!.push(p);
      continue;
    }
    p.split("\n").forEach((piece, k) => {
      if (k > 0) lines.push([]);
      if (piece !== "") lines[lines.length - 1]!.push(piece);
    });
  }
  return lines;
}

/** The kind a string is written as, from its value (no source): see docs/nixfmt-style.md. */
function valueStyle(s: Str): "double" | "indented" {
  const multiline = s.parts.some((p) => typeof p === "string" && p.includes("\n"));
  if (s.style === "double") return "double";
  if (s.style === "indented") {
    // The official format turns a one-line indented string without `"` or `\` into a
    // double-quoted one.
    if (multiline) return "indented";
    const plain = s.parts.every((p) => typeof p !== "string" || !/["\\]/.test(p));
    return plain ? "double" : "indented";
  }
  return multiline ? "indented" : "double";
}

/** A double-quoted string's value as one line of escaped text and interpolations. */
export function escapedLine(raw: readonly StringPart[]): (string | Expr)[] {
  const parts = mergeText(raw);
  return parts.map((p, i) => {
    if (typeof p !== "string") return p;
    const next = parts[i + 1];
    return escapeDoubleQuoted(p, next !== undefined && typeof next !== "string");
  });
}

/** A static attribute name as written: its source between quotes while it reads as the name. */
export function attrNameText(n: Extract<AttrName, { kind: "name" }>): string {
  if (n.source !== undefined) {
    const read = readSource("double", [n.source]);
    if (read !== undefined && read.length <= 1 && (read[0] ?? "") === n.name)
      return `"${n.source}"`;
  }
  return formatAttrName(n.name, n.quoted ?? false);
}
