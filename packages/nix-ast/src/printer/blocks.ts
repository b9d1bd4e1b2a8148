/**
 * The printer's fast path. A set or list that always expands lays out the same wherever
 * it stands: width is measured without indentation, and it starts with its opening
 * bracket on the current line. Such a set of plain data is written straight to text,
 * without the document IR; bindings and items that are not plain data go through the IR
 * one by one (`GeneralPath`). Any problem (a bad value, a comment) gives up, and the IR,
 * which reports it with its location, takes over. `blocks.test.ts` proves the two paths
 * lay out alike.
 *
 * It reads plain JavaScript values as well as nodes, exactly as `toExpr` would convert
 * them, so that `print(data)` need not build a tree first.
 */
import { isNode, toExpr, type ExprLike } from "../ast/builders.js";
import type { Attrs, Binding, Expr, List } from "../ast/nodes.js";
import { checkFloat, checkInt, checkNoNul } from "../ast/validate.js";
import { NixAstError } from "../errors.js";
import { floatLiteral, formatFloat, formatInt, intLiteral } from "../syntax/numbers.js";
import { escapeDoubleQuoted } from "../syntax/strings.js";
import { stringForm } from "./strings.js";
import { formatAttrName, isIdentifier } from "../syntax/names.js";
import type { Position } from "../syntax/precedence.js";
import { hasClosingTrivia, hasComments, operand } from "./classify.js";
import { type Doc, fixup, group, indentLines, layout, width } from "./doc.js";

/** What the fast path asks of the document IR. */
export interface GeneralPath {
  /** A binding's document at level 0. */
  binding(b: Binding): Doc;
  /** A list item's document at level 0, with any parentheses it needs. */
  item(item: Expr): Doc;
  /** Refuses names defined twice. */
  checkBindings(bs: readonly Binding[]): void;
}

/** A plain JavaScript object standing for a set (what `toExpr` makes a set of). */
type PlainObject = { readonly [name: string]: ExprLike | undefined };

const LIST_ITEM: Position = { kind: "listItem" };

export class BlockWriter {
  /** The text written so far by the current {@link run}: `large`, `chunks`, then `out`. */
  private large: string[] = [];
  private chunks: string[] = [];
  private out = "";

  constructor(
    private readonly width: number,
    private readonly general: GeneralPath,
  ) {}

  /**
   * The text of an expanded set or list (lines joined by `\n`, indentation relative to
   * its first line), or undefined when it is not plain enough for the fast path.
   */
  write(e: Attrs | List): string | undefined {
    return this.run(e)?.slice(0, -1);
  }

  /**
   * The text of a whole file (ending with a newline) that is a set or list which expands,
   * node or plain value, as `print` lays it out; else undefined. For a large file this
   * saves copying its text through the IR's layout.
   */
  writeFile(value: ExprLike): string | undefined {
    if (typeof value !== "object" || value === null) return undefined;
    if (Array.isArray(value)) return value.length >= 2 ? this.run(value) : undefined;
    if (isNode(value)) {
      // As `Pretty.attrs` and `Pretty.list` decide at the top, where a set is not wide.
      if (value.trivia || (value.kind !== "attrs" && value.kind !== "list")) return undefined;
      const n = value.kind === "attrs" ? value.bindings.length : value.items.length;
      return n >= 2 || (n === 1 && value.multiline) ? this.run(value) : undefined;
    }
    // Listing the names of a large object costs: list them once.
    const keys = Object.keys(value);
    const o = value as PlainObject;
    let n = 0;
    for (let i = 0; i < keys.length && n < 2; i++) if (o[keys[i]!] !== undefined) n++;
    return n >= 2 ? this.run(value, keys) : undefined;
  }

  private run(v: ExprLike, keys?: readonly string[]): string | undefined {
    // The IR may call back into the fast path (a set inside a binding it writes): keep
    // the text of the outer call.
    const [savedLarge, savedChunks, savedOut] = [this.large, this.chunks, this.out];
    this.large = [];
    this.chunks = [];
    this.out = "";
    try {
      if (!this.block(v, "", "", "", keys)) return undefined;
      this.chunks.push(this.out);
      this.large.push(this.chunks.join(""));
      return this.large.join("");
    } catch (error) {
      if (error instanceof NixAstError) return undefined;
      throw error;
    } finally {
      this.large = savedLarge;
      this.chunks = savedChunks;
      this.out = savedOut;
    }
  }

