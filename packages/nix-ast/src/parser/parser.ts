/**
 * The Nix parser: recursive descent with precedence climbing, after the grammar of
 * Nix 2.8 (`parser.y`). It accepts what Nix accepts (old forms included) and rejects
 * what Nix rejects, with a {@link NixParseError} saying what and where.
 *
 * Representation choices, where Nix's syntax has no node of its own:
 * - the old `let { a = 1; body = a; }` is `select(recAttrs(...), "body")`, which means
 *   the same (`rec { ... }.body`);
 * - an unquoted URI `https://x` is a string with that text;
 * - `f or` (Nix's allowance for a function named `or`) is `apply(f, var("or"))`;
 * - a negative number `-7` is `neg(int(7))`;
 * - parentheses are kept as `paren` nodes (the official format never removes them);
 * - comments and blank lines are trivia:
 *   - comments on their own lines go to the binding, list item, formal, name of an
 *     `inherit` list or expression that follows them (`leading`); a `#` comment that
 *     ends the line of one of those items goes to it (`trailing`);
 *   - a `#` comment that follows code on its line is marked `endOfLine`;
 *   - comments before a closing `}`, `]`, `)` or `in` go to the set, list, parentheses or
 *     `let` (`closingComments`), those around a pattern's `...` to the pattern
 *     (`ellipsisTrivia`), those before `then` or `else` to the `if` (`thenComments`,
 *     `elseComments`), those before an operator to its operation (`opComments`), one on
 *     the file's last line to its expression (`trailing`);
 *   - a blank line before an item (the first one included) or before a whole expression
 *     (a lambda's body, a binding's value) sets its `blankLineBefore`; one between
 *     comments, the later comment's; one between comments and what they describe,
 *     `blankLineAfterComments`; one before a closing `}`, `]`, `)` or `in`,
 *     `blankLineBeforeClose`; one before `then` or `else`, `blankLineBeforeThen` or
 *     `blankLineBeforeElse`; one before an operator, `blankLineBeforeOp`, and one after
 *     it, the operand's `blankLineBefore`;
 *   - comments elsewhere (between an operator and its operand, say) move on to the next
 *     thing that takes comments.
 *
 * Where Nix's semantics are subtle, Nix's are followed: `${"a"}` and `"a"` are static
 * names (duplicates, `let`, `inherit`), an indented string is stripped of indentation
 * exactly as Nix 2.8's `stripIndentation` does (escapes included), CR and CR LF in a
 * double-quoted string read as LF. One deliberate difference: a NUL character, which
 * Nix reads as the end of the input (or of a string), is an error here.
 *
 * @packageDocumentation
 */
import type {
  AttrName,
  AttrPath,
  Attrs,
  Binding,
  BinaryOp,
  Comment,
  Expr,
  Formal,
  Formals,
  Inherit,
  Paren,
  Select,
  Str,
  StringPart,
  Trivia,
} from "../ast/nodes.js";
import { NODE } from "../ast/mark.js";
import { isIdentifier, KEYWORDS } from "../syntax/names.js";
import { findDuplicate } from "../ast/duplicates.js";
import { formatFloat } from "../syntax/numbers.js";
import { escapeDoubleQuoted, indentedStringLines } from "../syntax/strings.js";
import {
  indentedSource,
  sameShape,
  stripIndentation,
  type IndentedPiece,
} from "./string-source.js";
import { isStackOverflow } from "../deep/run.js";
import { parseDeep } from "./deep.js";
import { NixParseError } from "./error.js";
import {
  isIdChar,
  isIdStart,
  Lexer,
  T,
  tokenName,
  type IndPiece,
  type PendingComment,
  type TokenType,
} from "./lexer.js";

/** Options of {@link parse}. */
export interface ParseOptions {
  /** The source's file name, used in error messages. */
  readonly file?: string;
}

/**
 * How deep expressions may nest, in nesting steps (a parenthesis or a set is two
 * steps, a list or an interpolation one), before the parser stops with "expression
 * nested too deeply". Nix 2.8 itself gives up near 10 000 nested parentheses, 5 000
 * lists and 2 500 sets ("memory exhausted"); this limit lies above all three.
 */
export const MAX_NESTING = 25_000;

/**
 * Nesting steps parsed on the caller's stack. Deeper sources are parsed again on a
 * worker thread with a large stack (see `deep.ts`), synchronously.
 */
const SHALLOW_NESTING = 1_200;

/** Thrown when a source nests deeper than the caller's stack allows. */
class TooDeep extends Error {}

/** Where a node was read: offsets into the source, `end` exclusive, trivia around it left out. */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The spans of one parse's expressions, bindings and attribute names. A side table, so
 * that parsed trees stay equal to built ones.
 */
export type SpanTable = WeakMap<object, SourceSpan>;

/**
 * Parses Nix source into an expression tree with comments and layout facts (see the
 * module notes). Throws {@link NixParseError} for anything Nix 2.8 would reject at
 * parse time except undefined variables: syntax errors, invalid numbers, an attribute
 * defined twice, duplicate formals, dynamic names in `let` or `inherit`, and nesting
 * deeper than {@link MAX_NESTING}.
 *
 * @example
 * ```ts
 * import { parse, print } from "@atbb/nix-ast";
 * const tree = parse("{ a = 1; b = [ 2 3 ]; }");
 * tree.kind; // "attrs"
 * print(tree); // "{\n  a = 1;\n  b = [\n    2\n    3\n  ];\n}\n"
 * ```
 */
export function parse(source: string, options: ParseOptions = {}): Expr {
  try {
    return parseWith(source, options.file, SHALLOW_NESTING);
  } catch (e) {
    if (!(e instanceof TooDeep) && !isStackOverflow(e)) throw e;
  }
  return parseDeep(source, options.file);
}

