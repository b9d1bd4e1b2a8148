/**
 * The error of {@link parse}: what is wrong, and where in the source.
 *
 * @packageDocumentation
 */

/**
 * A syntax error in Nix source: `message` says what, `line` and `column` (1-based,
 * the column counted in UTF-16 code units) say where, `file` names the source when the
 * caller gave a name. {@link NixParseError.format} gives the whole report.
 *
 * @example
 * ```ts
 * import { parse, NixParseError } from "@atbb/nix-ast";
 * try {
 *   parse("{ a = 1 }", { file: "x.nix" });
 * } catch (e) {
 *   if (e instanceof NixParseError) console.error(e.format());
 *   // x.nix:1:9: unexpected '}', expected ';'
 *   // { a = 1 }
 *   //         ^
 * }
 * ```
 */
export class NixParseError extends Error {
  override readonly name = "NixParseError";
  /** 1-based line of the error. */
  readonly line: number;
  /** 1-based column of the error. */
  readonly column: number;
  /** The file name given to the parser, if any. */
  readonly file: string | undefined;
  /** The text of the source line the error is on (without its line break). */
  readonly sourceLine: string;
  /** Offset of the error in the source. */
  readonly offset: number;

  constructor(
    message: string,
    position: { line: number; column: number; offset: number; sourceLine: string },
    file?: string,
  ) {
    super(message);
    this.line = position.line;
    this.column = position.column;
    this.offset = position.offset;
    this.sourceLine = position.sourceLine;
    this.file = file;
  }

  /** An error at an offset of `source`. */
  static at(source: string, offset: number, message: string, file?: string): NixParseError {
    const at = Math.max(0, Math.min(offset, source.length));
    let line = 1;
    for (let i = source.indexOf("\n"); i >= 0 && i < at; i = source.indexOf("\n", i + 1)) line++;
    const lineStart = source.lastIndexOf("\n", at - 1) + 1;
    let lineEnd = source.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = source.length;
    let text = source.slice(lineStart, lineEnd);
    if (text.endsWith("\r")) text = text.slice(0, -1);
    return new NixParseError(
      message,
      { line, column: at - lineStart + 1, offset: at, sourceLine: text },
      file,
    );
  }

  /**
   * `file:line:column: message`, then the source line and a caret under the column
   * (tabs before the column are kept, so the caret lines up). Without a file name, the
   * first line starts with `line:column:`.
   */
  format(): string {
    const where = `${this.file !== undefined ? `${this.file}:` : ""}${this.line}:${this.column}`;
    const shown = this.sourceLine.length > 200 ? shorten(this.sourceLine, this.column) : null;
    const text = shown ? shown.text : this.sourceLine;
    const col = shown ? shown.column : this.column;
    const pad = text.slice(0, col - 1).replace(/[^\t]/g, " ");
    return `${where}: ${this.message}\n${text}\n${pad}^`;
  }
}

/** A window of a very long line around the column. */
function shorten(line: string, column: number): { text: string; column: number } {
  const from = Math.max(0, column - 1 - 80);
  const to = Math.min(line.length, column - 1 + 80);
  const prefix = from > 0 ? "..." : "";
  return {
    text: prefix + line.slice(from, to) + (to < line.length ? "..." : ""),
    column: column - from + prefix.length,
  };
}