  /**
   * Moves the text written so far to a finished chunk once it is long. Appending builds
   * a string of many small pieces; reading a character makes V8 copy it into one, so
   * that the pieces die young instead of surviving (and being copied by) every
   * collection until the end: this halves the time of large outputs.
   */
  private flush(): void {
    if (this.out.length > 16_384) {
      this.out.charCodeAt(0);
      this.chunks.push(this.out);
      this.out = "";
      if (this.chunks.length === 16) {
        this.large.push(this.chunks.join(""));
        this.chunks = [];
      }
    }
  }

  // The writers below append lines to `out`, each ending with "\n". `head` is what the
  // first line starts with (its indentation, and `name = ` for a binding's value), `tail`
  // what follows the closing bracket (`;` for a binding's value).

  /**
   * A set or list (node or plain), or false when a node has comments to keep. `keys`:
   * the names of a plain object, when known already.
   */
  private block(
    v: ExprLike,
    ind: string,
    head: string,
    tail: string,
    keys?: readonly string[],
  ): boolean {
    if (Array.isArray(v)) {
      const items = v as readonly ExprLike[];
      return !anyItemComments(items) && this.items(items, ind, head, tail);
    }
    const e = v as Expr | PlainObject;
    if (!isNode(e)) {
      this.out += head + "{\n";
      const inner = ind + "  ";
      for (const key of keys ?? Object.keys(e)) {
        const value = e[key];
        if (value === undefined) continue;
        checkNoNul(key, []);
        if (!this.entry(key, false, value, inner)) {
          const b: Binding = {
            kind: "assign",
            path: [{ kind: "name", name: key }],
            value: toExpr(value),
          };
          this.standalone(this.general.binding(b), inner);
        }
        this.flush();
      }
      this.out += ind + "}" + tail + "\n";
      return true;
    }
    if (e.kind === "attrs") {
      if (hasClosingTrivia(e) || anyTrivia(e.bindings)) return false;
      this.general.checkBindings(e.bindings);
      this.out += head + (e.rec ? "rec {\n" : "{\n");
      const inner = ind + "  ";
      for (const b of e.bindings) {
        this.bindingBlock(b, inner);
        this.flush();
      }
      this.out += ind + "}" + tail + "\n";
      return true;
    }
    const items = (e as List).items;
    if (hasClosingTrivia(e as List) || anyItemComments(items)) return false;
    return this.items(items, ind, head, tail);
  }

  /** A list's items (of a node or a plain array) between brackets. */
  private items(items: readonly ExprLike[], ind: string, head: string, tail: string): true {
    this.out += head + "[\n";
    const inner = ind + "  ";
    for (let i = 0; i < items.length; i++) {
      this.itemBlock(items[i]!, inner);
      this.flush();
    }
    this.out += ind + "]" + tail + "\n";
    return true;
  }

  private bindingBlock(b: Binding, ind: string): void {
    if (b.kind === "assign" && b.path.length === 1) {
      const n = b.path[0];
      // A name kept as written (`"a\.b"`) is the IR's to write.
      if (
        n.kind === "name" &&
        !n.bare &&
        n.source === undefined &&
        this.entry(n.name, n.quoted ?? false, b.value, ind)
      )
        return;
    }
    this.standalone(this.general.binding(b), ind);
  }

  /** `name = value;` (the name static), or false when the IR must write it. */
  private entry(name: string, quoted: boolean, v: ExprLike, ind: string): boolean {
    if (quoted || !isIdentifier(name)) {
      // A name that needs quotes lays out like an identifier only before a block.
      if (!this.isValueBlock(v, true)) return false;
      checkNoNul(name, []);
      return this.block(v, ind, ind + formatAttrName(name, quoted) + " = ", ";");
    }
    const flat = this.flat(v);
    if (flat !== undefined) {
      // A string stays on the `=` line; other literals move below it when they do not fit.
      if (flat.charCodeAt(0) === 0x22 || fitsWidth(this.width, name, flat, 4)) {
        this.out += ind + name + " = " + flat + ";\n";
      } else this.out += ind + name + " =\n" + ind + "  " + flat + ";\n";
      return true;
    }
    const compact = this.compactSingle(v, false);
    if (compact !== undefined && fitsWidth(this.width, name, compact, 4)) {
      this.out += ind + name + " = " + compact + ";\n";
      return true;
    }
    if (compact !== undefined || this.isValueBlock(v, true)) {
      return this.block(v, ind, ind + name + " = ", ";");
    }
    return false;
  }

