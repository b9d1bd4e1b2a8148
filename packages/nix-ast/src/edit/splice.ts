/**
 * Turning a change of a set's bindings or a list's items into text: the new elements are
 * printed in the official format at the indentation of their neighbours and spliced into
 * the untouched source. Where the container's layout does not allow that (written on one
 * line, or its elements sharing lines), the change moves out to the binding that holds
 * the container, reprinted whole, and so on up to the file's expression.
 *
 * @packageDocumentation
 */
import { attrs, list } from "../ast/builders.js";
import { mapChildren } from "../ast/map.js";
import type { Attrs, Binding, Expr, List } from "../ast/nodes.js";
import { print } from "../printer/print.js";
import type { Step } from "./locate.js";
import type { Source } from "./source.js";

/** A set (whose elements are bindings) or a list (whose elements are items). */
export type Container = Attrs | List;

type Element = Binding | Expr;

/**
 * The source with elements `from` to `to` (exclusive) of `container` replaced by `elements`
 * (with their trivia: comments and blank lines that belong to them). `chain` leads from
 * the file's set to the binding holding `container` (empty when the container is the
 * file's set or inside its expression otherwise).
 */
export function spliceElements(
  src: Source,
  container: Container,
  from: number,
  to: number,
  elements: readonly Element[],
  chain: readonly Step[],
): string {
  const inPlace = spliceLines(src, container, from, to, elements);
  if (inPlace !== undefined) return inPlace;
  const changed = withElements(container, from, to, elements);
  const step = chain[chain.length - 1];
  if (step === undefined) return reprintRoot(src, replaceNode(src.tree, container, changed));
  const holder = step.set.bindings[step.index]!;
  if (holder.kind !== "assign") throw new Error("nix-ast: a set inside an inherit");
  const replaced = { ...holder, value: replaceNode(holder.value, container, changed) };
  return spliceElements(src, step.set, step.index, step.index + 1, [replaced], chain.slice(0, -1));
}

/**
 * The container with elements `from` to `to` replaced. Emptied, it prints as `{ }` or
 * `[ ]` even when it was written across lines (unless comments stay in it).
 */
function withElements(c: Container, from: number, to: number, elements: readonly Element[]) {
  const changed =
    c.kind === "attrs"
      ? {
          ...c,
          bindings: [
            ...c.bindings.slice(0, from),
            ...(elements as Binding[]),
            ...c.bindings.slice(to),
          ],
        }
      : { ...c, items: [...c.items.slice(0, from), ...(elements as Expr[]), ...c.items.slice(to)] };
  if (elementsOf(changed).length > 0 || c.closingComments !== undefined) return changed;
  const { multiline: _, blankLineBeforeClose: __, ...compact } = changed;
  return compact;
}

/** `tree` with the node `old` (found by identity) replaced by `replacement`. */
function replaceNode(tree: Expr, old: Expr, replacement: Expr): Expr {
  if (tree === old) return replacement;
  return mapChildren(tree, (child) => replaceNode(child, old, replacement));
}

/** The file with its expression reprinted (the comments around it stay as written). */
function reprintRoot(src: Source, root: Expr): string {
  const span = src.span(src.tree);
  const lines = print(withoutTrivia(root)).replace(/\n$/, "").split("\n");
  return (
    src.text.slice(0, span.start) + lines.join(lineBreak(src, lines)) + src.text.slice(span.end)
  );
}

/**
 * The line break for printed lines: the file's own, except that LF stays inside a printed
 * indented string (where a CR would become part of its value).
 */
function lineBreak(src: Source, printed: readonly string[]): string {
  return printed.some((l) => l.includes("''")) ? "\n" : src.eol;
}

/** A node without its own comments and blank line, which stay in the text around its span. */
function withoutTrivia<T extends Element>(e: T): T {
  if (e.trivia === undefined) return e;
  const { trivia: _, ...rest } = e;
  return rest as T;
}

/**
 * The elements as they print one per line inside an expanded set or list, without the
 * indentation of the container (the official format's width does not count indentation,
 * so the layout is the same at any depth).
 */
function printElements(kind: Container["kind"], elements: readonly Element[]): string[] {
  const bare = elements.map(withoutTrivia);
  const wrapper =
    kind === "attrs"
      ? attrs(bare as Binding[], { multiline: true })
      : list(bare as Expr[], { multiline: true });
  const lines = print(wrapper).split("\n");
  // "{" or "[" first, then the elements indented by two, then "}" or "]" and "".
  const inner = lines.slice(1, -2);
  if (lines.length < 4 || inner.some((l) => l !== "" && !l.startsWith("  "))) {
    throw new Error(`nix-ast: elements printed out of their set or list:\n${lines.join("\n")}`);
  }
  return inner.map((l) => l.slice(2));
}

