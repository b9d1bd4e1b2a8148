/**
 * The Nix lexer, written over char codes after Nix 2.8's `lexer.l` (flex, longest match):
 * identifiers, keywords, numbers, paths, URIs, operators, and comments and blank lines
 * kept as trivia. Strings, indented strings and interpolated paths are scanned on the
 * parser's request (the parser drives the lexer's states, as Nix's start conditions do).
 *
 * @packageDocumentation
 */
import type { Comment } from "../ast/nodes.js";
import { NixParseError } from "./error.js";

/** Token types. */
export const T = {
  EOF: 0,
  ID: 1,
  INT: 2,
  FLOAT: 3,
  /** `"`: the parser then scans the string with {@link Lexer.scanDq}. */
  DQ: 4,
  /** `''` (with a blank first line skipped): scanned with {@link Lexer.scanInd}. */
  IND: 5,
  /** The first piece of a path (`./a`, `a/`, `~/x`); continued with {@link Lexer.scanPathCont}. */
  PATH: 6,
  SPATH: 7,
  URI: 8,
  DOLLAR_CURLY: 9,
  LBRACE: 10,
  RBRACE: 11,
  LBRACK: 12,
  RBRACK: 13,
  LPAREN: 14,
  RPAREN: 15,
  SEMI: 16,
  COLON: 17,
  COMMA: 18,
  AT: 19,
  DOT: 20,
  QUESTION: 21,
  ASSIGN: 22,
  ELLIPSIS: 23,
  EQ: 24,
  NEQ: 25,
  LT: 26,
  LEQ: 27,
  GT: 28,
  GEQ: 29,
  AND: 30,
  OR: 31,
  IMPL: 32,
  UPDATE: 33,
  CONCAT: 34,
  PLUS: 35,
  MINUS: 36,
  STAR: 37,
  SLASH: 38,
  NOT: 39,
  IF: 40,
  THEN: 41,
  ELSE: 42,
  ASSERT: 43,
  WITH: 44,
  LET: 45,
  IN: 46,
  REC: 47,
  INHERIT: 48,
  OR_KW: 49,
} as const;

/** A token type. */
export type TokenType = (typeof T)[keyof typeof T];

const KEYWORD_TOKENS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ["if", T.IF],
  ["then", T.THEN],
  ["else", T.ELSE],
  ["assert", T.ASSERT],
  ["with", T.WITH],
  ["let", T.LET],
  ["in", T.IN],
  ["rec", T.REC],
  ["inherit", T.INHERIT],
  ["or", T.OR_KW],
]);

const TOKEN_NAMES: readonly string[] = [
  "end of file",
  "identifier",
  "integer",
  "float",
  '"',
  "''",
  "path",
  "<path>",
  "URI",
  "${",
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ";",
  ":",
  ",",
  "@",
  ".",
  "?",
  "=",
  "...",
  "==",
  "!=",
  "<",
  "<=",
  ">",
  ">=",
  "&&",
  "||",
  "->",
  "//",
  "++",
  "+",
  "-",
  "*",
  "/",
  "!",
  "if",
  "then",
  "else",
  "assert",
  "with",
  "let",
  "in",
  "rec",
  "inherit",
  "or",
];

/** A human name for a token type: `'}'`, `identifier`, `end of file`. */
export function tokenName(type: TokenType): string {
  const name = TOKEN_NAMES[type] ?? "token";
  return type <= T.URI && type !== T.DQ && type !== T.IND ? name : `'${name}'`;
}

/** A comment met before a token, with the number of line breaks before it. */
export interface PendingComment {
  comment: Comment;
  /** Line breaks between the previous token (or comment) and this comment. */
  readonly newlines: number;
  /** The column (0-based) where the comment starts. */
  readonly column: number;
  /** A comment at the end of a line of code that joins several comments of that line. */
  joined?: boolean;
  /** A `/* lua *\/` before a string: the language it names (see {@link Str.language}). */
  language?: string;
}

/** One piece of an indented string as Nix's lexer cuts it. */
export interface IndPiece {
  readonly text: string;
  /** Literal text subject to indentation stripping (not an escape such as `''$`). */
  readonly indent: boolean;
}