  private itemBlock(item: ExprLike, ind: string): void {
    const node = asNode(item);
    if (node === undefined || operand(node, LIST_ITEM) === node) {
      const flat = this.flat(item);
      if (flat !== undefined) {
        this.out += ind + flat + "\n";
        return;
      }
      const compact = this.compactSingle(item, true);
      if (compact !== undefined && fitsWidth(this.width, "", compact, 0)) {
        this.out += ind + compact + "\n";
        return;
      }
      if (
        (this.isValueBlock(item, false) || compact !== undefined) &&
        this.block(item, ind, ind, "")
      )
        return;
    }
    const e = node ?? toExpr(item);
    this.standalone(this.general.item(e), ind);
  }

  /**
   * The one-line form of a one-item list of a literal (`[ "x" ]`), or, as a list item, of a
   * set of one `name = literal;` (`{ a = 1; }`): kept on one line when it fits, expanded
   * otherwise.
   */
  private compactSingle(v: ExprLike, asItem: boolean): string | undefined {
    if (typeof v !== "object" || v === null) return undefined;
    if (Array.isArray(v)) {
      const flat = v.length === 1 ? this.flatItem(v[0] as ExprLike) : undefined;
      return flat && `[ ${flat} ]`;
    }
    const e = v as Expr | PlainObject;
    if (!isNode(e)) {
      if (!asItem || definedCount(e, 2) !== 1) return undefined;
      for (const key of Object.keys(e)) {
        const value = e[key];
        if (value === undefined) continue;
        const flat = isIdentifier(key) ? this.flat(value) : undefined;
        return flat && `{ ${key} = ${flat}; }`;
      }
      return undefined;
    }
    if (e.trivia) return undefined;
    if (e.kind === "list" && e.items.length === 1 && !e.multiline && !hasClosingTrivia(e)) {
      const flat = this.flatItem(e.items[0]!);
      return flat && `[ ${flat} ]`;
    }
    if (asItem && e.kind === "attrs" && e.bindings.length === 1 && !e.multiline && !e.rec) {
      const b = e.bindings[0]!;
      if (hasClosingTrivia(e) || b.trivia || b.kind !== "assign") return undefined;
      const n = b.path[0];
      if (b.path.length !== 1 || n.kind !== "name" || n.quoted || !isIdentifier(n.name)) {
        return undefined;
      }
      const flat = this.flat(b.value);
      return flat && `{ ${n.name} = ${flat}; }`;
    }
    return undefined;
  }

  /** {@link flat} of a list item that needs no parentheses. */
  private flatItem(item: ExprLike): string | undefined {
    const node = asNode(item);
    return node === undefined || operand(node, LIST_ITEM) === node ? this.flat(item) : undefined;
  }

  /**
   * Whether `v` is a set or list of plain layout that expands in this place (a binding's
   * value when `wide`): it can be written as a block.
   */
  private isValueBlock(v: ExprLike, wide: boolean): boolean {
    if (typeof v !== "object" || v === null) return false;
    if (Array.isArray(v)) return v.length >= 2;
    const e = v as Expr | PlainObject;
    if (!isNode(e)) {
      const n = definedCount(e, 2);
      return (wide && n > 0) || n >= 2;
    }
    if (e.trivia) return false;
    if (e.kind === "attrs") {
      if (hasClosingTrivia(e) || anyTrivia(e.bindings)) return false;
      const n = e.bindings.length;
      const onlyInherit = n === 1 && e.bindings[0]!.kind === "inherit";
      return (wide && n > 0 && !onlyInherit) || n >= 2;
    }
    if (e.kind === "list") {
      return e.items.length >= 2 && !hasClosingTrivia(e) && !anyItemComments(e.items);
    }
    return false;
  }