/**
 * {@link parse}, also recording where each expression, binding and attribute name was
 * read (for edits that splice text into the source). On the caller's stack only: a
 * source nested deeper than that allows is a NixParseError.
 * @internal
 */
export function parseWithSpans(
  source: string,
  options: ParseOptions = {},
): { tree: Expr; spans: SpanTable } {
  const spans: SpanTable = new WeakMap();
  const p = new Parser(source, options.file, SHALLOW_NESTING, spans);
  try {
    return { tree: p.parseFile(), spans };
  } catch (e) {
    if (!(e instanceof TooDeep) && !isStackOverflow(e)) throw e;
    throw p.lx.error(`nested too deeply to edit (more than ${SHALLOW_NESTING} levels)`);
  }
}

/**
 * Parses with a nesting limit: beyond `maxNesting` steps, below {@link MAX_NESTING}, a
 * `TooDeep` error (the caller tries a bigger stack); beyond {@link MAX_NESTING}, or on
 * a stack overflow, a NixParseError.
 * @internal
 */
export function parseWith(source: string, file: string | undefined, maxNesting: number): Expr {
  const p = new Parser(source, file, maxNesting);
  try {
    return p.parseFile();
  } catch (e) {
    if (isStackOverflow(e) && maxNesting >= MAX_NESTING)
      throw p.lx.error("expression nested too deeply");
    throw e;
  }
}

// ---------------------------------------------------------------- operator table

/** Binary operator levels of Nix (1 binds tightest); 0 for tokens that are not operators. */
const LEVEL = new Uint8Array(64);
const OP = new Array<BinaryOp | undefined>(64);
function defOp(t: TokenType, level: number, op?: BinaryOp): void {
  LEVEL[t] = level;
  OP[t] = op;
}
defOp(T.QUESTION, 4);
defOp(T.CONCAT, 5, "++");
defOp(T.STAR, 6, "*");
defOp(T.SLASH, 6, "/");
defOp(T.PLUS, 7, "+");
defOp(T.MINUS, 7, "-");
defOp(T.UPDATE, 9, "//");
defOp(T.LT, 10, "<");
defOp(T.LEQ, 10, "<=");
defOp(T.GT, 10, ">");
defOp(T.GEQ, 10, ">=");
defOp(T.EQ, 11, "==");
defOp(T.NEQ, 11, "!=");
defOp(T.AND, 12, "&&");
defOp(T.OR, 13, "||");
defOp(T.IMPL, 14, "->");
const LEVEL_NOT = 8;
const LEVEL_LOOSEST = 14;

/** Tokens that may start a lambda, `let`, `with`, `assert` or `if`. */
const SPECIAL = new Uint8Array(64);
for (const t of [T.ID, T.LBRACE, T.LET, T.WITH, T.ASSERT, T.IF]) SPECIAL[t] = 1;

/** Tokens that can start a select-level term (a list item, an argument). */
const STARTS_TERM = new Uint8Array(64);
for (const t of [
  T.ID,
  T.INT,
  T.FLOAT,
  T.DQ,
  T.IND,
  T.PATH,
  T.SPATH,
  T.URI,
  T.LPAREN,
  T.LBRACE,
  T.LBRACK,
  T.REC,
  T.LET,
]) {
  STARTS_TERM[t] = 1;
}

const INT64_MAX = 2n ** 63n - 1n;
const MIN_NORMAL = 2.2250738585072014e-308;