// Character classes as lookup tables over ASCII.
const ID_START = new Uint8Array(128);
const ID_CHAR = new Uint8Array(128);
const PATH_CHAR = new Uint8Array(128);
const URI_SCHEME = new Uint8Array(128);
const URI_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const alpha = /[A-Za-z]/.test(ch);
  const digit = /[0-9]/.test(ch);
  ID_START[c] = alpha || ch === "_" ? 1 : 0;
  ID_CHAR[c] = alpha || digit || "_'-".includes(ch) ? 1 : 0;
  PATH_CHAR[c] = alpha || digit || "._+-".includes(ch) ? 1 : 0;
  URI_SCHEME[c] = alpha || digit || "+-.".includes(ch) ? 1 : 0;
  URI_CHAR[c] = alpha || digit || "%/?:@&=+$,-_.!~*'".includes(ch) ? 1 : 0;
}

/** `[A-Za-z_]`: a character that starts an identifier. */
export function isIdStart(c: number): boolean {
  return c < 128 && ID_START[c] === 1;
}

/** `[A-Za-z0-9_'-]`: a character of an identifier. */
export function isIdChar(c: number): boolean {
  return c < 128 && ID_CHAR[c] === 1;
}

function isPathChar(c: number): boolean {
  return c < 128 && PATH_CHAR[c] === 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The lexer. `next()` moves to the next token in Nix's default state; the current
 * token is `type`, `start`, `end`, `text`, with the comments met before it in
 * `comments` and the line breaks just before it in `newlines`.
 */
export class Lexer {
  readonly src: string;
  readonly file: string | undefined;
  private readonly len: number;
  /** Offset where the next token's scan begins. */
  pos = 0;
  /** Line of `pos` (1-based). */
  line = 1;

  type: TokenType = T.EOF;
  start = 0;
  end = 0;
  /** Line of the current token's start. */
  tokLine = 1;
  /** Text of an identifier, number, URI, search path or path piece. */
  text = "";
  /** The path piece ends with `/` (Nix's INPATH_SLASH state). */
  pathSlash = false;
  /** Comments before the current token, oldest first; `null` when none. */
  comments: PendingComment[] | null = null;
  /** How many of `comments` came before an earlier token that nothing claimed them for. */
  carried = 0;
  /** Line breaks between the last comment (or the previous token) and the current token. */
  newlines = 0;
  /** At a string: the language named by the comment right before it (`/* lua *\/`). */
  language: string | undefined = undefined;
  /** Where what was read before the current token ends (a token, or a string's closing quote). */
  prevEnd = 0;

  constructor(src: string, file?: string) {
    this.src = src;
    this.len = src.length;
    this.file = file;
  }

  /** A parse error at an offset. */
  error(message: string, at: number = this.start): NixParseError {
    return NixParseError.at(this.src, at, message, this.file);
  }

  /** The char code of the next non-blank, non-comment character from `pos` (NaN at the end). */
  peekChar(): number {
    return this.src.charCodeAt(this.peekOffset());
  }

  /** The offset of the next non-blank, non-comment character from `pos`. */
  peekOffset(): number {
    const s = this.src;
    let p = this.pos;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === 32 || c === 10 || c === 9 || c === 13) p++;
      else if (c === 35) {
        const nl = s.indexOf("\n", p);
        if (nl < 0) return s.length;
        p = nl;
      } else if (c === 47 && s.charCodeAt(p + 1) === 42) {
        const close = s.indexOf("*/", p + 2);
        if (close < 0) return p;
        p = close + 2;
      } else return p;
    }
  }

  private skipTrivia(): void {
    const s = this.src;
    let p = this.pos;
    let nl = 0;
    let line = this.line;
    // Comments nothing claimed move on to this token (appended to in place: no copy,
    // so that a long run of unclaimed comments costs linear time).
    const comments = this.comments;
    this.carried = comments !== null ? comments.length : 0;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === 10) {
        nl++;
        line++;
        p++;
      } else if (c === 32 || c === 9 || c === 13) {
        p++;
      } else if (c === 35) {
        let e = s.indexOf("\n", p);
        if (e < 0) e = this.len;
        let te = e;
        while (te > p + 1) {
          const d = s.charCodeAt(te - 1);
          if (d === 32 || d === 9 || d === 13) te--;
          else break;
        }
        const text = s.slice(p + 1, te);
        // Right after a token on its line (there is one once `end` has moved), with no
        // other comment between them.
        const endOfLine = nl === 0 && this.end > 0 && (this.comments?.length ?? 0) === this.carried;
        if (nl === 0 && this.joinLineEnd(text)) {
          // (joined to the block comments before it on this line)
        } else {
          (this.comments ??= []).push({
            comment: endOfLine ? { kind: "line", text, endOfLine } : { kind: "line", text },
            newlines: nl,
            column: column(s, p),
          });
        }
        nl = 0;
        p = e;
      } else if (c === 47 && s.charCodeAt(p + 1) === 42) {
        const close = s.indexOf("*/", p + 2);
        if (close < 0) break; // not a comment: '/' then '*', a syntax error later
        const doc = s.charCodeAt(p + 2) === 42 && close > p + 2;
        const body = s.slice(p + (doc ? 3 : 2), close);
        for (let i = body.indexOf("\n"); i >= 0; i = body.indexOf("\n", i + 1)) line++;
        const col = column(s, p);
        const directive = this.directive(body, p, close + 2, nl === 0 && this.end > 0);
        if (directive !== undefined) {
          (this.comments ??= []).push({ comment: directive, newlines: nl, column: col });
          nl = 0;
          p = close + 2;
          continue;
        }
        const lines = blockLines(body, col);
        const single = !doc && lines.length === 1;
        // `/* lua */` right before a string says what the string holds: it stays beside it.
        const language =
          single && isLanguageName(lines[0]!) && stringFollows(s, close + 2)
            ? lines[0]!.trim()
            : undefined;
        // A one-line `/* ... */` right after a token on its line is that token's comment
        // at the end of the line, as a `#` comment would be (the official format writes it
        // so). An empty one (`/**/`) says nothing: the official format drops it.
        const endOfLine =
          single &&
          language === undefined &&
          nl === 0 &&
          this.end > 0 &&
          (this.comments?.length ?? 0) === this.carried;
        const joined = single && language === undefined && nl === 0 && this.joinLineEnd(lines[0]!);
        if (lines.length > 0 && !joined) {
          const pending: PendingComment = {
            comment: endOfLine
              ? { kind: "line", text: " " + lines[0]!.trim(), endOfLine }
              : { kind: "block", lines, doc },
            newlines: nl,
            column: col,
          };
          if (language !== undefined) pending.language = language;
          (this.comments ??= []).push(pending);
        }
        nl = 0;
        p = close + 2;
      } else break;
    }
    this.pos = p;
    this.line = line;
    this.newlines = nl;
    const first = this.comments?.[this.carried];
    if (first !== undefined && first.comment.kind === "line" && first.comment.endOfLine) {
      this.keepOrDropEndOfLine(first, column(s, p));
      // An empty `#` at the end of a line of code says nothing: the official format
      // drops it.
      if (first.comment.endOfLine && first.comment.text.trim() === "") {
        this.comments!.splice(this.carried, 1);
        if (this.comments!.length === 0) this.comments = null;
      }
    }
  }

  /**
   * Offset of the start of the line of a `/*nixfmt:disable*\/` not yet closed by a
   * `/*nixfmt:enable*\/`, or -1.
   */
  pendingDisable = -1;

  /**
   * `/*nixfmt:disable*\/` or `/*nixfmt:enable*\/` (body `body`, from `start` to `end`) when
   * it is a directive: alone on its line (blanks aside). Then it is one of the region's
   * two ends, or inert (a second `disable`, an `enable` with no region open); after code
   * on its line it is only a comment at the end of that line, as the official format
   * reads it; undefined for any other comment.
   */
  private directive(
    body: string,
    start: number,
    end: number,
    afterCode: boolean,
  ): Comment | undefined {
    if (body !== "nixfmt:disable" && body !== "nixfmt:enable") return undefined;
    const s = this.src;
    let lineEnd = end;
    while (s.charCodeAt(lineEnd) === 32 || s.charCodeAt(lineEnd) === 9) lineEnd++;
    const c = s.charCodeAt(lineEnd);
    if (!(lineEnd >= s.length || c === 10 || c === 13)) return undefined;
    const lineStart = s.lastIndexOf("\n", start - 1) + 1;
    if (!/^[ \t]*$/.test(s.slice(lineStart, start))) {
      return afterCode
        ? { kind: "line", text: " " + body, endOfLine: true }
        : { kind: "line", text: " " + body };
    }
    if (body === "nixfmt:disable") {
      if (this.pendingDisable < 0) this.pendingDisable = lineStart;
      return { kind: "block", lines: [body], doc: false, directive: "disable" };
    }
    if (this.pendingDisable < 0)
      return { kind: "block", lines: [body], doc: false, directive: "enable" };
    const verbatim = s.slice(this.pendingDisable, lineEnd);
    this.pendingDisable = -1;
    return { kind: "block", lines: [body], doc: false, directive: "enable", verbatim };
  }

  /** Takes the language annotation before a string out of the comments, into `language`. */
  private takeLanguage(): void {
    const cs = this.comments;
    const last = cs !== null && cs.length > this.carried ? cs[cs.length - 1] : undefined;
    if (last?.language === undefined) return;
    this.language = last.language;
    cs!.pop();
    if (cs!.length === 0) this.comments = null;
  }

  /**
   * More comment text on the line of a comment at the end of a line of code (`f /* a *\/
   * /* b *\/ # c`): the official format writes them as one comment (`# a b c`). Returns
   * whether `text` was joined to the comment before it.
   */
  private joinLineEnd(text: string): boolean {
    const cs = this.comments;
    const last = cs !== null && cs.length > this.carried ? cs[cs.length - 1]! : undefined;
    if (last === undefined || last.comment.kind !== "line" || !last.comment.endOfLine) return false;
    const words = [last.comment.text.trim(), text.trim()].filter((w) => w !== "").join(" ");
    last.comment = { kind: "line", text: " " + words, endOfLine: true };
    last.joined = true;
    return true;
  }

  /**
   * The official format's exception to "a comment after code ends that code's line": a
   * `#` comment that lines up with the comment on the next line, or (alone before the
   * next token, on the line just before it) with that token, starts the comments of
   * what follows instead (`[ # about the first item` then the item).
   */
  private keepOrDropEndOfLine(first: PendingComment, tokenColumn: number): void {
    const cs = this.comments!;
    const k = this.carried;
    if (first.joined) return;
    const next = cs[k + 1];
    const alignedWithNext =
      next !== undefined
        ? next.newlines === 1 && next.comment.kind === "line" && next.column === first.column
        : this.newlines === 1 && tokenColumn === first.column;
    if (!alignedWithNext) return;
    const { endOfLine: _, ...plain } = first.comment as Extract<Comment, { kind: "line" }>;
    first.comment = plain;
  }

  /** Moves to the next token (default state). */
  next(): void {
    this.prevEnd = this.pos;
    this.skipTrivia();
    const s = this.src;
    const p = this.pos;
    this.language = undefined;
    const c0 = s.charCodeAt(p);
    if (c0 === 34 || c0 === 39) this.takeLanguage();
    this.start = p;
    this.tokLine = this.line;
    if (p >= this.len) {
      this.type = T.EOF;
      this.end = p;
      return;
    }
    const c = s.charCodeAt(p);
    const d = s.charCodeAt(p + 1);
    let type: TokenType;
    let n = 1;
    switch (c) {
      case 123: // {
        type = T.LBRACE;
        break;
      case 125: // }
        type = T.RBRACE;
        break;
      case 91: // [
        type = T.LBRACK;
        break;
      case 93: // ]
        type = T.RBRACK;
        break;
      case 40: // (
        type = T.LPAREN;
        break;
      case 41: // )
        type = T.RPAREN;
        break;
      case 59: // ;
        type = T.SEMI;
        break;
      case 58: // :
        type = T.COLON;
        break;
      case 44: // ,
        type = T.COMMA;
        break;
      case 64: // @
        type = T.AT;
        break;
      case 63: // ?
        type = T.QUESTION;
        break;
      case 42: // *
        type = T.STAR;
        break;
      case 61: // =
        if (d === 61) {
          type = T.EQ;
          n = 2;
        } else type = T.ASSIGN;
        break;
      case 33: // !
        if (d === 61) {
          type = T.NEQ;
          n = 2;
        } else type = T.NOT;
        break;
      case 38: // &
        if (d !== 38) throw this.error("unexpected character '&'", p);
        type = T.AND;
        n = 2;
        break;
      case 124: // |
        if (d !== 124) throw this.error("unexpected character '|'", p);
        type = T.OR;
        n = 2;
        break;
      case 62: // >
        if (d === 61) {
          type = T.GEQ;
          n = 2;
        } else type = T.GT;
        break;
      case 34: // "
        type = T.DQ;
        break;
      case 39: // '
        if (d !== 39) throw this.error('unexpected character "\'"', p);
        type = T.IND;
        n = 2;
        {
          // ''(\ *\n)? : a first line of spaces only is dropped.
          let q = p + 2;
          while (s.charCodeAt(q) === 32) q++;
          if (s.charCodeAt(q) === 10) {
            n = q + 1 - p;
            this.line++;
          }
        }
        break;
      case 36: // $
        if (d !== 123) throw this.error("unexpected character '$'", p);
        type = T.DOLLAR_CURLY;
        n = 2;
        break;
      case 60: // <
        n = this.matchSearchPath(p);
        if (n > 0) {
          type = T.SPATH;
          this.text = s.slice(p + 1, p + n - 1);
        } else if (d === 61) {
          type = T.LEQ;
          n = 2;
        } else {
          type = T.LT;
          n = 1;
        }
        break;
      case 126: // ~
        n = this.matchHomePath(p);
        if (n <= 0) throw this.error("unexpected character '~'", p);
        type = T.PATH;
        break;
      default:
        if (c < 128 && (PATH_CHAR[c] === 1 || c === 47)) {
          this.lexWord(p, c, d);
          return;
        }
        throw this.error(describeChar(s, p), p);
    }
    this.type = type;
    this.end = p + n;
    this.pos = p + n;
  }

  /**
   * Identifiers, keywords, numbers, paths, URIs and the operators that start with a
   * path character (`.`, `...`, `+`, `++`, `-`, `->`, `/`, `//`), by longest match.
   */
  private lexWord(p: number, c: number, d: number): void {
    const s = this.src;
    let best = 0;
    let type: TokenType = T.EOF;
    // Operators first: they win ties.
    switch (c) {
      case 46: // .
        if (d === 46 && s.charCodeAt(p + 2) === 46) {
          best = 3;
          type = T.ELLIPSIS;
        } else {
          best = 1;
          type = T.DOT;
        }
        break;
      case 43: // +
        if (d === 43) {
          best = 2;
          type = T.CONCAT;
        } else {
          best = 1;
          type = T.PLUS;
        }
        break;
      case 45: // -
        if (d === 62) {
          best = 2;
          type = T.IMPL;
        } else {
          best = 1;
          type = T.MINUS;
        }
        break;
      case 47: // /
        if (d === 47) {
          best = 2;
          type = T.UPDATE;
        } else {
          best = 1;
          type = T.SLASH;
        }
        break;
    }
    // Identifier.
    let idEnd = p;
    if (c < 128 && ID_START[c] === 1) {
      idEnd = p + 1;
      for (;;) {
        const e = s.charCodeAt(idEnd);
        if (e < 128 && ID_CHAR[e] === 1) idEnd++;
        else break;
      }
      // Fast path: a path or URI can only be longer when `.`, `+`, `/` or `:` follows.
      const f = s.charCodeAt(idEnd);
      if (f !== 46 && f !== 43 && f !== 47 && f !== 58) {
        const text = s.slice(p, idEnd);
        this.text = text;
        this.type = (idEnd - p <= 7 ? KEYWORD_TOKENS.get(text) : undefined) ?? T.ID;
        this.end = idEnd;
        this.pos = idEnd;
        return;
      }
      if (idEnd - p > best) {
        best = idEnd - p;
        type = T.ID;
      }
    }
    // Integer and float.
    if (isDigit(c) || (c === 46 && isDigit(d))) {
      let q = p;
      while (isDigit(s.charCodeAt(q))) q++;
      if (q - p > best) {
        best = q - p;
        type = T.INT;
      }
      const f = this.matchFloat(p);
      if (f > best) {
        best = f;
        type = T.FLOAT;
      }
    }
    // Path: PATH_CHAR* ('/' PATH_CHAR+)+ '/'?, or PATH_CHAR* '/' '${'.
    let q = p;
    while (isPathChar(s.charCodeAt(q))) q++;
    let pathSlash = false;
    if (s.charCodeAt(q) === 47) {
      const e = matchPathAt(s, p);
      if (e >= 0) {
        let end = e;
        if (s.charCodeAt(end) === 47) {
          end++;
          pathSlash = true;
        }
        if (end - p > best) {
          best = end - p;
          type = T.PATH;
        }
      } else if (s.charCodeAt(q + 1) === 36 && s.charCodeAt(q + 2) === 123) {
        // PATH_SEG followed by ${ (a longer match than any other rule here): the path
        // starts with `xxx/`.
        best = q + 1 - p;
        type = T.PATH;
        pathSlash = true;
      }
    }
    // URI.
    if (c < 128 && ID_START[c] === 1 && c !== 95) {
      let u = p + 1;
      for (;;) {
        const e = s.charCodeAt(u);
        if (e < 128 && URI_SCHEME[e] === 1) u++;
        else break;
      }
      if (s.charCodeAt(u) === 58) {
        let v = u + 1;
        for (;;) {
          const e = s.charCodeAt(v);
          if (e < 128 && URI_CHAR[e] === 1) v++;
          else break;
        }
        if (v > u + 1 && v - p > best) {
          best = v - p;
          type = T.URI;
        }
      }
    }
    if (type === T.EOF) throw this.error(describeChar(s, p), p);
    const end = p + best;
    this.end = end;
    this.pos = end;
    this.type = type;
    if (type === T.ID) {
      const text = s.slice(p, end);
      this.text = text;
      if (best <= 7) {
        const kw = KEYWORD_TOKENS.get(text);
        if (kw !== undefined) this.type = kw;
      }
    } else if (type !== T.DOT && type < T.DOLLAR_CURLY) {
      this.text = s.slice(p, end);
      this.pathSlash = pathSlash;
    }
  }

  /** `(([1-9][0-9]*\.[0-9]*)|(0?\.[0-9]+))([Ee][+-]?[0-9]+)?`: the length, or 0. */
  private matchFloat(p: number): number {
    const s = this.src;
    let q = p;
    const c = s.charCodeAt(q);
    if (c >= 49 && c <= 57) {
      q++;
      while (isDigit(s.charCodeAt(q))) q++;
      if (s.charCodeAt(q) !== 46) return 0;
      q++;
      while (isDigit(s.charCodeAt(q))) q++;
    } else {
      if (c === 48) q++;
      if (s.charCodeAt(q) !== 46 || !isDigit(s.charCodeAt(q + 1))) return 0;
      q += 2;
      while (isDigit(s.charCodeAt(q))) q++;
    }
    const e = s.charCodeAt(q);
    if (e === 69 || e === 101) {
      let r = q + 1;
      const sign = s.charCodeAt(r);
      if (sign === 43 || sign === 45) r++;
      if (isDigit(s.charCodeAt(r))) {
        while (isDigit(s.charCodeAt(r))) r++;
        q = r;
      }
    }
    return q - p;
  }

  /** `<PATH_CHAR+(/PATH_CHAR+)*>`: the length, or 0. */
  private matchSearchPath(p: number): number {
    const s = this.src;
    let q = p + 1;
    if (!isPathChar(s.charCodeAt(q))) return 0;
    for (;;) {
      while (isPathChar(s.charCodeAt(q))) q++;
      const c = s.charCodeAt(q);
      if (c === 62) return q + 1 - p;
      if (c !== 47 || !isPathChar(s.charCodeAt(q + 1))) return 0;
      q++;
    }
  }

  /** `~(/PATH_CHAR+)+/?` or `~/${`: the length, or 0 (sets `pathSlash`). */
  private matchHomePath(p: number): number {
    const s = this.src;
    let q = p + 1;
    let segs = 0;
    while (s.charCodeAt(q) === 47 && isPathChar(s.charCodeAt(q + 1))) {
      q += 2;
      while (isPathChar(s.charCodeAt(q))) q++;
      segs++;
    }
    if (segs === 0) {
      if (s.charCodeAt(p + 1) === 47 && s.charCodeAt(p + 2) === 36 && s.charCodeAt(p + 3) === 123) {
        this.text = "~/";
        this.pathSlash = true;
        return 2;
      }
      return 0;
    }
    this.pathSlash = false;
    if (s.charCodeAt(q) === 47) {
      q++;
      this.pathSlash = true;
    }
    this.text = s.slice(p, q);
    return q - p;
  }

  /**
   * Continues a path after its first piece or an interpolation (Nix's INPATH states):
   * returns `"interp"` after consuming `${`, `"text"` with the piece in `text`, or
   * `"end"` (nothing consumed). A path piece ending in `/` that nothing continues is an
   * error, as in Nix.
   */
  scanPathCont(slash: boolean): "interp" | "text" | "end" {
    const s = this.src;
    const p = this.pos;
    if (s.charCodeAt(p) === 36 && s.charCodeAt(p + 1) === 123) {
      this.pos = p + 2;
      return "interp";
    }
    let end = -1;
    const e = matchPathAt(s, p);
    if (e >= 0) {
      end = e;
      if (s.charCodeAt(end) === 47) end++;
    } else {
      let q = p;
      while (isPathChar(s.charCodeAt(q))) q++;
      if (s.charCodeAt(q) === 47) end = q + 1;
      else if (q > p) end = q;
    }
    if (end < 0) {
      if (slash) throw this.error("path has a trailing slash", p - 1);
      return "end";
    }
    this.text = s.slice(p, end);
    this.pathSlash = s.charCodeAt(end - 1) === 47;
    this.pos = end;
    return "text";
  }

  /**
   * Scans the literal text of a double-quoted string from `pos`, unescaped (with CR and
   * CR LF read as LF, as Nix does) into `text`. Returns `"end"` after the closing quote
   * or `"interp"` after `${`.
   */
  scanDq(): "end" | "interp" {
    const s = this.src;
    const len = this.len;
    let p = this.pos;
    let run = p;
    let out = "";
    let line = this.line;
    for (;;) {
      if (p >= len) throw this.error("unterminated string", p);
      const c = s.charCodeAt(p);
      if (c === 34) {
        this.text = run === p ? out : out + s.slice(run, p);
        this.pos = p + 1;
        this.line = line;
        return "end";
      } else if (c === 92) {
        if (p + 1 >= len) throw this.error("unterminated string", p + 1);
        const d = s.charCodeAt(p + 1);
        out +=
          s.slice(run, p) + (d === 110 ? "\n" : d === 114 ? "\r" : d === 116 ? "\t" : s[p + 1]);
        if (d === 10) line++;
        if (d === 0) throw this.error("NUL character in a string", p + 1);
        p += 2;
        run = p;
      } else if (c === 36) {
        const d = s.charCodeAt(p + 1);
        if (d === 123) {
          this.text = out + s.slice(run, p);
          this.pos = p + 2;
          this.line = line;
          return "interp";
        }
        // `$$` is a pair: the second `$` starts nothing.
        p += d === 36 ? 2 : 1;
      } else if (c === 13) {
        out += s.slice(run, p) + "\n";
        p++;
        if (s.charCodeAt(p) === 10) p++;
        line++;
        run = p;
      } else {
        if (c === 10) line++;
        else if (c === 0) throw this.error("NUL character in a string", p);
        p++;
      }
    }
  }

  /**
   * Scans an indented string's pieces from `pos` as Nix's IND_STRING state cuts them,
   * appending to `out`. Returns `"end"` after the closing `''` or `"interp"` after `${`.
   */
  scanInd(out: IndPiece[]): "end" | "interp" {
    const s = this.src;
    const len = this.len;
    let p = this.pos;
    let line = this.line;
    for (;;) {
      // ([^$']|\$[^{']|'[^'$])+
      const run = p;
      for (;;) {
        if (p >= len) break;
        const c = s.charCodeAt(p);
        if (c === 36 || c === 39) {
          if (p + 1 >= len) break;
          const d = s.charCodeAt(p + 1);
          if (c === 36 ? d === 123 || d === 39 : d === 39 || d === 36) break;
          if (d === 10) line++;
          else if (d === 0) throw this.error("NUL character in a string", p + 1);
          p += 2;
        } else {
          if (c === 10) line++;
          else if (c === 0) throw this.error("NUL character in a string", p);
          p++;
        }
      }
      if (p > run) out.push({ text: s.slice(run, p), indent: true });
      if (p >= len) throw this.error("unterminated indented string", p);
      const c = s.charCodeAt(p);
      const d = s.charCodeAt(p + 1);
      if (c === 36) {
        if (d === 123) {
          this.pos = p + 2;
          this.line = line;
          return "interp";
        }
        out.push({ text: "$", indent: false });
        p++;
      } else if (d === 39) {
        // ''' , ''$ , ''\x , or the closing ''.
        const e = s.charCodeAt(p + 2);
        if (e === 39) {
          out.push({ text: "''", indent: false });
          p += 3;
        } else if (e === 36) {
          out.push({ text: "$", indent: false });
          p += 3;
        } else if (e === 92 && p + 3 < len) {
          const x = s.charCodeAt(p + 3);
          if (x === 0) throw this.error("NUL character in a string", p + 3);
          if (x === 10) line++;
          out.push({
            text: x === 110 ? "\n" : x === 114 ? "\r" : x === 116 ? "\t" : (s[p + 3] as string),
            indent: false,
          });
          p += 4;
        } else {
          this.pos = p + 2;
          this.line = line;
          return "end";
        }
      } else {
        // a lone ' before $ or at the end
        out.push({ text: "'", indent: false });
        p++;
      }
    }
  }
}