/** `lines` as text at `indent` (blank lines stay empty); the first line without it. */
function indentLines(lines: readonly string[], indent: string, eol: string): string {
  return lines.map((l, i) => (i === 0 || l === "" ? l : indent + l)).join(eol);
}

/**
 * Indentation for printed lines: the neighbours' own when it is spaces; otherwise (tabs)
 * spaces of the same width, so that an indented string's lines keep their meaning.
 */
function spacesFor(indent: string, printed: readonly string[]): string {
  if (/^ *$/.test(indent) || !printed.some((l) => l.includes("''"))) return indent;
  return " ".repeat(indent.replace(/\t/g, "  ").length);
}

/** The elements of a container, with their spans. */
function elementsOf(c: Container): readonly Element[] {
  return c.kind === "attrs" ? c.bindings : c.items;
}

/**
 * The change made line by line, when the container is written across lines with each
 * affected element on lines of its own; otherwise undefined.
 */
function spliceLines(
  src: Source,
  c: Container,
  from: number,
  to: number,
  elements: readonly Element[],
): string | undefined {
  const all = elementsOf(c);
  const text = src.text;
  const span = (e: Element) => src.span(e);
  const alone = (e: Element) => src.startsLine(span(e).start) && src.endsLine(span(e).end);
  const cspan = src.span(c);
  const opener = c.kind === "attrs" && c.rec ? text.indexOf("{", cspan.start) : cspan.start;
  const closer = cspan.end - 1;
  if (src.lineStart(closer) === src.lineStart(opener)) return undefined;

  if (from === to) {
    // Insertion after element from - 1, or into an empty container.
    const printed = printElements(c.kind, elements);
    let at: number;
    let indent: string;
    if (from > 0) {
      const prev = all[from - 1]!;
      if (!alone(prev)) return undefined;
      at = src.lineEnd(span(prev).end) + 1;
      indent = src.indentBefore(span(prev).start);
    } else if (all.length === 0) {
      if (!src.endsLine(opener + 1) || !src.startsLine(closer)) return undefined;
      at = src.lineEnd(opener) + 1;
      indent = src.indentBefore(closer) + "  ";
    } else {
      const first = all[0]!;
      if (!alone(first)) return undefined;
      at = headOf(src, first, opener + 1).head;
      indent = src.indentBefore(span(first).start);
    }
    const eol = lineBreak(src, printed);
    const pad = spacesFor(indent, printed);
    const block = printed.map((l) => (l === "" ? l : pad + l)).join(eol);
    return text.slice(0, at) + block + src.eol + text.slice(at);
  }

  if (to - from !== 1) throw new Error("nix-ast: splice of several elements");
  const old = all[from]!;
  if (!alone(old)) return undefined;
  const { start, end } = span(old);
  if (elements.length > 0) {
    const printed = printElements(c.kind, elements);
    const indent = spacesFor(src.indentBefore(start), printed);
    return (
      text.slice(0, start) + indentLines(printed, indent, lineBreak(src, printed)) + text.slice(end)
    );
  }

  // Removal: the element's lines with its comments; the blank lines before it too when
  // they would otherwise double the blank line after it or stand before the closer. The
  // last element of a set or list goes by reprinting: `{ }`, not `{` and `}` on two lines.
  if (all.length === 1 && c.closingComments === undefined) return undefined;
  const previousEnd = from > 0 ? span(all[from - 1]!).end : opener + 1;
  const { head, blankBefore } = headOf(src, old, previousEnd);
  const cut = src.lineEnd(end) + 1;
  const next = all[from + 1];
  const blankAfter = next === undefined || src.blankLine(cut);
  const begin = blankBefore && blankAfter ? src.lineEnd(previousEnd) + 1 : head;
  return text.slice(0, begin) + text.slice(cut);
}

/**
 * Where an element's own lines begin (its first comment line, or its own), after what
 * ends at `previousEnd`; and whether blank lines stand between.
 */
function headOf(
  src: Source,
  e: Element,
  previousEnd: number,
): { head: number; blankBefore: boolean } {
  const first = src.lineEnd(previousEnd) + 1;
  const own = src.lineStart(src.span(e).start);
  let head = first;
  while (head < own && src.blankLine(head)) head = src.lineEnd(head) + 1;
  return { head, blankBefore: head > first };
}