// ---------------------------------------------------------------- attribute bookkeeping

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class Parser {
  readonly lx: Lexer;
  private depth = 0;
  /** Indented strings without interpolation that Nix nevertheless builds by concatenation. */
  private readonly concatStrings = new WeakSet<object>();

  private readonly maxNesting: number;
  /** No expression started yet (blank lines at the top of a file are no layout fact). */
  private atFileStart = true;
  /** Where nodes were read, when the caller asked. */
  private readonly spans: SpanTable | null;

  constructor(
    source: string,
    file: string | undefined,
    maxNesting: number,
    spans: SpanTable | null = null,
  ) {
    this.lx = new Lexer(source, file);
    this.maxNesting = maxNesting;
    this.spans = spans;
  }

  /** Records that `node` was read from `start` to the end of what was read last. */
  private span(node: object, start: number): void {
    if (this.spans !== null) this.spans.set(node, { start, end: this.lx.prevEnd });
  }

  parseFile(): Expr {
    const lx = this.lx;
    lx.next();
    const e = this.parseExpr();
    if (lx.type !== T.EOF) throw this.unexpected("end of file");
    // A comment on the expression's last line is its trailing comment.
    const trailing = this.takeTrailing();
    if (trailing !== undefined) {
      const m = e as { trivia?: Trivia };
      m.trivia = { ...m.trivia, trailing };
    }
    const rest = lx.comments;
    const after = rest !== null && rest.length > 0 ? withBlankLines(rest, true) : [];
    if (lx.pendingDisable >= 0) {
      // A `/*nixfmt:disable*/` region never closed runs to the end of the file.
      const verbatim = lx.src.slice(lx.pendingDisable);
      after.push({
        kind: "block",
        lines: ["nixfmt:enable"],
        doc: false,
        directive: "enable",
        verbatim,
        toEnd: true,
      });
    }
    if (after.length > 0) {
      // Comments on lines after the whole expression end the file.
      const m = e as { trivia?: Trivia };
      m.trivia = { ...m.trivia, after };
    }
    return e;
  }

  // -------------------------------------------------------------- errors

  private unexpected(expected?: string): NixParseError {
    const lx = this.lx;
    let what: string;
    switch (lx.type) {
      case T.ID:
        what = `identifier '${lx.text}'`;
        break;
      case T.INT:
      case T.FLOAT:
        what = `number ${lx.text}`;
        break;
      case T.PATH:
        what = `path ${lx.text}`;
        break;
      default:
        what = tokenName(lx.type);
    }
    return lx.error(`unexpected ${what}${expected ? `, expected ${expected}` : ""}`);
  }

  private expect(t: TokenType): void {
    if (this.lx.type !== t) throw this.unexpected(tokenName(t));
  }

  private enter(): void {
    if (++this.depth > this.maxNesting) {
      if (this.maxNesting < MAX_NESTING) throw new TooDeep();
      throw this.lx.error("expression nested too deeply");
    }
  }

  // -------------------------------------------------------------- trivia

  /**
   * The comments before the current token. `markFirst`: a blank line before the first
   * one is marked on it (for comments before a keyword or operator, which has no trivia
   * of its own to say so).
   */
  private takeLeading(markFirst = false): Comment[] | null {
    const cs = this.lx.comments;
    if (cs === null) return null;
    this.lx.comments = null;
    return withBlankLines(cs, markFirst);
  }

  /**
   * At a string that is an attribute name: a language comment before it (`/* sh *\/`)
   * names no language there; it is a comment again, for what follows to take.
   */
  private unclaimLanguage(): void {
    const lx = this.lx;
    if (lx.language === undefined) return;
    const comment: Comment = { kind: "block", lines: [lx.language], doc: false };
    (lx.comments ??= []).push({ comment, newlines: 0, column: 0 });
    lx.language = undefined;
  }

  /** The comments before the current token, which starts an expression they describe. */
  private takeLead(): Lead | null {
    const comments = this.takeLeading();
    return comments === null ? null : { comments, blankAfter: this.lx.newlines >= 2 };
  }

  /** The trivia of an item (binding, list item, formal) that starts at the current token. */
  private itemTrivia(): Trivia | undefined {
    const lx = this.lx;
    const cs = lx.comments;
    const nl = cs !== null ? cs[0]!.newlines : lx.newlines;
    const blank = nl >= 2;
    if (cs === null && !blank) return undefined;
    lx.comments = null;
    const t: Mutable<Trivia> = {};
    if (blank) t.blankLineBefore = true;
    if (cs !== null) {
      t.leading = withBlankLines(cs, false);
      if (lx.newlines >= 2) t.blankLineAfterComments = true;
    }
    return t;
  }

  /** `t`, with a blank line before the item when `blank`. */
  private withBlankBefore(t: Trivia | undefined, blank: boolean): Trivia | undefined {
    return blank && !t?.blankLineBefore ? { ...t, blankLineBefore: true } : t;
  }

  /** A `#` comment on the line where the previous item ended. */
  private takeTrailing(): string | undefined {
    const lx = this.lx;
    const cs = lx.comments;
    if (cs === null) return undefined;
    const c = cs[0]!;
    if (lx.carried > 0 || c.comment.kind !== "line" || !c.comment.endOfLine) return undefined;
    lx.comments = cs.length > 1 ? cs.slice(1) : null;
    return c.comment.text;
  }

  /** Comments before a closing `}`, `]` or `in`, and whether a blank line ends them. */
  private takeClosing(): [Comment[] | undefined, boolean] {
    const lx = this.lx;
    const cs = lx.comments;
    lx.comments = null;
    return [cs === null ? undefined : withBlankLines(cs, true), lx.newlines >= 2];
  }

  // -------------------------------------------------------------- expressions

  /** `expr` of Nix's grammar: lambdas, `let`, `with`, `assert`, `if`, operators. */
  parseExpr(): Expr {
    return this.parseOp(LEVEL_LOOSEST);
  }

  /**
   * Operators whose level is at most `max` (precedence climbing); at the loosest level
   * also lambdas, `let`, `with`, `assert` and `if` (Nix's `expr`). Brackets recurse
   * through here, `parseOperand` and `parseTerm` only: three frames per level.
   */
  private parseOp(max: number): Expr {
    this.enter();
    const lx = this.lx;
    // A blank line before a whole expression (a lambda's body, say) is a layout fact.
    const blank =
      max === LEVEL_LOOSEST &&
      !this.atFileStart &&
      (lx.comments !== null ? lx.comments[0]!.newlines : lx.newlines) >= 2;
    this.atFileStart = false;
    const lead = this.takeLead();
    const start = lx.start;
    let left: Expr | null = null;
    if (max === LEVEL_LOOSEST && SPECIAL[lx.type] === 1) left = this.parseSpecial();
    if (left === null) {
      left = this.parseOperand();
      let lastNonAssoc = 0;
      for (;;) {
        const t = lx.type;
        const level = LEVEL[t]!;
        if (level === 0 || level > max) break;
        if (t === T.QUESTION) {
          lx.next();
          left = { kind: "hasAttr", expr: left, path: this.parseAttrPath(), [NODE]: true };
          continue;
        }
        if (lastNonAssoc === level) {
          throw lx.error(`operator ${tokenName(t)} is not associative: parenthesize one side`);
        }
        const op = OP[t]!;
        const before = this.takeOperator();
        if (level === 5 || level === 9 || level === 14) {
          // Right-associative: gather the chain, fold from the right (no recursion).
          const operands: Expr[] = [left, this.parseRightOperand(level)];
          const trivia: OperatorTrivia[] = [before];
          while (lx.type === t) {
            trivia.push(this.takeOperator());
            operands.push(this.parseRightOperand(level));
          }
          let right = operands.pop()!;
          while (operands.length > 0) {
            right = binary(operands.pop()!, op, right, trivia.pop()!);
          }
          left = right;
        } else {
          left = binary(left, op, this.parseRightOperand(level), before);
        }
        lastNonAssoc = level === 10 || level === 11 ? level : 0;
      }
    }
    if (lead !== null) addLeading(left, lead);
    if (blank) setTrivia(left, { blankLineBefore: true });
    this.span(left, start);
    this.depth--;
    return left;
  }

  /** At a binary operator: the comments and blank line before it; moves past it. */
  private takeOperator(): OperatorTrivia {
    const comments = this.takeLeading(true);
    const blank = this.lx.newlines >= 2;
    this.lx.next();
    return { comments, blank };
  }

  /**
   * The right operand of an operator at `level`; a blank line between the operator and
   * the comments before the operand is its `blankLineBefore`.
   */
  private parseRightOperand(level: number): Expr {
    // A blank line after the operator, before comments or not, is the operand's.
    const cs = this.lx.comments;
    const blank = (cs !== null ? cs[0]!.newlines : this.lx.newlines) >= 2;
    const right = this.parseOp(level - 1);
    if (blank) setTrivia(right, { blankLineBefore: true });
    return right;
  }

  /** Lambdas, `let`, `with`, `assert`, `if`; null when the token starts none of them. */
  private parseSpecial(): Expr | null {
    const lx = this.lx;
    switch (lx.type) {
      case T.ID: {
        const c = lx.peekChar();
        if (c === 58) {
          const name = lx.text;
          lx.next();
          lx.next();
          return { kind: "lambda", param: name, body: this.parseOp(LEVEL_LOOSEST), [NODE]: true };
        }
        if (c === 64) {
          const name = lx.text;
          lx.next();
          lx.next();
          this.expect(T.LBRACE);
          return this.parseFormalsLambda(name);
        }
        return null;
      }
      case T.LBRACE:
        return this.isFormals() ? this.parseFormalsLambda(undefined) : null;
      case T.LET:
        return lx.peekChar() === 123 ? null : this.parseLet();
      case T.WITH: {
        lx.next();
        const env = this.parseOp(LEVEL_LOOSEST);
        this.expect(T.SEMI);
        lx.next();
        return { kind: "with", env, body: this.parseOp(LEVEL_LOOSEST), [NODE]: true };
      }
      case T.ASSERT: {
        lx.next();
        const cond = this.parseOp(LEVEL_LOOSEST);
        this.expect(T.SEMI);
        lx.next();
        return { kind: "assert", cond, body: this.parseOp(LEVEL_LOOSEST), [NODE]: true };
      }
      case T.IF: {
        lx.next();
        const cond = this.parseOp(LEVEL_LOOSEST);
        this.expect(T.THEN);
        const thenComments = this.takeLeading(true);
        const blankLineBeforeThen = lx.newlines >= 2;
        lx.next();
        const then = this.parseOp(LEVEL_LOOSEST);
        this.expect(T.ELSE);
        const elseComments = this.takeLeading(true);
        const blankLineBeforeElse = lx.newlines >= 2;
        lx.next();
        const e: Mutable<Extract<Expr, { kind: "if" }>> = {
          kind: "if",
          cond,
          then,
          else: this.parseOp(LEVEL_LOOSEST),
          [NODE]: true,
        };
        if (thenComments !== null) e.thenComments = thenComments;
        if (elseComments !== null) e.elseComments = elseComments;
        if (blankLineBeforeElse) e.blankLineBeforeElse = true;
        if (blankLineBeforeThen) e.blankLineBeforeThen = true;
        return e;
      }
      default:
        return null;
    }
  }

  /** `!e`, `-e`, or an application `f a b` (or a single term). */
  private parseOperand(): Expr {
    const lx = this.lx;
    const t = lx.type;
    if (t === T.NOT || t === T.MINUS) {
      this.enter();
      const lead = this.takeLead();
      lx.next();
      const e: Expr =
        t === T.NOT
          ? { kind: "unary", op: "!", expr: this.parseOp(LEVEL_NOT - 1), [NODE]: true }
          : { kind: "unary", op: "-", expr: this.parseOperand(), [NODE]: true };
      if (lead !== null) addLeading(e, lead);
      this.depth--;
      return e;
    }
    const start = lx.start;
    const fn = this.parseTerm();
    if (STARTS_TERM[lx.type] !== 1) return fn;
    const args: Expr[] = [];
    do args.push(this.parseTerm());
    while (STARTS_TERM[lx.type] === 1);
    const call: Expr =
      fn.kind === "apply"
        ? // `f or x`: Nix reads `f or` as a call of f with the variable `or`.
          {
            kind: "apply",
            fn: fn.fn,
            args: [...fn.args, ...args] as [Expr, ...Expr[]],
            [NODE]: true,
          }
        : { kind: "apply", fn, args: args as [Expr, ...Expr[]], [NODE]: true };
    this.span(call, start);
    return call;
  }

  /**
   * Nix's `expr_select`: a simple expression (`expr_simple`), then `.a.b`, `.a.b or d`,
   * or `or` (a call with the variable `or`).
   */
  private parseTerm(): Expr {
    this.enter();
    const lx = this.lx;
    const language = lx.language;
    const lead = this.takeLead();
    const start = lx.start;
    let e: Expr;
    switch (lx.type) {
      case T.ID:
        e = { kind: "var", name: lx.text, [NODE]: true };
        lx.next();
        break;
      case T.INT: {
        const value = BigInt(lx.text);
        if (value > INT64_MAX) throw lx.error(`invalid integer '${lx.text}': beyond 64 bits`);
        // The literal as written is a layout fact when it is not the one we would print.
        e =
          value.toString() === lx.text
            ? { kind: "int", value, [NODE]: true }
            : { kind: "int", value, source: lx.text, [NODE]: true };
        lx.next();
        break;
      }
      case T.FLOAT: {
        const value = Number(lx.text);
        if (!Number.isFinite(value) || (value !== 0 && Math.abs(value) < MIN_NORMAL)) {
          throw lx.error(`invalid float '${lx.text}': out of range`);
        }
        if (value === 0 && /[1-9]/.test(lx.text.replace(/[eE].*$/, ""))) {
          throw lx.error(`invalid float '${lx.text}': out of range`);
        }
        e =
          formatFloat(value) === lx.text
            ? { kind: "float", value, [NODE]: true }
            : { kind: "float", value, source: lx.text, [NODE]: true };
        lx.next();
        break;
      }
      case T.DQ:
        e = this.parseDq();
        break;
      case T.IND:
        e = this.parseInd();
        break;
      case T.PATH:
        e = this.parsePath();
        break;
      case T.SPATH:
        e = { kind: "searchPath", path: lx.text, [NODE]: true };
        lx.next();
        break;
      case T.URI:
        e = { kind: "string", parts: [lx.text], [NODE]: true };
        lx.next();
        break;
      case T.LPAREN: {
        lx.next();
        const inner = this.parseOp(LEVEL_LOOSEST);
        this.expect(T.RPAREN);
        const [closing, blank] = this.takeClosing();
        lx.next();
        const p: Mutable<Paren> = { kind: "paren", expr: inner, [NODE]: true };
        if (closing) p.closingComments = closing;
        if (blank) p.blankLineBeforeClose = true;
        e = p;
        break;
      }
      case T.LBRACE:
        e = this.parseAttrs(false);
        break;
      case T.REC:
        lx.next();
        this.expect(T.LBRACE);
        e = this.parseAttrs(true);
        break;
      case T.LET:
        lx.next();
        if ((lx.type as TokenType) !== T.LBRACE)
          throw this.unexpected("'{' (a 'let' here must be 'let { ... }')");
        e = {
          kind: "select",
          expr: this.parseAttrs(true),
          path: [{ kind: "name", name: "body" }],
          oldLet: true,
          [NODE]: true,
        };
        break;
      case T.LBRACK:
        e = this.parseList();
        break;
      default:
        throw this.unexpected("an expression");
    }
    this.span(e, start);
    if (language !== undefined) e = { ...(e as Str), language };
    if ((lx.type as TokenType) === T.DOT) {
      // Comments before the `.` and before `or` stay there (the official format keeps them).
      const [commentsBeforeDot] = this.takeClosing();
      lx.next();
      const s: Mutable<Select> = {
        kind: "select",
        expr: e,
        path: this.parseAttrPath(),
        [NODE]: true,
      };
      if (commentsBeforeDot !== undefined) s.commentsBeforeDot = commentsBeforeDot;
      if ((lx.type as TokenType) === T.OR_KW) {
        const [commentsBeforeOr, blankBeforeOr] = this.takeClosing();
        lx.next();
        s.default = this.parseTerm();
        if (commentsBeforeOr !== undefined) s.commentsBeforeOr = commentsBeforeOr;
        if (blankBeforeOr) s.blankLineBeforeOr = true;
      }
      e = s;
    } else if ((lx.type as TokenType) === T.OR_KW) {
      lx.next();
      e = { kind: "apply", fn: e, args: [{ kind: "var", name: "or", [NODE]: true }], [NODE]: true };
    }
    if (lead !== null) addLeading(e, lead);
    this.span(e, start);
    this.depth--;
    return e;
  }

  // -------------------------------------------------------------- strings and paths

  private parseDq(): Str {
    const lx = this.lx;
    const parts: StringPart[] = [];
    // The text as written, a layout fact when it is not how the printer would escape it.
    const source: StringPart[] = [];
    let asEscaped = true;
    for (;;) {
      const start = lx.pos;
      const k = lx.scanDq();
      if (lx.text !== "") {
        const raw = lx.src.slice(start, lx.pos - (k === "end" ? 1 : 2));
        if (raw !== escapeDoubleQuoted(lx.text, k === "interp")) asEscaped = false;
        parts.push(lx.text);
        source.push(raw);
      }
      if (k === "end") break;
      const e = this.parseInterpolation();
      parts.push(e);
      source.push(e);
    }
    lx.next();
    return asEscaped
      ? { kind: "string", parts, style: "double", [NODE]: true }
      : { kind: "string", parts, style: "double", source, [NODE]: true };
  }

  /** After `${`: the expression, up to the `}` (not consumed: the caller rescans from it). */
  private parseInterpolation(): Expr {
    const lx = this.lx;
    lx.next();
    const e = this.parseOp(LEVEL_LOOSEST);
    this.expect(T.RBRACE);
    // Comments and a blank line before the `}` stay inside it, with the expression.
    const trailing = this.takeTrailing();
    const [after, blank] = this.takeClosing();
    if (trailing === undefined && after === undefined && !blank) return e;
    const t: Mutable<Trivia> = { ...e.trivia };
    if (trailing !== undefined) t.trailing = trailing;
    if (after !== undefined) t.after = after;
    if (blank) t.blankLineAfter = true;
    return { ...e, trivia: t };
  }

  private parseInd(): Str {
    const lx = this.lx;
    const pieces: IndentedPiece[] = [];
    const raw: (string | Expr)[] = [];
    for (;;) {
      const start = lx.pos;
      const k = lx.scanInd(pieces as IndPiece[]);
      raw.push(lx.src.slice(start, lx.pos - 2));
      if (k === "end") break;
      const e = this.parseInterpolation();
      pieces.push(e);
      raw.push(e);
    }
    lx.next();
    const parts = stripIndentation(pieces);
    // The text as written, a layout fact when it is not how the printer would escape it.
    const source = indentedSource(raw);
    const escaped = indentedStringLines(parts).flatMap((l, i) => (i > 0 ? ["\n", ...l] : l));
    const s: Str = sameShape(source, escaped)
      ? { kind: "string", parts, style: "indented", [NODE]: true }
      : { kind: "string", parts, style: "indented", source, [NODE]: true };
    if (pieces.length > 1 && !parts.some((p) => typeof p !== "string")) this.concatStrings.add(s);
    return s;
  }

  private parsePath(): Expr {
    const lx = this.lx;
    const parts: StringPart[] = [lx.text];
    let slash = lx.pathSlash;
    // Nix's grammar: after the first piece, text must be followed by an interpolation
    // before the path may end or hold more text.
    let pieces = 0;
    let textFirst = false;
    for (;;) {
      const k = lx.scanPathCont(slash);
      if (k === "end") break;
      pieces++;
      if (k === "interp") {
        textFirst = false;
        parts.push(this.parseInterpolation());
        slash = false;
      } else {
        if (textFirst) throw lx.error("unexpected path text, expected '${'", lx.pos);
        if (pieces === 1) textFirst = true;
        const last = parts[parts.length - 1];
        if (typeof last === "string") parts[parts.length - 1] = last + lx.text;
        else parts.push(lx.text);
        slash = lx.pathSlash;
      }
    }
    if (textFirst) throw lx.error("unexpected end of path, expected '${'", lx.pos);
    lx.next();
    return { kind: "path", parts, [NODE]: true };
  }

  // -------------------------------------------------------------- attribute names

  /** One attribute name: `a`, `or`, `"a b"`, `"a${b}"`, `${e}`. */
  private parseAttrName(): AttrName {
    const lx = this.lx;
    switch (lx.type) {
      case T.ID: {
        const name = lx.text;
        lx.next();
        return { kind: "name", name };
      }
      case T.OR_KW:
        lx.next();
        return { kind: "name", name: "or", bare: true };
      case T.DQ: {
        this.unclaimLanguage();
        const s = this.parseDq();
        if (s.parts.length === 0) return { kind: "name", name: "", quoted: false };
        const only = s.parts[0];
        if (s.parts.length === 1 && typeof only === "string") {
          const n: Mutable<Extract<AttrName, { kind: "name" }>> = isIdentifier(only)
            ? { kind: "name", name: only, quoted: true }
            : { kind: "name", name: only };
          const written = s.source?.[0];
          if (typeof written === "string") n.source = written;
          return n;
        }
        return { kind: "dynamic", expr: s };
      }
      case T.DOLLAR_CURLY: {
        const e = this.parseInterpolation();
        lx.next();
        return e.kind === "string" && e.style === "double"
          ? { kind: "dynamic", expr: e, braces: true }
          : { kind: "dynamic", expr: e };
      }
      default:
        throw this.unexpected("an attribute name");
    }
  }

  private parseAttrPath(): AttrPath {
    const lx = this.lx;
    const path: AttrName[] = [];
    for (;;) {
      const start = lx.start;
      const n = this.parseAttrName();
      this.span(n, start);
      path.push(n);
      if (lx.type !== T.DOT) break;
      lx.next();
    }
    return path as unknown as AttrPath;
  }

  /** The name Nix sees statically (`a`, `"a"`, `${"a"}`), or null for a dynamic one. */
  private staticName(n: AttrName): string | null {
    if (n.kind === "name") return n.name;
    let e = n.expr;
    while (e.kind === "paren") e = e.expr;
    if (e.kind !== "string" || this.concatStrings.has(e)) return null;
    if (e.parts.length === 0) return "";
    const only = e.parts[0];
    return e.parts.length === 1 && typeof only === "string" ? only : null;
  }

  // -------------------------------------------------------------- sets, let, lists

  /** At `{` (after `rec`, if any): a set. */
  private parseAttrs(rec: boolean): Attrs {
    const lx = this.lx;
    const openLine = lx.tokLine;
    lx.next();
    const bindings = this.parseBinds(T.RBRACE, false);
    return this.finishAttrs(bindings, rec, openLine);
  }

  /** At the closing `}` of a set. */
  private finishAttrs(bindings: Binding[], rec: boolean, openLine: number): Attrs {
    const lx = this.lx;
    const [closing, blankBeforeClose] = this.takeClosing();
    const multiline = lx.tokLine !== openLine;
    lx.next();
    const a: Mutable<Attrs> = { kind: "attrs", bindings, [NODE]: true };
    if (rec) a.rec = true;
    if (closing) a.closingComments = closing;
    if (blankBeforeClose) a.blankLineBeforeClose = true;
    if (multiline) a.multiline = true;
    return a;
  }

  private parseLet(): Expr {
    const lx = this.lx;
    lx.next();
    const bindings = this.parseBinds(T.IN, true);
    const [closing, blankBeforeClose] = this.takeClosing();
    lx.next();
    const body = this.parseOp(LEVEL_LOOSEST);
    const l: Mutable<Extract<Expr, { kind: "let" }>> = {
      kind: "let",
      bindings,
      body,
      [NODE]: true,
    };
    if (closing) l.closingComments = closing;
    if (blankBeforeClose) l.blankLineBeforeClose = true;
    return l;
  }

  /**
   * Bindings up to `closer`, which stays the current token, its comments not taken
   * (they are the closing comments). Assignments are parsed inline (one frame less
   * per nested set).
   *
   * Duplicates: the first static name of every binding is collected; only when two
   * coincide (a real duplicate, or paths such as `a.b` and `a.c` that Nix merges) is
   * the set checked as Nix's `addAttr` does (`checkDuplicates`).
   */
  private parseBinds(closer: TokenType, isLet: boolean): Binding[] {
    const lx = this.lx;
    const bindings: Binding[] = [];
    const offsets: number[] = [];
    const names: string[] = [];
    let seen: Set<string> | null = null;
    let suspect = false;
    for (;;) {
      const prev = bindings[bindings.length - 1];
      if (prev !== undefined) {
        const tr = this.takeTrailing();
        if (tr !== undefined) setTrivia(prev, { trailing: tr });
      }
      const t = lx.type;
      if (t === closer) break;
      const trivia = this.itemTrivia();
      const at = lx.start;
      let b: Mutable<Binding>;
      if (t === T.INHERIT) {
        const inh = this.parseInherit();
        for (const n of inh.names) {
          if (seen !== null ? seen.has(n.name) : names.includes(n.name)) suspect = true;
          names.push(n.name);
          seen?.add(n.name);
        }
        b = inh;
      } else {
        if (t !== T.ID && t !== T.OR_KW && t !== T.DQ && t !== T.DOLLAR_CURLY) {
          throw this.unexpected(isLet ? "a binding or 'in'" : "a binding or '}'");
        }
        const path = this.parseAttrPath();
        this.expect(T.ASSIGN);
        lx.next();
        const value = this.parseOp(LEVEL_LOOSEST);
        this.expect(T.SEMI);
        // `value # why` then `;` on the next line: the comment ends the value's line.
        const beforeSemi = this.takeTrailing();
        if (beforeSemi !== undefined) setTrivia(value, { trailing: beforeSemi });
        lx.next();
        const first = this.staticName(path[0]);
        if (first === null) {
          if (isLet) throw lx.error("dynamic attributes are not allowed in let", at);
        } else {
          if (seen !== null ? seen.has(first) : names.includes(first)) suspect = true;
          names.push(first);
          seen?.add(first);
        }
        b = { kind: "assign", path, value };
      }
      if (seen === null && names.length > 16) seen = new Set(names);
      if (trivia !== undefined) b.trivia = trivia;
      this.span(b, at);
      bindings.push(b);
      offsets.push(at);
    }
    if (suspect) {
      const d = findDuplicate(bindings, (n) => this.staticName(n));
      if (d !== undefined) throw this.duplicate(d.name, offsets[d.at]!, offsets[d.first]!);
    }
    return bindings;
  }

  private parseInherit(): Inherit {
    const lx = this.lx;
    const line = lx.tokLine;
    lx.next();
    let from: Expr | undefined;
    let fromComments: Comment[] | null = null;
    if (lx.type === T.LPAREN) {
      fromComments = this.takeLeading();
      lx.next();
      from = this.parseOp(LEVEL_LOOSEST);
      this.expect(T.RPAREN);
      lx.next();
    }
    const names: Mutable<Extract<AttrName, { kind: "name" }>>[] = [];
    for (;;) {
      const t = lx.type;
      const prev = names[names.length - 1];
      if (prev !== undefined) {
        const trailing = this.takeTrailing();
        if (trailing !== undefined) prev.trivia = { ...prev.trivia, trailing };
      }
      if (t !== T.ID && t !== T.OR_KW && t !== T.DQ && t !== T.DOLLAR_CURLY) break;
      const at = lx.start;
      const trivia = this.itemTrivia();
      const n = this.parseAttrName();
      const name = this.staticName(n);
      if (name === null) throw lx.error("dynamic attributes are not allowed in inherit", at);
      const entry: Mutable<Extract<AttrName, { kind: "name" }>> =
        n.kind === "name" ? n : { kind: "name", name };
      if (trivia !== undefined) entry.trivia = trivia;
      this.span(entry, at);
      names.push(entry);
    }
    if (lx.type !== T.SEMI) throw this.unexpected("an attribute name or ';'");
    const multiline = lx.tokLine !== line;
    lx.next();
    const b: Mutable<Inherit> = { kind: "inherit", names };
    if (from !== undefined) b.from = from;
    if (fromComments !== null) b.fromComments = fromComments;
    if (multiline) b.multiline = true;
    return b;
  }

  private duplicate(name: string, at: number, first: number): NixParseError {
    const f = NixParseError.at(this.lx.src, first, "");
    return this.lx.error(`attribute '${name}' already defined at ${f.line}:${f.column}`, at);
  }

  private parseList(): Expr {
    const lx = this.lx;
    const openLine = lx.tokLine;
    lx.next();
    const items: Expr[] = [];
    for (;;) {
      const prev = items[items.length - 1];
      if (prev !== undefined) {
        const tr = this.takeTrailing();
        if (tr !== undefined) setTrivia(prev, { trailing: tr });
      }
      if (lx.type === T.RBRACK) break;
      if (STARTS_TERM[lx.type] !== 1) throw this.unexpected("a list item or ']'");
      const trivia = this.itemTrivia();
      const item = this.parseTerm();
      if (trivia !== undefined) setTrivia(item, trivia);
      items.push(item);
    }
    const [closing, blankBeforeClose] = this.takeClosing();
    const multiline = lx.tokLine !== openLine;
    lx.next();
    const l: Mutable<Extract<Expr, { kind: "list" }>> = { kind: "list", items, [NODE]: true };
    if (closing) l.closingComments = closing;
    if (blankBeforeClose) l.blankLineBeforeClose = true;
    if (multiline) l.multiline = true;
    return l;
  }

  // -------------------------------------------------------------- functions

  /** At `{`: does a formals pattern (rather than a set) start here? */
  private isFormals(): boolean {
    const lx = this.lx;
    const s = lx.src;
    const saved = lx.pos;
    const at = lx.peekOffset();
    const c = s.charCodeAt(at);
    if (c === 125) {
      // `{ }` followed by `:` or `@` is a pattern.
      lx.pos = at + 1;
      const d = lx.peekChar();
      lx.pos = saved;
      return d === 58 || d === 64;
    }
    if (c === 46) return true; // `...`
    // An identifier (not a keyword) followed by `,`, `?` or `}`: scanned by hand, no token.
    if (!isIdStart(c)) return false;
    let e = at + 1;
    while (isIdChar(s.charCodeAt(e))) e++;
    lx.pos = e;
    const d = lx.peekChar();
    lx.pos = saved;
    if (d !== 44 && d !== 63 && d !== 125) return false;
    return !KEYWORDS.has(s.slice(at, e));
  }

  /** At `{` of a pattern: `{ a, b ? 1, ... }@args: body` (or after `args@`). */
  private parseFormalsLambda(bindBefore: string | undefined): Expr {
    const lx = this.lx;
    const openLine = lx.tokLine;
    lx.next();
    const formals: Formal[] = [];
    let blankBeforeComma = false;
    let ellipsis = false;
    let ellipsisTrivia: Trivia | undefined;
    for (;;) {
      const prev = formals[formals.length - 1];
      if (prev !== undefined) {
        const tr = this.takeTrailing();
        if (tr !== undefined) setTrivia(prev, { trailing: tr });
      }
      if (lx.type === T.RBRACE) break;
      if (lx.type === T.ELLIPSIS) {
        ellipsis = true;
        const leading = this.withBlankBefore(this.itemTrivia(), blankBeforeComma);
        lx.next();
        const trailing = this.takeTrailing();
        const t = trailing === undefined ? leading : { ...leading, trailing };
        if (t !== undefined) ellipsisTrivia = t;
        this.expect(T.RBRACE);
        break;
      }
      if (lx.type !== T.ID) throw this.unexpected("a formal argument, '...' or '}'");
      const trivia = this.withBlankBefore(this.itemTrivia(), blankBeforeComma);
      const name = lx.text;
      const at = lx.start;
      lx.next();
      const f: Mutable<Formal> = { name };
      if ((lx.type as TokenType) === T.QUESTION) {
        lx.next();
        f.default = this.parseOp(LEVEL_LOOSEST);
      }
      if (trivia !== undefined) f.trivia = trivia;
      if (formals.some((g) => g.name === name)) {
        throw lx.error(`duplicate formal function argument '${name}'`, at);
      }
      formals.push(f);
      if ((lx.type as TokenType) === T.COMMA) {
        // In the leading-comma style (`a # why` then `, b`), a comment at the end of the
        // formal's line is its own, and a blank line before the comma is one before the
        // formal after it (other comments move on by themselves).
        const tr = this.takeTrailing();
        if (tr !== undefined) setTrivia(f, { trailing: tr });
        blankBeforeComma = (lx.comments !== null ? lx.comments[0]!.newlines : lx.newlines) >= 2;
        lx.next();
      } else if ((lx.type as TokenType) !== T.RBRACE) throw this.unexpected("',' or '}'");
    }
    const multiline = lx.tokLine !== openLine;
    const [closing, blankBeforeClose] = this.takeClosing();
    lx.next();
    let bind: Formals["bind"];
    if (bindBefore !== undefined) bind = { name: bindBefore, position: "before" };
    else if ((lx.type as TokenType) === T.AT) {
      lx.next();
      if ((lx.type as TokenType) !== T.ID) throw this.unexpected("an identifier");
      bind = { name: lx.text, position: "after" };
      lx.next();
    }
    if (bind !== undefined && formals.some((g) => g.name === bind.name)) {
      throw lx.error(`duplicate formal function argument '${bind.name}'`);
    }
    this.expect(T.COLON);
    const colonLine = lx.tokLine;
    lx.next();
    const bodyOnNewLine = lx.tokLine !== colonLine;
    const param: Mutable<Formals> = { kind: "formals", formals };
    if (ellipsis) param.ellipsis = true;
    if (ellipsisTrivia !== undefined) param.ellipsisTrivia = ellipsisTrivia;
    if (closing) param.closingComments = closing;
    if (blankBeforeClose && (closing || formals.length > 0 || ellipsis)) {
      param.blankLineBeforeClose = true;
    }
    if (bind !== undefined) param.bind = bind;
    if (multiline) param.multiline = true;
    const body = this.parseOp(LEVEL_LOOSEST);
    return bodyOnNewLine
      ? { kind: "lambda", param, body, bodyOnNewLine: true, [NODE]: true }
      : { kind: "lambda", param, body, [NODE]: true };
  }
}

