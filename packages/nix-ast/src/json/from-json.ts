/**
 * An exact JSON reader that builds the Nix expression `builtins.fromJSON` would make of a
 * document, and refuses the documents where `builtins.fromJSON` itself is lossy.
 *
 * `JSON.parse` is not enough: it turns every number into a double, so `9007199254740993`
 * loses its last digit and `1.0` becomes the integer `1`. Nix distinguishes: a number
 * with a fraction or an exponent is a float, every other number an integer of 64 bits.
 * This reader keeps each number's text and converts it exactly (`BigInt` for integers,
 * the nearest double for floats, as Nix's JSON library does).
 *
 * The reader is iterative (an explicit stack, no recursion), so deep documents never
 * overflow the JavaScript stack; beyond {@link FromJsonOptions.maxDepth} levels it stops
 * with a clear error, since Nix's own parser cannot read such deep expressions back.
 *
 * @packageDocumentation
 */
import { attrs, bind, float, int, list, ref, str } from "../ast/builders.js";
import type { Assign, Expr } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";

/** Options of {@link fromJson}. */
export interface FromJsonOptions {
  /** Named in error messages (`FILE:LINE:COLUMN: ...`); `<input>` when absent. */
  readonly file?: string;
  /**
   * The deepest nesting of lists and objects accepted (default 1000).
   * Nix's parser gives up on expressions nested a few thousand levels deep, so deeper
   * documents could not be read back as Nix anyway.
   */
  readonly maxDepth?: number;
}

/**
 * Default nesting limit of {@link fromJson}: well within what Nix 2.8's parser reads
 * back (about 1 800 nested sets, 5 000 nested lists).
 */
export const DEFAULT_MAX_DEPTH = 1000;

/**
 * A JSON document that is invalid, or that `builtins.fromJSON` would read lossily.
 * The message starts with `FILE:LINE:COLUMN:` (line and column count from 1, columns in
 * Unicode code points).
 */
export class JsonError extends NixAstError {
  /** Line of the problem, from 1. */
  readonly line: number;
  /** Column of the problem in Unicode code points, from 1. */
  readonly column: number;
  /** The file name given in the options, or `<input>`. */
  readonly file: string;

  constructor(problem: string, file: string, line: number, column: number) {
    super(problem, [`${file}:${line}:${column}`]);
    this.message = `${file}:${line}:${column}: ${problem}`;
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/**
 * Reads a JSON document as the Nix expression that means exactly what
 * `builtins.fromJSON` makes of it: objects become attribute sets (keys are attribute
 * names, quoted by the printer where needed), arrays lists, strings strings, `true`,
 * `false` and `null` the variables of those names, numbers with a fraction or an
 * exponent floats (the double nearest to the decimal), all other numbers integers.
 *
 * Refused with a {@link JsonError} (line and column included): invalid JSON (as Nix's JSON
 * library defines it: RFC 8259, a leading byte order mark allowed), invalid UTF-8 or
 * unpaired surrogates, and what `builtins.fromJSON` reads lossily or not at all:
 * integers outside the signed 64-bit range (it wraps them or turns them into floats),
 * `\u0000` in a string or key (it cuts the string there), a key repeated in an object
 * (it keeps the last value), floats that overflow (`1e400`), underflow to zero (`1e-400`)
 * or are subnormal (no Nix literal), and negative zero (Nix's `-0.0` is positive zero).
 *
 * @param source - the document, as text or as UTF-8 bytes.
 * @example
 * ```ts
 * import { fromJson, print } from "@atbb/nix-ast";
 * print(fromJson('{ "a": [1, 1.0, 1e2], "b c": null }'));
 * // { a = [ 1 1.0 100.0 ]; "b c" = null; }
 * ```
 */
export function fromJson(source: string | Uint8Array, options: FromJsonOptions = {}): Expr {
  const file = options.file ?? "<input>";
  const text = typeof source === "string" ? source : decodeUtf8(source, file);
  return new Reader(text, file, options.maxDepth ?? DEFAULT_MAX_DEPTH).document();
}

/** Decodes UTF-8 strictly; a bad byte is a {@link JsonError} at its line and column. */
function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const at = firstBadUtf8(bytes);
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, at));
    const { line, column } = lineColumn(before, before.length);
    const byte = (bytes[at] ?? 0).toString(16).padStart(2, "0");
    throw new JsonError(`invalid UTF-8 (byte 0x${byte})`, file, line, column);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstBadUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let n: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return i;
}

