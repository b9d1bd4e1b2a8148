/**
 * The printer's fast path. A set or list that always expands lays out the same wherever
 * it stands: width is measured without indentation, and it starts with its opening
 * bracket on the current line. Such a set of plain data is written straight to text,
 * without the document IR; bindings and items that are not plain data go through the IR
 * one by one (`GeneralPath`). Any problem (a bad value, a comment) gives up, and the IR,
 * which reports it with its location, takes over. `blocks.test.ts` proves the two paths
 * lay out alike.
 */
import type { Attrs, Binding, Expr, List } from "../ast/nodes.js";
import { checkFloat, checkInt, checkNoNul } from "../ast/validate.js";
import { NixAstError } from "../errors.js";
import { formatFloat, formatInt } from "../syntax/numbers.js";
import { escapeDoubleQuoted } from "../syntax/strings.js";
import { isIdentifier } from "../syntax/names.js";
import { isSimpleName, operand } from "./classify.js";
import { type Doc, fixup, group, layout, width } from "./doc.js";

/** What the fast path asks of the document IR. */
export interface GeneralPath {
  /** A binding's document at level 0. */
  binding(b: Binding): Doc;
  /** A list item's document at level 0 (`x` is the item with any parentheses it needs). */
  item(x: Expr, original: Expr): Doc;
  /** Refuses names defined twice. */
  checkBindings(bs: readonly Binding[]): void;
}

export class BlockWriter {
  constructor(
    private readonly width: number,
    private readonly general: GeneralPath,
  ) {}

  /**
   * The text of an expanded set or list (lines joined by `\n`, indentation relative to
   * its first line), or undefined when it is not plain enough for the fast path.
   */
  write(e: Attrs | List): string | undefined {
    const out: string[] = [];
    try {
      const ok =
        e.kind === "attrs"
          ? this.attrsBlock(e, out, "", "", "")
          : this.listBlock(e, out, "", "", "");
      return ok ? out.join("").slice(0, -1) : undefined;
    } catch (error) {
      if (error instanceof NixAstError) return undefined;
      throw error;
    }
  }

  // The writers below append pieces to `out`; every line ends with "\n". `head` is what
  // the first line starts with (its indentation, and `name = ` for a binding's value),
  // `tail` what follows the closing bracket (`;` for a binding's value).

  private attrsBlock(e: Attrs, out: string[], ind: string, head: string, tail: string): boolean {
    if (e.closingComments?.length || anyTrivia(e.bindings)) return false;
    this.general.checkBindings(e.bindings);
    out.push(head, e.rec ? "rec {\n" : "{\n");
    const inner = ind + "  ";
    for (const b of e.bindings) this.bindingBlock(b, out, inner);
    out.push(ind, "}", tail, "\n");
    return true;
  }

  private listBlock(e: List, out: string[], ind: string, head: string, tail: string): boolean {
    if (e.closingComments?.length || anyTrivia(e.items)) return false;
    out.push(head, "[\n");
    const inner = ind + "  ";
    for (const item of e.items) this.itemBlock(item, out, inner);
    out.push(ind, "]", tail, "\n");
    return true;
  }

  private bindingBlock(b: Binding, out: string[], ind: string): void {
    if (b.kind === "assign" && b.path.length === 1 && isSimpleName(b.path[0])) {
      const name = (b.path[0] as { name: string }).name;
      const v = b.value;
      const flat = this.flatScalar(v);
      if (flat !== undefined) {
        // A string stays on the `=` line; other literals move below it when they do not fit.
        if (v.kind === "string" || fitsWidth(this.width, name, flat, 4)) {
          out.push(ind, name, " = ", flat, ";\n");
        } else out.push(ind, name, " =\n", ind, "  ", flat, ";\n");
        return;
      }
      const compact = this.compactSingle(v, false);
      if (compact !== undefined && fitsWidth(this.width, name, compact, 4)) {
        out.push(ind, name, " = ", compact, ";\n");
        return;
      }
      if (this.isValueBlock(v, true) || compact !== undefined) {
        const head = ind + name + " = ";
        if (v.kind === "attrs") this.attrsBlock(v, out, ind, head, ";");
        else this.listBlock(v as List, out, ind, head, ";");
        return;
      }
    }
    this.standalone(this.general.binding(b), out, ind);
  }