/** `PATH_CHAR* ('/' PATH_CHAR+)+` from `p`: the end offset, or -1. */
function matchPathAt(s: string, p: number): number {
  let q = p;
  while (isPathChar(s.charCodeAt(q))) q++;
  let segs = 0;
  while (s.charCodeAt(q) === 47 && isPathChar(s.charCodeAt(q + 1))) {
    q += 2;
    while (isPathChar(s.charCodeAt(q))) q++;
    segs++;
  }
  return segs === 0 ? -1 : q;
}

function describeChar(s: string, p: number): string {
  const c = s.codePointAt(p) ?? 0;
  if (c === 0) return "unexpected NUL character";
  if (c === 0xfeff) return "unexpected byte order mark (U+FEFF): Nix does not read one";
  if (c < 32 || c === 127)
    return `unexpected control character U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
  return `unexpected character ${JSON.stringify(String.fromCodePoint(c))}`;
}

/** Whether a comment's text names a language (`lua`, `c++`, `sh`): at most 30 such characters. */
function isLanguageName(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 30 && /^[\p{L}\p{N}+._-]+$/u.test(t);
}

/** Whether a string starts at `p`, after blanks and at most one line break. */
function stringFollows(s: string, p: number): boolean {
  const m = /^[ \t]*(?:\r?\n)?[ \t]*/.exec(s.slice(p, p + 200))!;
  const q = p + m[0].length;
  return s.charCodeAt(q) === 34 || (s.charCodeAt(q) === 39 && s.charCodeAt(q + 1) === 39);
}

/** The column (0-based) of offset `p`. */
function column(s: string, p: number): number {
  return p - (s.lastIndexOf("\n", p - 1) + 1);
}

/**
 * The lines of a block comment's body as the official format keeps them: lines of blanks
 * emptied and dropped at both ends; a ` *` that starts every line after the first, under
 * the `*` of the opening `/*` (at `column`), replaced by a space; the first line trimmed;
 * the indentation common to the other lines (at most that of the text after `/* `) removed.
 */
export function blockLines(body: string, column = 0): string[] {
  let lines = body.replace(/\r\n/g, "\n").split("\n").map(trimEnd);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const star = " ".repeat(column) + " *";
  if (lines.length > 1 && lines.slice(1).every((l) => l.startsWith(star))) {
    lines = [lines[0]!, ...lines.slice(1).map((l) => " ".repeat(column) + l.slice(star.length))];
  }
  lines = lines.map(trimEnd);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) return [];
  const first = lines[0]!;
  const offset = first.startsWith(" ") ? column + 3 : column + 2;
  let common = offset;
  for (const l of lines.slice(1)) {
    if (/^ *$/.test(l)) continue;
    common = Math.min(common, /^ */.exec(l)![0].length);
  }
  const strip = " ".repeat(common);
  const out = [
    first.trim(),
    ...lines.slice(1).map((l) => (l.startsWith(strip) ? l.slice(common) : l.trimStart())),
  ];
  while (out.length > 0 && out[0] === "") out.shift();
  return out;
}

function trimEnd(l: string): string {
  return l.replace(/[ \t\r]+$/, "");
}