/** Line and column (from 1, columns in code points) of UTF-16 offset `pos` in `text`. */
function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < pos; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let column = 1;
  for (let i = lineStart; i < pos; i++) {
    const c = text.charCodeAt(i);
    // the second half of a surrogate pair adds no column
    if (c < 0xdc00 || c > 0xdfff || i === lineStart || !isHigh(text.charCodeAt(i - 1))) column++;
  }
  return { line, column };
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Describes the character at `pos` for messages: `'x'`, `U+0009`, `end of input`. */
function describeAt(text: string, pos: number): string {
  if (pos >= text.length) return "end of input";
  const cp = text.codePointAt(pos) as number;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) return u(cp);
  return `'${String.fromCodePoint(cp)}'`;
}

function u(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The escapes `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` and what they stand for. */
const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["\\", "\\"],
  ["/", "/"],
  ["b", "\b"],
  ["f", "\f"],
  ["n", "\n"],
  ["r", "\r"],
  ["t", "\t"],
]);

const MIN_NORMAL = 2.2250738585072014e-308;
const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;

/** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` at the sticky position. */
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

interface ListFrame {
  readonly kind: "list";
  readonly items: Expr[];
}

interface ObjectFrame {
  readonly kind: "object";
  readonly bindings: Assign[];
  /** Each key seen, with where it was first written. */
  readonly keys: Map<string, number>;
  /** The key whose value is being read. */
  key: string;
}

type Frame = ListFrame | ObjectFrame;