  private itemBlock(item: Expr, out: string[], ind: string): void {
    const x = operand(item, { kind: "listItem" });
    if (x === item) {
      const flat = this.flatScalar(item);
      if (flat !== undefined) {
        out.push(ind, flat, "\n");
        return;
      }
      const compact = this.compactSingle(item, true);
      if (compact !== undefined && fitsWidth(this.width, "", compact, 0)) {
        out.push(ind, compact, "\n");
        return;
      }
      if (this.isValueBlock(item, false) || compact !== undefined) {
        if (item.kind === "attrs") this.attrsBlock(item, out, ind, ind, "");
        else this.listBlock(item as List, out, ind, ind, "");
        return;
      }
    }
    this.standalone(this.general.item(x, item), out, ind);
  }

  /**
   * The one-line form of a one-item list of a literal (`[ "x" ]`), or, as a list item, of a
   * set of one `name = literal;` (`{ a = 1; }`): kept on one line when it fits, expanded
   * otherwise.
   */
  private compactSingle(v: Expr, asItem: boolean): string | undefined {
    if (v.trivia) return undefined;
    if (v.kind === "list" && v.items.length === 1 && !v.multiline && !v.closingComments?.length) {
      const item = v.items[0]!;
      const flat = operand(item, { kind: "listItem" }) === item ? this.flatScalar(item) : undefined;
      return flat && `[ ${flat} ]`;
    }
    if (asItem && v.kind === "attrs" && v.bindings.length === 1 && !v.multiline && !v.rec) {
      const b = v.bindings[0]!;
      if (v.closingComments?.length || b.trivia || b.kind !== "assign") return undefined;
      if (b.path.length !== 1 || !isSimpleName(b.path[0])) return undefined;
      const flat = this.flatScalar(b.value);
      return flat && `{ ${(b.path[0] as { name: string }).name} = ${flat}; }`;
    }
    return undefined;
  }

  /**
   * Whether `v` is a set or list of plain layout that expands in this place (a binding's
   * value when `wide`): it can be written as a block.
   */
  private isValueBlock(v: Expr, wide: boolean): v is Attrs | List {
    if (v.trivia) return false;
    if (v.kind === "attrs") {
      if (v.closingComments?.length || anyTrivia(v.bindings)) return false;
      const n = v.bindings.length;
      const onlyInherit = n === 1 && v.bindings[0]!.kind === "inherit";
      return (wide && n > 0 && !onlyInherit) || n >= 2;
    }
    if (v.kind === "list") {
      return v.items.length >= 2 && !v.closingComments?.length && !anyTrivia(v.items);
    }
    return false;
  }

  /** The text of a literal that prints on one line (no allocation beyond the text). */
  private flatScalar(v: Expr): string | undefined {
    if (v.trivia) return undefined;
    switch (v.kind) {
      case "var":
        return isIdentifier(v.name) ? v.name : undefined;
      case "int":
        if (v.value < 0n) return undefined;
        checkInt(v.value, []);
        return formatInt(v.value);
      case "float":
        if (v.value < 0 || Object.is(v.value, -0)) return undefined;
        checkFloat(v.value, []);
        return formatFloat(v.value);
      case "string": {
        const parts = v.parts;
        const t = parts.length === 0 ? "" : parts.length === 1 ? parts[0] : undefined;
        if (typeof t !== "string" || t.includes("\n") || v.style === "indented") {
          return undefined;
        }
        checkNoNul(t, []);
        return '"' + escapeDoubleQuoted(t, false) + '"';
      }
      case "attrs":
        return v.bindings.length === 0 && !v.multiline && !v.rec && !v.closingComments?.length
          ? "{ }"
          : undefined;
      case "list":
        return v.items.length === 0 && !v.multiline && !v.closingComments?.length
          ? "[ ]"
          : undefined;
      default:
        return undefined;
    }
  }

  /** A document laid out on its own, starting a line, added as lines indented by `ind`. */
  private standalone(doc: Doc, out: string[], ind: string): void {
    for (const l of layout(fixup([group(doc)]), this.width, 2).split("\n")) {
      if (l === "") out.push("\n");
      else out.push(ind, l, "\n");
    }
  }
}

/** Whether `a`, `b` and `extra` columns of ASCII punctuation fit in `max` code points. */
function fitsWidth(max: number, a: string, b: string, extra: number): boolean {
  // The length in UTF-16 units bounds the width in code points.
  return a.length + b.length + extra <= max || width(a) + width(b) + extra <= max;
}

/** Whether any binding or item carries comments or a blank line. */
function anyTrivia(xs: readonly { readonly trivia?: unknown }[]): boolean {
  for (let i = 0; i < xs.length; i++) if (xs[i]!.trivia) return true;
  return false;
}
