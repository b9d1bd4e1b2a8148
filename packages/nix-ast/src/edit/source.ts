/**
 * A Nix source being edited: its text, its tree, and where each node of the tree was
 * read, with the questions about lines that splicing asks.
 *
 * @packageDocumentation
 */
import type { Expr } from "../ast/nodes.js";
import { parseWithSpans, type SourceSpan, type SpanTable } from "../parser/parser.js";

/** A parsed source with the spans of its nodes. */
export class Source {
  private constructor(
    readonly text: string,
    readonly tree: Expr,
    private readonly spans: SpanTable,
    readonly file: string | undefined,
  ) {}

  /** The file's line break: CR LF when it uses them, else LF. */
  get eol(): "\r\n" | "\n" {
    return this.text.includes("\r\n") ? "\r\n" : "\n";
  }

  /** Parses `text` (a NixParseError when it is not Nix). */
  static parse(text: string, file?: string): Source {
    const { tree, spans } = parseWithSpans(text, file === undefined ? {} : { file });
    return new Source(text, tree, spans, file);
  }

  /** Where `node`, a node of this source's tree, was read. */
  span(node: object): SourceSpan {
    const s = this.spans.get(node);
    if (s === undefined)
      throw new Error("nix-ast: an edit asked for a node its parse did not read");
    return s;
  }

  /** `line:column` (1-based) of an offset, for messages. */
  where(offset: number): string {
    let line = 1;
    let start = 0;
    for (
      let i = this.text.indexOf("\n");
      i >= 0 && i < offset;
      i = this.text.indexOf("\n", i + 1)
    ) {
      line++;
      start = i + 1;
    }
    return `${line}:${offset - start + 1}`;
  }

  /** The offset where the line holding `offset` starts. */
  lineStart(offset: number): number {
    return this.text.lastIndexOf("\n", offset - 1) + 1;
  }

  /** The offset of the newline that ends the line holding `offset` (or the text's end). */
  lineEnd(offset: number): number {
    const nl = this.text.indexOf("\n", offset);
    return nl < 0 ? this.text.length : nl;
  }

  /** The blanks between the start of `offset`'s line and `offset`. */
  indentBefore(offset: number): string {
    return this.text.slice(this.lineStart(offset), offset);
  }

  /** Only blanks stand between the start of its line and `offset`. */
  startsLine(offset: number): boolean {
    return /^[ \t]*$/.test(this.indentBefore(offset));
  }

  /** Only blanks, or blanks and a `#` comment, stand between `offset` and the end of its line. */
  endsLine(offset: number): boolean {
    return /^[ \t]*(#.*)?\r?$/.test(this.text.slice(offset, this.lineEnd(offset)));
  }

  /** The line holding `offset` has nothing but blanks. */
  blankLine(offset: number): boolean {
    return /^[ \t]*\r?$/.test(this.text.slice(this.lineStart(offset), this.lineEnd(offset)));
  }
}