class Reader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly maxDepth: number,
  ) {
    // Nix's JSON library skips a UTF-8 byte order mark at the start
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  private fail(problem: string, at: number = this.pos): never {
    const { line, column } = lineColumn(this.text, at);
    throw new JsonError(problem, this.file, line, column);
  }

  private unexpected(expected: string): never {
    return this.fail(
      `invalid JSON: expected ${expected}, found ${describeAt(this.text, this.pos)}`,
    );
  }

  private skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  /** The whole document: one value, then only whitespace. */
  document(): Expr {
    const stack: Frame[] = [];
    let value: Expr;
    for (;;) {
      // read a value, or open a list or object and go on with its first element
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        if (stack.length >= this.maxDepth) {
          this.fail(
            `lists and objects nested deeper than ${this.maxDepth} levels (Nix could not read the result back)`,
          );
        }
        this.pos++;
        this.skipSpace();
        if (c === 0x5b) {
          if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) {
            this.pos++;
            value = list([]);
          } else {
            stack.push({ kind: "list", items: [] });
            continue;
          }
        } else if (this.text.charCodeAt(this.pos) === 0x7d /* } */) {
          this.pos++;
          value = attrs([]);
        } else {
          const frame: ObjectFrame = { kind: "object", bindings: [], keys: new Map(), key: "" };
          this.key(frame);
          stack.push(frame);
          continue;
        }
      } else {
        value = this.scalar();
      }
      // hand the value to the enclosing lists and objects, closing those that end here
      for (;;) {
        const frame = stack[stack.length - 1];
        if (frame === undefined) {
          this.skipSpace();
          if (this.pos < this.text.length) this.unexpected("the end of the document");
          return value;
        }
        this.skipSpace();
        const next = this.text.charCodeAt(this.pos);
        if (frame.kind === "list") {
          frame.items.push(value);
          if (next === 0x2c /* , */) {
            this.pos++;
            break;
          }
          if (next !== 0x5d /* ] */) this.unexpected("',' or ']' after a list element");
          this.pos++;
          stack.pop();
          value = list(frame.items);
        } else {
          frame.bindings.push(bind(frame.key, value));
          if (next === 0x2c /* , */) {
            this.pos++;
            this.skipSpace();
            this.key(frame);
            break;
          }
          if (next !== 0x7d /* } */) this.unexpected("',' or '}' after an object member");
          this.pos++;
          stack.pop();
          value = attrs(frame.bindings);
        }
      }
    }
  }

  /** `"key" :` at the current position (after whitespace); sets `frame.key`. */
  private key(frame: ObjectFrame): void {
    const at = this.pos;
    if (this.text.charCodeAt(at) !== 0x22 /* " */) this.unexpected("a string key");
    const key = this.string("key");
    const first = frame.keys.get(key);
    if (first !== undefined) {
      const { line, column } = lineColumn(this.text, first);
      this.fail(
        `key ${JSON.stringify(key)} appears twice in an object (first at ${line}:${column}; builtins.fromJSON would keep only the last value)`,
        at,
      );
    }
    frame.keys.set(key, at);
    frame.key = key;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== 0x3a /* : */) this.unexpected("':' after a key");
    this.pos++;
  }

  /** A string, number, `true`, `false` or `null` at the current position. */
  private scalar(): Expr {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x22 /* " */) return str(this.string("string"));
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) return this.number();
    for (const word of ["true", "false", "null"] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return ref(word);
      }
    }
    return this.unexpected("a value");
  }

  private number(): Expr {
    const start = this.pos;
    NUMBER.lastIndex = start;
    const m = NUMBER.exec(this.text);
    if (m === null) return this.fail("invalid number: expected a digit after '-'", start + 1);
    const token = m[0];
    const end = start + token.length;
    const after = this.text.charCodeAt(end);
    if (after === 0x2e /* . */ && m[1] === undefined && m[2] === undefined) {
      this.fail(`invalid number: expected a digit after '.' in ${token}.`, end + 1);
    }
    if ((after === 0x65 || after === 0x45) /* e E */ && m[2] === undefined) {
      this.fail(`invalid number: expected a digit in the exponent after ${token}`, end + 1);
    }
    this.pos = end;
    if (m[1] === undefined && m[2] === undefined) {
      const value = BigInt(token);
      if (value < INT_MIN || value > INT_MAX) {
        this.fail(
          `integer ${token} is outside the signed 64-bit range of Nix (builtins.fromJSON would wrap it or read it as a float)`,
          start,
        );
      }
      return int(value);
    }
    const value = Number(token);
    if (!Number.isFinite(value)) {
      this.fail(`number ${token} is too large for a float (builtins.fromJSON refuses it)`, start);
    }
    if (value === 0) {
      if (/[1-9]/.test(token.replace(/[eE].*/, ""))) {
        this.fail(
          `number ${token} is too small for a float: builtins.fromJSON would read it as 0.0`,
          start,
        );
      }
      if (Object.is(value, -0)) {
        this.fail(
          `number ${token} is negative zero, which Nix cannot write (its -0.0 is positive zero)`,
          start,
        );
      }
    } else if (Math.abs(value) < MIN_NORMAL) {
      this.fail(`number ${token} is a subnormal float, which has no Nix literal`, start);
    }
    return float(value);
  }

  /** A string's value; the current position is at its opening quote. */
  private string(what: "string" | "key"): string {
    const text = this.text;
    let pos = this.pos + 1;
    let out = "";
    let chunk = pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x22 /* " */) {
        out += text.slice(chunk, pos);
        this.pos = pos + 1;
        return out;
      }
      if (c === 0x5c /* \ */) {
        out += text.slice(chunk, pos);
        pos = this.escape(pos, what, (s) => (out += s));
        chunk = pos;
      } else if (c < 0x20 || Number.isNaN(c)) {
        if (Number.isNaN(c)) this.fail(`invalid JSON: unterminated ${what}`, this.pos);
        this.fail(`invalid JSON: control character ${u(c)} in a ${what} must be escaped`, pos);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        if (!isHigh(c) || !isLow(text.charCodeAt(pos + 1))) {
          this.fail(`invalid Unicode: unpaired surrogate ${u(c)} in a ${what}`, pos);
        }
        pos += 2;
      } else {
        pos++;
      }
    }
  }

  /** One escape sequence at `pos` (the backslash); emits its text, returns the position after it. */
  private escape(pos: number, what: "string" | "key", emit: (s: string) => void): number {
    const text = this.text;
    const c = text[pos + 1];
    const simple = c === undefined ? undefined : SIMPLE_ESCAPES.get(c);
    if (simple !== undefined) {
      emit(simple);
      return pos + 2;
    }
    if (c !== "u") {
      const found = c === undefined ? "end of input" : describeAt(text, pos + 1);
      return this.fail(`invalid JSON: invalid escape sequence '\\' followed by ${found}`, pos);
    }
    const unit = this.hex4(pos);
    if (unit === 0) {
      this.fail(
        `\\u0000 in a ${what}: Nix strings cannot hold NUL (builtins.fromJSON would cut the ${what} there)`,
        pos,
      );
    }
    if (isLow(unit)) this.fail(`invalid Unicode: unpaired surrogate \\u${hex(unit)}`, pos);
    if (!isHigh(unit)) {
      emit(String.fromCharCode(unit));
      return pos + 6;
    }
    if (text[pos + 6] !== "\\" || text[pos + 7] !== "u" || !isLow(this.hex4(pos + 6))) {
      this.fail(
        `invalid Unicode: \\u${hex(unit)} must be followed by a \\uDC00-\\uDFFF escape`,
        pos,
      );
    }
    emit(String.fromCharCode(unit, this.hex4(pos + 6)));
    return pos + 12;
  }

  /** The four hex digits after `\u` at `pos`. */
  private hex4(pos: number): number {
    const digits = this.text.slice(pos + 2, pos + 6);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) {
      this.fail("invalid JSON: '\\u' must be followed by four hex digits", pos);
    }
    return parseInt(digits, 16);
  }
}

function hex(unit: number): string {
  return unit.toString(16).padStart(4, "0");
}