  /** The text of a literal that prints on one line (no allocation beyond the text). */
  private flat(v: ExprLike): string | undefined {
    switch (typeof v) {
      case "string":
        return flatString(v);
      case "number":
        // As `toExpr` reads it: a safe integer is an integer, anything else a float.
        if (v < 0 || Object.is(v, -0)) return Number.isSafeInteger(v) ? zeroOrNone(v) : undefined;
        if (Number.isSafeInteger(v)) return String(v);
        checkFloat(v, []);
        return formatFloat(v);
      case "bigint":
        if (v < 0n) return undefined;
        checkInt(v, []);
        return formatInt(v);
      case "boolean":
        return v ? "true" : "false";
      case "object":
        break;
      default:
        return undefined;
    }
    if (v === null) return "null";
    if (Array.isArray(v)) return v.length === 0 ? "[ ]" : undefined;
    const e = v as Expr | PlainObject;
    if (!isNode(e)) return definedCount(e, 1) === 0 ? "{ }" : undefined;
    if (e.trivia) return undefined;
    switch (e.kind) {
      case "var":
        return isIdentifier(e.name) ? e.name : undefined;
      case "int":
        if (e.value < 0n) return undefined;
        checkInt(e.value, []);
        return intLiteral(e.value, e.source);
      case "float":
        if (e.value < 0 || Object.is(e.value, -0)) return undefined;
        checkFloat(e.value, []);
        return floatLiteral(e.value, e.source);
      case "string": {
        if (e.language !== undefined) return undefined;
        if (e.source !== undefined) {
          // Written as the file wrote it (see `strings.ts`): one line of text only.
          const f = stringForm(e);
          const t = f.lines.length === 1 ? f.lines[0]! : undefined;
          if (f.style !== "double" || t === undefined || t.length > 1) return undefined;
          const only = t.length === 0 ? "" : t[0];
          return typeof only === "string" ? '"' + only + '"' : undefined;
        }
        const parts = e.parts;
        const t = parts.length === 0 ? "" : parts.length === 1 ? parts[0] : undefined;
        return typeof t === "string" && e.style !== "indented" ? flatString(t) : undefined;
      }
      case "attrs":
        return e.bindings.length === 0 && !e.multiline && !e.rec && !e.closingComments?.length
          ? "{ }"
          : undefined;
      case "list":
        return e.items.length === 0 && !e.multiline && !e.closingComments?.length
          ? "[ ]"
          : undefined;
      default:
        return undefined;
    }
  }

  /** A document laid out on its own, starting a line, added as lines indented by `ind`. */
  private standalone(doc: Doc, ind: string): void {
    const text = layout(fixup([group(doc)]), this.width, 2);
    if (ind === "") this.out += text + "\n";
    else this.out += (text === "" || text[0] === "\n" ? "" : ind) + indentLines(text, ind) + "\n";
  }
}

/** A one-line double-quoted string literal, or undefined for text with a newline. */
function flatString(t: string): string | undefined {
  // One pass over the common text, which needs neither escapes nor checks; the first
  // character that might hands over to the full treatment.
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c > 0x24 && c !== 0x5c && c < 0xd800) || c === 0x20 || c === 0x21 || c === 0x23) {
      continue;
    }
    if (t.includes("\n", i)) return undefined;
    checkNoNul(t, []);
    return '"' + escapeDoubleQuoted(t, false) + '"';
  }
  return '"' + t + '"';
}

/** `-0` is the integer 0 to `toExpr`; other negative numbers are not flat. */
function zeroOrNone(v: number): string | undefined {
  return v === 0 ? "0" : undefined;
}

/** The node `v` is, or undefined for a plain value. */
function asNode(v: ExprLike): Expr | undefined {
  return typeof v === "object" && v !== null && isNode(v) ? v : undefined;
}

/** How many names a plain object defines (values not undefined), counted up to `max`. */
function definedCount(o: PlainObject, max: number): number {
  let n = 0;
  // `for in` with `hasOwn` visits the names `Object.keys` lists, without listing them all.
  for (const key in o) if (Object.hasOwn(o, key) && o[key] !== undefined && ++n >= max) break;
  return n;
}

/** Whether `a`, `b` and `extra` columns of ASCII punctuation fit in `max` code points. */
function fitsWidth(max: number, a: string, b: string, extra: number): boolean {
  // The length in UTF-16 units bounds the width in code points.
  return a.length + b.length + extra <= max || width(a) + width(b) + extra <= max;
}

/**
 * Whether any item (node or plain value) has comments to lay out with the list: the IR
 * places them, at the end of the line before when they say so.
 */
function anyItemComments(items: readonly ExprLike[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (typeof x === "object" && x !== null && isNode(x) && hasComments(x)) return true;
  }
  return false;
}

/** Whether any binding carries comments or a blank line. */
function anyTrivia(xs: readonly { readonly trivia?: unknown }[]): boolean {
  for (let i = 0; i < xs.length; i++) if (xs[i]!.trivia) return true;
  return false;
}