// ---------------------------------------------------------------- helpers

/** What stands before a binary operator: comments, then perhaps a blank line. */
interface OperatorTrivia {
  readonly comments: Comment[] | null;
  readonly blank: boolean;
}

/** `left op right`, with what was written before the operator. */
function binary(left: Expr, op: BinaryOp, right: Expr, before: OperatorTrivia): Expr {
  const e: Mutable<Extract<Expr, { kind: "binary" }>> = {
    kind: "binary",
    op,
    left,
    right,
    [NODE]: true,
  };
  if (before.comments !== null) e.opComments = before.comments;
  if (before.blank) e.blankLineBeforeOp = true;
  return e;
}

function setTrivia(n: Expr | Binding | Formal, t: Trivia): void {
  const m = n as { trivia?: Trivia };
  m.trivia = m.trivia ? { ...m.trivia, ...t } : t;
}

/** Comments before an expression, and whether a blank line separates them from it. */
interface Lead {
  readonly comments: Comment[];
  readonly blankAfter: boolean;
}

/** Adds comments before `e`'s own. */
function addLeading(e: Expr, { comments, blankAfter }: Lead): void {
  const m = e as { trivia?: Trivia };
  const old = m.trivia?.leading;
  if (old) {
    const [first, ...more] = old;
    const next = blankAfter ? { ...first!, blankLineBefore: true } : first!;
    m.trivia = { ...m.trivia, leading: [...comments, next, ...more] };
  } else {
    m.trivia = { ...m.trivia, leading: comments };
    if (blankAfter) m.trivia = { ...m.trivia, blankLineAfterComments: true };
  }
}

/**
 * The comments, each marked when a blank line comes before it; the first one only if
 * `first` (before an item's first comment, its own `blankLineBefore` says so).
 */
function withBlankLines(cs: readonly PendingComment[], first: boolean): Comment[] {
  return cs.map((c, i) =>
    c.newlines >= 2 && (first || i > 0) ? { ...c.comment, blankLineBefore: true } : c.comment,
  );
}
