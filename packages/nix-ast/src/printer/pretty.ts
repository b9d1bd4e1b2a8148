/**
 * From the tree to the document IR, rule by rule as the official Nix format lays code
 * out (docs/nixfmt-style.md). Each function takes the nesting level `lvl` of the code it
 * renders; "nest" in the format's rules is `lvl + 1`.
 *
 * Parentheses are not in the tree: {@link operand} adds them, from the precedence
 * table, wherever a child would otherwise change meaning.
 */
import type {
  AttrName,
  AttrPath,
  Attrs,
  Binary,
  Binding,
  Comment,
  Expr,
  Formals,
  If,
  Lambda,
  Let,
  List,
  Paren,
  Select,
  Str,
  StringPart,
  Trivia,
  With,
} from "../ast/nodes.js";
import { mergeText, type ExprLike } from "../ast/builders.js";
import { NODE } from "../ast/mark.js";
import { checkBindings, nameText } from "../ast/duplicates.js";
import { BlockWriter } from "./blocks.js";
import { hoistComments, takeLineEnd, withCommentAfterOpenInside } from "./hoist.js";
import {
  INT64_MIN,
  paren,
  operand,
  spine,
  hasLeading,
  isTerm,
  stringStyle,
  isAbsorbable,
  canFlattenFormals,
  hasClosingTrivia,
  isAbsorbableExpr,
  isSimpleName,
  isSimple,
  isOrArgument,
  oldLetSet,
} from "./classify.js";
import { NixAstError } from "../errors.js";
import {
  checkFloat,
  checkInt,
  checkNoNul,
  checkPathText,
  checkSearchPath,
} from "../ast/validate.js";
import { isIdentifier } from "../syntax/names.js";
import { floatLiteral, formatFloat, formatInt, intLiteral } from "../syntax/numbers.js";
import type { IndentedLine } from "../syntax/strings.js";
import type { Position } from "../syntax/precedence.js";
import { attrNameText, RAW_NEWLINE, stringForm } from "./strings.js";
import {
  block,
  type Doc,
  type DocE,
  emptyline,
  group,
  GroupKind,
  hardline,
  hardspace,
  line,
  lineBreak,
  newline,
  softbreak,
  softline,
  Sp,
  text,
  tok,
  TextKind,
  width,
} from "./doc.js";

// ---------------------------------------------------------------- the printer

/** (Made once: every list item is placed at it.) */
const LIST_ITEM: Position = { kind: "listItem" };

/**
 * Turns a tree into a document. Also checks, with the location, what the builders check
 * (for trees made by hand): numbers, NUL, paths, names, duplicates.
 */
export class Pretty {
  private readonly location: string[] = [];
  /** Inside a string's interpolation, where blocks would lose the string's offset. */
  private inString = 0;

  /** Whether the tree laid out has had its comments hoisted already (by {@link top}). */
  private hoisted = false;

  /**
   * @param width the line width, not counting indentation
   * @param blocks whether to use the fast path for sets and lists that always expand
   *   (off only to test that it lays out exactly as the document IR does)
   */
  constructor(
    width: number = 100,
    private readonly blocks: boolean = true,
  ) {
    this.blockWriter = new BlockWriter(width, {
      binding: (b) =>
        b.kind === "assign"
          ? this.assign(b.path, this.hoist(b.value), 0)
          : this.inherit(b.from ? { ...b, from: this.hoist(b.from) } : b, 0),
      item: (original) => this.expr(operand(this.hoist(original), LIST_ITEM), 0),
      checkBindings: (bs) => this.checkDuplicates(bs, false),
    });
  }

  private readonly blockWriter: BlockWriter;

  /** {@link fail}, made once (it is handed to checks run for every set). */
  private readonly failWith = (problem: string): never => this.fail(problem);

  private fail(problem: string): never {
    throw new NixAstError(problem, [...this.location]);
  }

  private at<T>(step: string, f: () => T): T {
    this.location.push(step);
    const result = f();
    this.location.pop();
    return result;
  }

  /**
   * A whole file that is a set or list which expands (node or plain value, which then
   * needs no tree), written by the fast path; undefined when it does not apply (see
   * {@link BlockWriter.writeFile}).
   */
  file(value: ExprLike): string | undefined {
    return this.blocks ? this.blockWriter.writeFile(value) : undefined;
  }

  /** The whole file. */
  top(e: Expr): Doc {
    const h = hoistComments(e);
    this.hoisted = true;
    this.root = h;
    const after = h.trivia?.after;
    const end = after?.length ? [hardline, ...this.comments(after, 0)] : [];
    return [group([...this.expr(h, 0), ...this.trailing(h.trivia, 0), ...end])];
  }

  /** The tree's root (only it may have comments after it). */
  private root: Expr | undefined;

  /**
   * A subtree the fast path hands over, with its comments hoisted (see `hoist.ts`) unless
   * the whole tree was.
   */
  private hoist(e: Expr): Expr {
    return this.hoisted ? e : hoistComments(e);
  }

  // ------------------------------------------------------------ trivia

  private comments(cs: readonly Comment[] | undefined, lvl: number): Doc {
    const out: Doc = [];
    for (const c of cs ?? []) {
      if (c.blankLineBefore) out.push(emptyline);
      if (c.kind === "block" && c.directive !== undefined) {
        out.push(...this.directive(c, lvl));
        continue;
      }
      checkNoNul(c.kind === "line" ? c.text : c.lines.join("\n"), this.location);
      if (c.kind === "line") {
        if (c.text.includes("\n")) this.fail("a # comment cannot hold a newline");
        // One at the end of a line of code is written `# text`, as the official format
        // writes a trailing comment.
        const body = c.endOfLine ? (c.text.trim() === "" ? "" : " " + c.text.trim()) : c.text;
        const kind = c.endOfLine ? TextKind.LineEndComment : TextKind.Comment;
        out.push(...text("#" + body, lvl, 0, kind), hardline);
      } else if (!c.doc && c.lines.length === 1) {
        // A one-line block comment is written as a line comment.
        const body = c.lines[0]!.trim();
        out.push(...text(body === "" ? "#" : "# " + body, lvl, 0, TextKind.Comment), hardline);
      } else {
        if (c.lines.some((l) => l.includes("*/"))) this.fail("a block comment cannot hold */");
        out.push(...text(c.doc ? "/**" : "/*", lvl, 0, TextKind.Comment), hardline);
        for (const l of c.lines) {
          if (l.trim() === "") out.push(emptyline);
          else out.push(...text(l, lvl, 2, TextKind.Comment), hardline);
        }
        out.push(tok("*/", lvl, 0, TextKind.Comment), hardline);
      }
    }
    return out;
  }

  /**
   * `/*nixfmt:disable*\/` and `/*nixfmt:enable*\/`: the start of a region (nothing is written
   * from there), and its end, where the region's text as written takes the place of what
   * its nodes would print. An `enable` that closes nothing is a comment.
   */
  private directive(c: Extract<Comment, { kind: "block" }>, lvl: number): Doc {
    if (c.directive === "disable") return [tok("", lvl, 0, TextKind.DisableMarker)];
    if (c.verbatim === undefined) {
      return [...text("/*nixfmt:enable*/", lvl, 0, TextKind.Comment), hardline];
    }
    checkNoNul(c.verbatim, this.location);
    if (c.toEnd) return [tok(c.verbatim, lvl, 0, TextKind.VerbatimToEof)];
    return [tok(c.verbatim, lvl, 0, TextKind.Verbatim), hardline];
  }

  /** Comments and a blank line before something. */
  private leading(t: Trivia | undefined, lvl: number): Doc {
    if (!hasLeading(t)) return [];
    return [
      hardline,
      ...(t!.blankLineBefore ? [emptyline] : []),
      ...this.comments(t!.leading, lvl),
      ...(t!.blankLineAfterComments && t!.leading?.length ? [emptyline] : []),
    ];
  }

  private trailing(t: Trivia | undefined, lvl: number): Doc {
    if (t?.trailing === undefined) return [];
    checkNoNul(t.trailing, this.location);
    if (t.trailing.includes("\n")) this.fail("a trailing # comment cannot hold a newline");
    const body = t.trailing.trim();
    return [
      hardspace,
      ...text(body === "" ? "#" : "# " + body, lvl, 0, TextKind.TrailingComment),
      hardline,
    ];
  }

  // ------------------------------------------------------------ expressions

  /** `pretty` of an expression: its leading trivia, then its layout. */
  expr(e: Expr, lvl: number): Doc {
    if (e.trivia?.blankLineAfter) {
      this.fail("a blank line after an expression can only end an interpolation");
    }
    if (e.trivia?.after !== undefined && e !== this.root) {
      this.fail("comments after an expression can only end a file or an interpolation");
    }
    const lead = e.kind === "apply" ? [] : this.leading(e.trivia, lvl);
    const body = this.exprBody(e, lvl);
    return lead.length ? [...lead, ...body] : body;
  }

  private exprBody(e: Expr, lvl: number): Doc {
    switch (e.kind) {
      case "int":
      case "float":
      case "string":
      case "path":
      case "searchPath":
      case "var":
      case "select":
      case "attrs":
      case "paren":
        return isTerm(e) ? this.term(e, lvl) : this.negative(e, lvl);
      case "list":
        return [group(this.term(e, lvl))];
      case "with":
        return this.with(e, false, lvl);
      case "let":
        return this.let(e, lvl);
      case "assert": {
        const cond = e.cond;
        // A call is written as more arguments of `assert`, unless comments stand before it.
        const [head, args] =
          cond.kind === "apply" && !hasLeading(cond.trivia)
            ? spine(cond)
            : ([cond, []] as [Expr, Expr[]]);
        const keyword: Expr = { kind: "var", name: "assert", [NODE]: true };
        const allArgs = [head, ...args];
        return [
          group([
            ...this.app(false, [], false, keyword, allArgs, lvl, true),
            tok(";", lvl),
            hardline,
            ...this.at("assert body", () => this.expr(e.body, lvl)),
          ]),
        ];
      }
      case "if":
        return [group(this.if(e, line, lvl))];
      case "lambda":
        return this.lambda(e, lvl);
      case "apply": {
        const [head, args] = spine(e);
        return this.app(false, [], false, head, args, lvl, false, e.trivia);
      }
      case "binary":
        return this.binary(e, lvl);
      case "hasAttr":
        return [
          ...this.expr(operand(e.expr, { kind: "hasAttrBase" }), lvl),
          softline,
          tok("?", lvl),
          hardspace,
          ...this.selectors(e.path, false, lvl),
        ];
      case "unary":
        return [
          ...text(e.op, lvl),
          ...this.expr(operand(e.expr, { kind: "unary", op: e.op }), lvl),
        ];
      default: {
        const never: never = e;
        throw new Error(`unknown node ${JSON.stringify(never)}`);
      }
    }
  }

  /** A negative number: unary minus before its literal. */
  private negative(e: Expr, lvl: number): Doc {
    if (e.kind === "int") {
      checkInt(e.value, this.location);
      return [...text("-" + formatInt(-e.value), lvl)];
    }
    if (e.kind === "float") {
      checkFloat(e.value, this.location);
      return [...text("-" + formatFloat(-e.value), lvl)];
    }
    throw new Error("unreachable");
  }

  /** A term, not grouped (the format's `prettyTerm`). */
  private term(e: Expr, lvl: number): Doc {
    switch (e.kind) {
      case "int":
        checkInt(e.value, this.location);
        if (e.value === INT64_MIN) {
          // No literal exists for the minimum: write it as an expression.
          return this.term(
            paren({
              kind: "binary",
              op: "-",
              left: { kind: "int", value: INT64_MIN + 1n, [NODE]: true },
              right: { kind: "int", value: 1n, [NODE]: true },
              [NODE]: true,
            }),
            lvl,
          );
        }
        return text(intLiteral(e.value, e.source), lvl);
      case "float":
        checkFloat(e.value, this.location);
        return text(floatLiteral(e.value, e.source), lvl);
      case "var":
        if (e.name === "or" && isOrArgument(e)) return text("or", lvl);
        if (!isIdentifier(e.name))
          this.fail(
            e.name === "or"
              ? 'the variable "or" can only be an argument, right after a function'
              : `${JSON.stringify(e.name)} is not a valid variable name`,
          );
        return text(e.name, lvl);
      case "searchPath":
        checkSearchPath(e.path, this.location);
        return text(`<${e.path}>`, lvl);
      case "path":
        checkPathText(e.parts, this.location);
        return this.path(e.parts, lvl);
      case "string":
        return this.string(e, lvl);
      case "select": {
        // `let { ...; body = e; }`, kept in its old form.
        const set = oldLetSet(e);
        return set !== undefined ? this.attrs(set, false, lvl, "let") : this.select(e, lvl);
      }
      case "list":
        return this.list(e, lvl);
      case "attrs":
        return this.attrs(e, false, lvl);
      case "paren":
        return this.paren(e, lvl);
      default:
        throw new Error(`not a term: ${e.kind}`);
    }
  }

  private termWide(e: Expr, lvl: number): Doc {
    if (e.kind === "select") {
      const set = oldLetSet(e);
      if (set !== undefined) return this.attrs(set, true, lvl, "let");
    }
    return e.kind === "attrs" ? this.attrs(e, true, lvl) : this.term(e, lvl);
  }

  // ------------------------------------------------------------ strings and paths

  private checkText(parts: readonly StringPart[]): void {
    for (const p of parts) if (typeof p === "string") checkNoNul(p, this.location);
  }

  private string(s: Str, lvl: number): Doc {
    this.checkText(s.parts);
    const form = stringForm(s);
    const body =
      form.style === "indented"
        ? this.indented(form.lines, lvl)
        : this.doubleQuoted(form.lines, lvl);
    if (s.language === undefined) return body;
    // `/* lua */ ''...''`: the comment naming the language stays beside the string.
    if (!/^[\p{L}\p{N}+._-]{1,30}$/u.test(s.language)) {
      this.fail(`${JSON.stringify(s.language)} is not a language name (letters, digits, +-._)`);
    }
    return [...text(`/* ${s.language} */`, lvl, 0, TextKind.Comment), hardspace, ...body];
  }

  /** `"..."`: lines written with raw newlines between them (as a file wrote them). */
  private doubleQuoted(lines: readonly IndentedLine[], lvl: number): Doc {
    const body: Doc = [];
    lines.forEach((l, i) => {
      if (i > 0) body.push(tok(RAW_NEWLINE, lvl));
      body.push(...this.stringLine(l, lvl));
    });
    return [group([tok('"', lvl), ...body, tok('"', lvl)])];
  }

  /** One line of a string: its text pieces (already escaped) and interpolations. */
  private stringLine(pieces: readonly (string | Expr)[], lvl: number): Doc {
    this.inString++;
    try {
      return this.stringLineInner(pieces, lvl);
    } finally {
      this.inString--;
    }
  }

  private stringLineInner(pieces: readonly (string | Expr)[], lvl: number): Doc {
    const first = pieces[0];
    if (pieces.length === 1 && typeof first !== "string" && first !== undefined) {
      return this.stringLineInner(["", first], lvl);
    }
    if (pieces.length === 2 && typeof first === "string" && /^\s*$/.test(first)) {
      const interp = pieces[1]!;
      if (typeof interp !== "string" && !hasLinesBeforeClose(interp)) {
        // (A comment at the end of the expression's line stays there.)
        const inner = this.parenInner(
          withoutClosingTrivia(interp),
          lvl + 1,
          this.trailing(interp.trivia, lvl + 1),
        );
        return [
          ...text(first, lvl),
          ...withOffset([group([tok("${", lvl), ...inner, tok("}", lvl)])], width(first)),
        ];
      }
    }
    const out: Doc = [];
    let offset = 0;
    pieces.forEach((p, i) => {
      if (typeof p === "string") {
        if (i === 0) offset = width(/^\s*/.exec(p)![0]);
        out.push(...withOffset(text(p, lvl), i === 0 ? 0 : offset));
      } else {
        out.push(...withOffset(this.interpolation(p, lvl), offset));
      }
    });
    return out;
  }

  /** `${e}` inside a string, a path or an attribute name. */
  private interpolation(e: Expr, lvl: number): Doc {
    this.inString++;
    try {
      return this.interpolationInner(e, lvl);
    } finally {
      this.inString--;
    }
  }

  private interpolationInner(e: Expr, lvl: number): Doc {
    // What stands before the `}` (see `Trivia.after`) is printed after the expression.
    const bare = withoutClosingTrivia(e);
    const absorbable = isTerm(bare) && isAbsorbable(withoutLeading(bare));
    // (The official format takes `${a.b # c` for simple: the comment is on the `b`.)
    const keepsLayout = absorbable || (endsInSimpleSelection(bare) && isSimple(bare));
    if (hasLinesBeforeClose(e) || (e.trivia?.trailing !== undefined && !keepsLayout)) {
      // The expression and what follows it go on lines of their own, the `}` below them.
      const t = e.trivia!;
      const closer: Closer = { closingComments: t.after, blankLineBeforeClose: t.blankLineAfter };
      return [
        group([
          tok("${", lvl),
          lineBreak,
          ...this.expr(bare, lvl + 1),
          ...this.trailing(t, lvl + 1),
          ...this.beforeClose(closer, lvl + 1),
          lineBreak,
          tok("}", lvl),
        ]),
      ];
    }
    const trailing = this.trailing(e.trivia, lvl);
    // A set, list or multi-line string opens on the `${` line (after its comments, if any).
    if (absorbable) {
      const lead = this.leading(bare.trivia, lvl);
      return [
        group([tok("${", lvl), ...lead, ...this.term(bare, lvl), ...trailing, tok("}", lvl)]),
      ];
    }
    const inner = this.expr(bare, lvl);
    if (isSimple(bare)) {
      return [tok("${", lvl), ...(unexpand(inner, Infinity) ?? inner), ...trailing, tok("}", lvl)];
    }
    const short = unexpand(inner, 30);
    return [
      group([
        tok("${", lvl),
        ...(short ?? [lineBreak, ...this.expr(bare, lvl + 1), lineBreak]),
        tok("}", lvl),
      ]),
    ];
  }

  private indented(lines: readonly IndentedLine[], lvl: number): Doc {
    const body: Doc = [];
    lines.forEach((l, i) => {
      if (i > 0) body.push(newline);
      if (l.length > 0) body.push(...this.stringLine(l, lvl + 1));
    });
    return [
      group([tok("''", lvl), ...(lines.length >= 2 ? [lineBreak] : []), ...body, tok("''", lvl)]),
    ];
  }

  private path(parts: readonly StringPart[], lvl: number): Doc {
    const out: Doc = [];
    for (const p of mergeText(parts)) {
      if (typeof p === "string") out.push(...text(p, lvl));
      else out.push(...this.interpolation(p, lvl));
    }
    return out;
  }

  // ------------------------------------------------------------ names and selection

  private attrName(n: AttrName, lvl: number): Doc {
    if (n.kind === "name") {
      checkNoNul(n.name, this.location);
      if (n.bare && n.name === "or") return text("or", lvl);
      return text(attrNameText(n), lvl);
    }
    if (n.expr.kind === "string" && stringStyle(n.expr) === "double" && !n.braces) {
      return this.string(n.expr, lvl);
    }
    return this.interpolation(n.expr, lvl);
  }

  private selectors(path: AttrPath, leadingDot: boolean, lvl: number): Doc {
    const out: Doc = [];
    path.forEach((n, i) => {
      if (leadingDot || i > 0) out.push(tok(".", lvl));
      out.push(...this.attrName(n, lvl));
    });
    return out;
  }

  private select(e: Select, lvl: number): Doc {
    const base = operand(e.expr, { kind: "selectBase", outerDefault: e.default !== undefined });
    // (Comments on the base stand before the whole selection: see `hoist.ts`.)
    const baseDoc = base.kind === "select" ? this.select(base, lvl) : this.term(base, lvl);
    const sep: Doc =
      // A number literal needs a space before `.` (`1.a` would lex as a float); the
      // smallest integer prints parenthesized and needs none.
      (base.kind === "int" && base.value !== INT64_MIN) || base.kind === "float"
        ? [hardspace]
        : base.kind === "var" || base.kind === "searchPath" || base.kind === "select"
          ? []
          : base.kind === "paren"
            ? [softbreak]
            : [lineBreak];
    const out: Doc = [...baseDoc, ...sep, ...this.leading({ leading: e.commentsBeforeDot }, lvl)];
    out.push(...this.selectors(e.path, true, lvl));
    if (e.default !== undefined) {
      const def = operand(e.default, { kind: "orDefault" });
      // (One at the end of the path's line goes back there: see `TextKind.LineEndComment`.)
      const before: Trivia = e.commentsBeforeOr?.length
        ? { leading: e.commentsBeforeOr, blankLineAfterComments: e.blankLineBeforeOr }
        : { blankLineBefore: e.blankLineBeforeOr };
      out.push(...this.leading(before, lvl + 1));
      out.push(softline, tok("or", lvl + 1), hardspace, ...this.expr(def, lvl + 1));
    }
    return out;
  }

  // ------------------------------------------------------------ lists and sets

  private list(e: List, lvl: number): Doc {
    if (e.items.length === 0 && !e.closingComments?.length) {
      const sep = e.blankLineBeforeClose ? emptyline : e.multiline ? hardline : hardspace;
      return [tok("[", lvl), sep, tok("]", lvl)];
    }
    if (e.items.length >= 2 || e.multiline) {
      const lines = this.tryBlock(e);
      if (lines !== undefined) return [block(lines, lvl)];
    }
    return this.renderList([hardline], e, lvl);
  }

  private renderList(sep: Doc, e: List, lvl: number): Doc {
    const items: Doc[] = e.items.map((item, i) =>
      this.at(`list item ${i + 1}`, () => {
        const x = operand(item, LIST_ITEM);
        const lead = this.leading(item.trivia, lvl + 1);
        const body = this.exprBody(x, lvl + 1);
        return [...lead, group(body), ...this.trailing(item.trivia, lvl + 1)];
      }),
    );
    this.closing(items, e, lvl + 1);
    const onlyComments = e.items.length === 0;
    const sur = e.multiline || onlyComments ? hardline : line;
    return [tok("[", lvl), sur, ...join(items, sep), sur, tok("]", lvl)];
  }

  private attrs(e: Attrs, wide: boolean, lvl: number, keyword = e.rec ? "rec" : undefined): Doc {
    const rec = keyword ? [tok(keyword, lvl), hardspace] : [];
    if (e.bindings.length === 0 && !e.closingComments?.length) {
      // With comments or a blank line before it, the official format writes an empty set
      // as it does a full one: `{` and `}` on lines of their own when what holds it breaks.
      const sep = e.blankLineBeforeClose
        ? emptyline
        : e.multiline
          ? hardline
          : isEmptySetAfterTrivia(e)
            ? line
            : hardspace;
      return [...rec, tok("{", lvl), sep, tok("}", lvl)];
    }
    const expanded = (wide && e.bindings.length > 0) || e.multiline || e.bindings.length >= 2;
    // (The fast path writes a set's own keyword: not `let` for an old `let { }`.)
    if (expanded && keyword === (e.rec ? "rec" : undefined)) {
      const lines = this.tryBlock(e);
      if (lines !== undefined) return [block(lines, lvl)];
    }
    this.checkDuplicates(e.bindings, false);
    const items = this.bindings(e.bindings, e, lvl + 1);
    const sep = (wide && e.bindings.length > 0) || e.multiline ? hardline : line;
    return [...rec, tok("{", lvl), sep, ...items, sep, tok("}", lvl)];
  }

  /** An expanded set or list written by the fast path, or undefined (see blocks.ts). */
  private tryBlock(e: Attrs | List): string | undefined {
    if (this.inString > 0 || !this.blocks) return undefined;
    return this.blockWriter.write(e);
  }

  /** Bindings separated by line breaks (sets and `let`). */
  private bindings(bs: readonly Binding[], closer: Closer, lvl: number): Doc {
    const items: Doc[] = bs.map((b) =>
      this.at(`binding ${bindingLabel(b)}`, () => [
        ...this.leading(b.trivia, lvl),
        group(b.kind === "assign" ? this.assign(b.path, b.value, lvl) : this.inherit(b, lvl)),
        ...this.trailing(b.trivia, lvl),
      ]),
    );
    this.closing(items, closer, lvl);
    return join(items, [hardline]);
  }

  /**
   * Adds to a set's, list's, pattern's or `let`'s items its closing comments and blank
   * line (a blank line only after something).
   */
  private closing(items: Doc[], closer: Closer, lvl: number): void {
    // (In an empty one, a blank line is all there is between the brackets.)
    const doc = this.beforeClose(closer, lvl);
    if (doc.length > 0) items.push(doc);
  }

  private assign(path: AttrPath, value: Expr, lvl: number): Doc {
    const simple = path.length <= 4 && path.every(isSimpleName);
    const rhs = this.at("value", () => this.absorbRHS(value, lvl + 1));
    return [
      ...this.selectors(path, false, lvl),
      hardspace,
      tok("=", lvl + 1),
      ...(simple ? rhs : [lineBreak, group(rhs, GroupKind.Priority)]),
      // (A comment written before the `;` ends the value's line: the `;` goes below.)
      ...this.trailing(value.trivia, lvl + 1),
      tok(";", lvl),
    ];
  }

  private inherit(b: Extract<Binding, { kind: "inherit" }>, lvl: number): Doc {
    // Dynamic names were refused with the set's other names (checkDuplicates).
    if (b.names.length === 0) this.fail("inherit needs at least one name");
    const compact = !b.multiline && b.names.length < 4;
    const sep = compact ? line : hardline;
    const nosep = compact ? lineBreak : hardline;
    const ids = join(
      b.names.map((n) => [
        ...this.leading(n.trivia, lvl + 1),
        ...this.attrName(n, lvl + 1),
        ...this.trailing(n.trivia, lvl + 1),
      ]),
      [sep],
    );
    if (b.from === undefined) {
      return [tok("inherit", lvl), sep, ...ids, nosep, tok(";", lvl + 1)];
    }
    // Comments before `(`, then one after it, stand before it (as in any parenthesized term).
    const [source, afterOpen] = takeLineEnd(b.from);
    const before = [...(b.fromComments ?? []), ...(afterOpen ? [afterOpen] : [])];
    const from: Expr =
      before.length === 0
        ? operand(paren(b.from), { kind: "argument" })
        : { ...paren(source), trivia: { leading: before } };
    return [
      tok("inherit", lvl),
      group([line, ...this.expr(from, lvl + 1)]),
      sep,
      ...ids,
      nosep,
      tok(";", lvl + 1),
    ];
  }

  /** Duplicate names are an error in Nix: refuse them here with the place. */
  private checkDuplicates(bs: readonly Binding[], inLet: boolean): void {
    checkBindings(bs, inLet, this.failWith);
  }

  // ------------------------------------------------------------ parentheses

  private paren(e: Paren, lvl: number): Doc {
    return [
      group([
        tok("(", lvl),
        ...this.parenInner(e.expr, lvl + 1),
        ...this.beforeClose(e, lvl + 1),
        tok(")", lvl),
      ]),
    ];
  }

  /**
   * Comments and a blank line before a closing bracket or `in`, on lines of their own
   * (which expand what they close).
   */
  private beforeClose(closer: Closer, lvl: number): Doc {
    const cs = closer.closingComments;
    return [
      ...(cs?.length ? [hardline, ...this.comments(cs, lvl)] : []),
      ...(closer.blankLineBeforeClose ? [emptyline] : []),
    ];
  }

  /** The inside of `( ... )` or of `${ ... }`: what stays on the opening line. */
  private parenInner(e: Expr, lvl: number, trailing: Doc = []): Doc {
    // (Comments before it do not keep a set, list or string from opening on this line.)
    if (isAbsorbableExpr(withoutLeading(e))) {
      return [group(this.absorbExpr(false, e, lvl)), ...trailing];
    }
    if (e.kind === "apply" && !hasLeading(e.trivia)) {
      const [head, args] = spine(e);
      return [...this.app(true, [], true, head, args, lvl, false), ...trailing];
    }
    if (e.kind === "select") {
      const base = operand(e.expr, { kind: "selectBase", outerDefault: e.default !== undefined });
      const ex = group(this.expr(e, lvl));
      return isTerm(base) && isAbsorbable(base)
        ? [lineBreak, ex, ...trailing, lineBreak]
        : [ex, ...trailing, lineBreak];
    }
    return [lineBreak, group(this.expr(e, lvl)), ...trailing, lineBreak];
  }

  /** A parenthesized expression that keeps `(` on the line before it. */
  private absorbParen(e: Paren, lvl: number): Doc {
    return [
      group(
        [
          // Comments before `(` go with it (and put the expression on lines of its own).
          ...this.leading(e.trivia, lvl + 1),
          tok("(", lvl + 1),
          lineBreak,
          group(this.expr(e.expr, lvl + 2)),
          lineBreak,
          ...this.beforeClose(e, lvl + 2),
          tok(")", lvl + 1),
        ],
        GroupKind.Priority,
      ),
    ];
  }

  private absorbExpr(wide: boolean, e: Expr, lvl: number): Doc {
    if (isTerm(e) && isAbsorbable(e)) {
      return [
        ...this.leading(e.trivia, lvl),
        ...(wide ? this.termWide(e, lvl) : this.term(e, lvl)),
      ];
    }
    if (e.kind === "with" && isAbsorbableExpr(e)) {
      return [...this.leading(e.trivia, lvl), ...this.with(e, true, lvl)];
    }
    return this.expr(e, lvl);
  }

  /**
   * The value of a binding or a formal's default, after `=` or `?` (at level `lvl`): kept on
   * that line when it opens a block, else moved to the next line when it does not fit.
   */
  private absorbRHS(e: Expr, lvl: number): Doc {
    const n = lvl + 1;
    if (e.kind === "paren" && !isAbsorbableExpr(e)) {
      // A comment after `(` stays inside: the parenthesis opens on the `=` line; comments
      // before it go before it.
      return [hardspace, ...this.absorbParen(withCommentAfterOpenInside(e), n)];
    }
    if (isEmptySetAfterTrivia(e)) {
      // The official format takes an empty set after comments for a block: the comments go
      // below the `=`, and the set stays `{ }` when it fits.
      return [line, ...this.leading(e.trivia, n), group(this.term(e, n))];
    }
    if (hasLeading(e.trivia) && e.kind === "binary") {
      // `a ++ [` stays on one line below the comments.
      const compact = this.compactOperation(
        withoutLeading(e) as Binary,
        lvl,
        this.leading(e.trivia, n),
      );
      if (compact) return compact;
    }
    if (hasLeading(e.trivia) && e.kind !== "apply") {
      return [line, ...this.expr(e, n)];
    }
    if (e.kind === "attrs" && e.bindings.length === 1 && e.bindings[0]!.kind === "inherit") {
      return [hardspace, group(this.absorbExpr(false, e, n))];
    }
    if (isAbsorbableExpr(e)) return [hardspace, group(this.absorbExpr(true, e, n))];
    switch (e.kind) {
      case "string":
      case "path":
        return [hardspace, group(this.expr(e, n))];
      case "apply": {
        const [head, args] = spine(e);
        return this.app(false, [line], false, head, args, n, false, e.trivia);
      }
      case "with":
        return [group([line, ...this.expr(e, n)])];
      case "binary": {
        const compact = this.compactOperation(e, lvl);
        if (compact) return compact;
        break;
      }
    }
    if (isTerm(e)) return [group([line, ...this.expr(e, n)])];
    return [line, group(this.expr(e, n))];
  }

  /** `//`, `++` and `+` next to a set or list: kept compact where the format allows. */
  private compactOperation(e: Binary, lvl: number, lead: Doc = []): Doc | undefined {
    if (e.op !== "//" && e.op !== "++" && e.op !== "+") return undefined;
    const operands = this.flatten(e);
    const first = operands[0]![0];
    // (After comments, the first operand does not open on the `=` line.)
    if (lead.length === 0 && isTerm(first) && isAbsorbable(first) && !hasLeading(first.trivia)) {
      return [hardspace, ...this.operation(true, e, lvl)];
    }
    const right = operand(e.right, { kind: "binary", op: e.op, side: "right" });
    const plain = operands.every(([, op]) => !op?.opComments?.length && !op?.blankLineBeforeOp);
    // (Comments before the last operand do not keep it from being absorbed.)
    if (isTerm(right) && isAbsorbable(withoutLeading(right)) && plain) {
      const left = operand(e.left, { kind: "binary", op: e.op, side: "left" });
      const n = lvl + 1;
      const last = [...this.leading(right.trivia, n), ...this.termWide(right, n)];
      return [
        group([
          line,
          ...lead,
          ...this.expr(left, n),
          line,
          group(
            [...text(e.op, n), hardspace, group(last, GroupKind.Priority)],
            GroupKind.Transparent,
          ),
        ]),
      ];
    }
    return undefined;
  }

  // ------------------------------------------------------------ operators

  /**
   * Operands of a chain of one operator, each with the operation whose operator stands
   * before it (its comments and blank line go before that operator).
   */
  private flatten(e: Binary): [Expr, Binary | undefined][] {
    const out: [Expr, Binary | undefined][] = [];
    // `after`: the operation whose operator stands before `x` (none for the first).
    const walk = (x: Expr, after: Binary | undefined): void => {
      if (x.kind === "binary" && x.op === e.op) {
        // A right operand's chain is the same chain: comments before it are its first
        // operand's (where they were before they were hoisted).
        const y = x === e || !hasLeading(x.trivia) ? x : commentsOnLeft(x);
        walk(operand(y.left, { kind: "binary", op: y.op, side: "left" }), after);
        walk(operand(y.right, { kind: "binary", op: y.op, side: "right" }), y);
      } else out.push([x, after]);
    };
    walk(e, undefined);
    return out;
  }

  /** What stands before an operation's operator: its comments, then a blank line. */
  private beforeOperator(e: Binary, lvl: number): Doc {
    return [...this.comments(e.opComments, lvl), ...(e.blankLineBeforeOp ? [emptyline] : [])];
  }

  private binary(e: Binary, lvl: number): Doc {
    switch (e.op) {
      case "<":
      case "<=":
      case ">":
      case ">=":
      case "==":
      case "!=":
        return [
          ...this.expr(operand(e.left, { kind: "binary", op: e.op, side: "left" }), lvl),
          softline,
          ...this.beforeOperator(e, lvl),
          ...text(e.op, lvl),
          hardspace,
          ...this.expr(operand(e.right, { kind: "binary", op: e.op, side: "right" }), lvl),
        ];
      default:
        return this.operation(false, e, lvl);
    }
  }

  private operation(forceFirstWide: boolean, e: Binary, lvl: number): Doc {
    const out: Doc = [];
    for (const [x, after] of this.flatten(e)) {
      if (after === undefined) {
        out.push(
          ...(isTerm(x) && isAbsorbable(x) && forceFirstWide
            ? this.termWide(x, lvl)
            : this.expr(x, lvl)),
        );
        continue;
      }
      out.push(
        line,
        ...this.beforeOperator(after, lvl),
        ...text(after.op, lvl),
        ...this.absorbOperand(x, lvl + 1),
      );
    }
    return [group(out)];
  }

  private absorbOperand(x: Expr, lvl: number): Doc {
    if (isTerm(x) && isAbsorbable(x)) return [hardspace, ...this.expr(x, lvl)];
    if (x.kind === "binary") return [group([line, ...this.expr(x, lvl)])];
    if (x.kind === "apply" && !hasLeading(x.trivia)) {
      const [head, args] = spine(x);
      return [group([hardspace, ...this.app(false, [line], false, head, args, lvl, false)])];
    }
    return [hardspace, ...this.expr(x, lvl)];
  }

  // ------------------------------------------------------------ application

  /**
   * `f a b`: as many arguments on the first line as fit, the last one absorbed when it is
   * a set, list or parenthesized function; `pre`/`post` are spacings the caller injects
   * inside the group.
   */
  private app(
    indentFunction: boolean,
    pre: Doc,
    hasPost: boolean,
    head: Expr,
    args: readonly Expr[],
    lvl: number,
    keywordHead: boolean,
    trivia?: Trivia,
  ): Doc {
    // Comments before the call move out of it, so that they do not force it to expand.
    const hoisted = [...this.leading(trivia, lvl), ...this.leading(head.trivia, lvl)];
    const headDoc = (l: number): Doc => (keywordHead ? text("assert", l) : this.exprBody(head, l));
    const post: Doc = hasPost ? [lineBreak] : [];
    const last = args[args.length - 1]!;
    const fArgs = args.slice(0, -1);

    const absorbApp = (n: number, l: number): Doc => {
      if (n === 0) {
        return indentFunction && hoisted.length === 0
          ? [group([lineBreak, ...headDoc(l + 1)])]
          : headDoc(l);
      }
      const a = fArgs[n - 1]!;
      if (a.kind === "select") {
        return [
          group(absorbApp(n - 1, l), GroupKind.Transparent),
          line,
          group(this.absorbInner(a, l + 1)),
        ];
      }
      const prev = fArgs[n - 2];
      if (n >= 2 && a.kind === "list" && prev?.kind === "list") {
        return [
          group(
            [
              group(absorbApp(n - 2, l), GroupKind.Transparent),
              group([
                line,
                group(this.absorbInner(prev, l + 1)),
                line,
                group(this.absorbInner(a, l + 1)),
              ]),
            ],
            GroupKind.Transparent,
          ),
        ];
      }
      return [
        group(absorbApp(n - 1, l), GroupKind.Transparent),
        line,
        group(this.absorbInner(a, l + 1), GroupKind.Priority),
      ];
    };

    const out: Doc = [...hoisted];
    const prevArg = fArgs[fArgs.length - 1];
    if (last.kind === "list" && prevArg?.kind === "list") {
      out.push(
        group([
          ...pre,
          group(absorbApp(fArgs.length - 1, lvl), GroupKind.Transparent),
          line,
          group(this.absorbInner(prevArg, lvl + 1)),
          line,
          group(this.absorbInner(last, lvl + 1)),
          ...post,
        ]),
      );
    } else {
      const renderedF: Doc = [...pre, group(absorbApp(fArgs.length, lvl), GroupKind.Transparent)];
      const simple =
        !keywordHead &&
        args.length <= 2 &&
        isSimple(head) &&
        args.every(isSimple) &&
        hoisted.length === 0;
      const flat = simple ? unexpand(renderedF, Infinity) : undefined;
      const lastDoc = this.at(`argument ${args.length}`, () => this.absorbLast(last, lvl));
      out.push(
        flat
          ? group([...flat, hardspace, ...lastDoc])
          : group([...renderedF, line, ...lastDoc, ...post]),
      );
    }
    if (hasPost && hoisted.length) out.push(hardline);
    return out;
  }

  private absorbInner(a: Expr, lvl: number): Doc {
    if (a.kind === "list" && a.items.length <= 6 && a.items.length > 0 && !hasClosingTrivia(a)) {
      // Comments before the list (one that ended the line before, say) do not expand it.
      const items = a.items.map((x) => operand(x, LIST_ITEM));
      if (items.every((x) => isSimple(x))) {
        return [...this.leading(a.trivia, lvl), ...this.renderList([line], a, lvl)];
      }
    }
    return this.expr(a, lvl);
  }

  private absorbLast(a: Expr, lvl: number): Doc {
    if (isTerm(a) && isAbsorbable(a) && !hasLeading(a.trivia)) {
      return [group(this.term(a, lvl + 1), GroupKind.Priority)];
    }
    if (a.kind === "paren" && hasLeading(a.trivia)) {
      // A comment after `(` stays inside: the parenthesis opens on the call's line; comments
      // before it go before it.
      return this.absorbParen(withCommentAfterOpenInside(a), lvl);
    }
    if (a.kind === "paren" && !hasLeading(a.trivia)) {
      const inner = a.expr;
      // These two forms write `)` themselves: none of them with comments before it.
      const plain = !hasClosingTrivia(a);
      if (
        plain &&
        inner.kind === "lambda" &&
        typeof inner.param === "string" &&
        isTerm(inner.body) &&
        isAbsorbable(inner.body) &&
        !hasLeading(inner.trivia) &&
        !hasLeading(inner.body.trivia)
      ) {
        return [
          group(
            [
              ...text("(" + inner.param + ":", lvl + 1),
              hardspace,
              ...this.termWide(inner.body, lvl + 1),
              tok(")", lvl + 1),
            ],
            GroupKind.Priority,
          ),
        ];
      }
      if (
        plain &&
        inner.kind === "apply" &&
        inner.fn.kind === "var" &&
        inner.args.length === 1 &&
        isTerm(inner.args[0]) &&
        isAbsorbable(inner.args[0]) &&
        !hasLeading(inner.trivia) &&
        !hasLeading(inner.fn.trivia)
      ) {
        return [
          group(
            [
              ...text("(" + inner.fn.name, lvl + 1),
              hardspace,
              ...this.termWide(inner.args[0], lvl + 1),
              tok(")", lvl + 1),
            ],
            GroupKind.Priority,
          ),
        ];
      }
      return this.absorbParen(a, lvl);
    }
    return [group(this.expr(a, lvl + 1))];
  }

  // ------------------------------------------------------------ with, let, if, lambdas

  private with(e: With, absorb: boolean, lvl: number): Doc {
    const head = [tok("with", lvl), hardspace, group(this.expr(e.env, lvl + 1)), tok(";", lvl)];
    if (absorb) {
      return [
        group([
          lineBreak,
          ...head,
          hardspace,
          group(this.termWide(e.body, lvl), GroupKind.Priority),
        ]),
      ];
    }
    return [group(head), line, ...this.expr(e.body, lvl)];
  }

  private let(e: Let, lvl: number): Doc {
    const { bindings: bs, body } = e;
    this.checkDuplicates(bs, true);
    return [
      group([tok("let", lvl), hardline, ...this.bindings(bs, e, lvl + 1)]),
      hardline,
      group([tok("in", lvl), hardline, ...this.at("let body", () => this.expr(body, lvl))]),
    ];
  }

  private if(e: If, sep: DocE, lvl: number): Doc {
    return [
      group([
        tok("if", lvl),
        line,
        ...this.at("if condition", () => this.expr(e.cond, lvl + 1)),
        line,
        ...this.comments(e.thenComments, lvl),
        ...(e.blankLineBeforeThen ? [emptyline] : []),
        tok("then", lvl),
      ]),
      sep,
      group(this.at("then branch", () => this.expr(e.then, lvl + 1))),
      sep,
      ...this.comments(e.elseComments, lvl),
      ...(e.blankLineBeforeElse ? [emptyline] : []),
      tok("else", lvl),
      hardspace,
      // An `if` after `else` continues the chain, after its comments if it has some.
      ...(e.else.kind === "if"
        ? [...this.leading(e.else.trivia, lvl), ...this.if(e.else, hardline, lvl)]
        : [line, group(this.at("else branch", () => this.expr(e.else, lvl + 1)))]),
    ];
  }

  private lambda(e: Lambda, lvl: number): Doc {
    if (typeof e.param === "string") {
      if (!isIdentifier(e.param))
        this.fail(`${JSON.stringify(e.param)} is not a valid parameter name`);
      const rest = (body: Expr, depth: number): Doc => {
        if (body.kind === "lambda" && typeof body.param === "string") {
          if (!isIdentifier(body.param))
            this.fail(`${JSON.stringify(body.param)} is not a valid parameter name`);
          // Comments before a parameter stay in the chain (and expand it).
          const lead = this.leading(body.trivia, lvl);
          return [
            ...(lead.length > 0 ? lead : [hardspace]),
            ...text(body.param + ":", lvl),
            ...rest(body.body, depth + 1),
          ];
        }
        if (isAbsorbableExpr(body) || isEmptySetAfterTrivia(body)) {
          return [hardspace, group(this.absorbExpr(false, body, lvl), GroupKind.Priority)];
        }
        return [depth <= 2 ? line : hardline, ...this.expr(body, lvl)];
      };
      return [group([lineBreak, ...text(e.param + ":", lvl), ...rest(e.body, 1)])];
    }
    const params = this.formals(e.param, lvl);
    const body = e.body;
    // (With an `@` name, the official format keeps neither rule below.)
    const plainSet = e.param.bind === undefined;
    if (e.bodyOnNewLine && plainSet) {
      return [...params, tok(":", lvl), hardline, ...this.expr(body, lvl)];
    }
    if (plainSet && canFlattenFormals(e.param) && isAbsorbableExpr(body)) {
      return [...params, tok(":", lvl), hardspace, group(this.expr(body, lvl), GroupKind.Priority)];
    }
    if (isTerm(body) && isAbsorbable(body)) {
      return [...params, tok(":", lvl), line, group(this.termWide(body, lvl))];
    }
    return [...params, tok(":", lvl), line, ...this.expr(body, lvl)];
  }

  private formals(f: Formals, lvl: number): Doc {
    const names = new Set<string>();
    const check = (n: string): void => {
      if (!isIdentifier(n)) this.fail(`${JSON.stringify(n)} is not a valid formal name`);
      if (names.has(n)) this.fail(`formal "${n}" is given twice`);
      names.add(n);
    };
    for (const x of f.formals) check(x.name);
    if (f.bind) check(f.bind.name);

    let set: Doc;
    if (f.formals.length === 0 && !f.ellipsis && !hasClosingTrivia(f)) {
      set = [group([tok("{", lvl), f.multiline ? hardline : hardspace, tok("}", lvl)])];
    } else {
      const sep = canFlattenFormals(f) ? line : hardline;
      const items: Doc[] = f.formals.map((x, i) =>
        this.at(`formal ${x.name}`, () => {
          const isLast = i === f.formals.length - 1 && !f.ellipsis;
          const comma = isLast ? text(",", lvl + 1, 0, TextKind.Trailing) : text(",", lvl + 1);
          const nameDoc = text(x.name, lvl + 1);
          // The last formal's comma is printed only when the formals are expanded, so it
          // stays outside the formal's own group.
          const body =
            x.default === undefined
              ? [...nameDoc, ...comma]
              : [
                  group([
                    ...nameDoc,
                    hardspace,
                    tok("?", lvl + 2),
                    ...this.absorbRHS(x.default, lvl + 2),
                    ...(isLast ? [] : comma),
                  ]),
                  ...(isLast ? comma : []),
                ];
          return [...this.leading(x.trivia, lvl + 1), ...body, ...this.trailing(x.trivia, lvl + 1)];
        }),
      );
      if (f.ellipsis) {
        const t = f.ellipsisTrivia;
        items.push([
          ...this.leading(t, lvl + 1),
          ...text("...", lvl + 1),
          ...this.trailing(t, lvl + 1),
        ]);
      }
      this.closing(items, f, lvl + 1);
      set = [group([tok("{", lvl), sep, ...join(items, [sep]), sep, tok("}", lvl)])];
    }
    if (!f.bind) return set;
    return f.bind.position === "before"
      ? [...text(f.bind.name + "@", lvl), ...set]
      : [...set, ...text("@" + f.bind.name, lvl)];
  }
}

// ---------------------------------------------------------------- helpers

/**
 * What ends a set, a list, parentheses, a pattern or a `let`: comments, and a blank line,
 * before the bracket or `in`.
 */
type Closer = Pick<Attrs, "closingComments" | "blankLineBeforeClose">;

function bindingLabel(b: Binding): string {
  if (b.kind === "inherit") return `inherit ${b.names.map((n) => n.name).join(" ")}`;
  // (Made for every binding laid out, error or not: the common one-name path makes no array.)
  return b.path.length === 1 ? nameText(b.path[0]) : b.path.map(nameText).join(".");
}

/** The expression without comments or a blank line before it. */
function withoutLeading(e: Expr): Expr {
  if (!hasLeading(e.trivia)) return e;
  const { leading: _, blankLineBefore: _b, blankLineAfterComments: _a, ...rest } = e.trivia!;
  return { ...e, trivia: rest } as Expr;
}

/** An operation with its comments and blank line moved to its left operand. */
function commentsOnLeft(x: Binary): Binary {
  const { leading, blankLineBefore, blankLineAfterComments, ...rest } = x.trivia!;
  const moved: Trivia = {
    ...x.left.trivia,
    ...(blankLineBefore ? { blankLineBefore } : {}),
    ...(blankLineAfterComments ? { blankLineAfterComments } : {}),
    leading: [...(leading ?? []), ...(x.left.trivia?.leading ?? [])],
  };
  const left = { ...x.left, trivia: moved } as Expr;
  const { trivia: _, ...bare } = x;
  return Object.keys(rest).length > 0 ? { ...bare, left, trivia: rest } : { ...bare, left };
}

function join(items: readonly Doc[], sep: Doc): Doc {
  const out: Doc = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(...sep);
    out.push(...item);
  });
  return out;
}

/** The same document with every text shifted right by `n` columns (inside strings). */
function withOffset(doc: Doc, n: number): Doc {
  if (n === 0) return doc;
  return doc.map((e) =>
    e.t === 0
      ? { ...e, offset: e.offset + n }
      : e.t === 2
        ? group(withOffset(e.doc, n), e.kind)
        : e,
  );
}

/**
 * The document forced onto one line, or undefined when it holds a line break or is
 * longer than `max` columns.
 */
function unexpand(doc: Doc, max: number): Doc | undefined {
  const out: Doc = [];
  let w = 0;
  const walk = (d: Doc): boolean => {
    for (const e of d) {
      if (e.t === 2) {
        if (!walk(e.doc)) return false;
        continue;
      }
      if (e.t === 3) return false;
      if (e.t === 0) {
        if (e.kind >= TextKind.DisableMarker) return false; // a disabled region is lines
        w += e.w;
        out.push(e);
      } else if (e.sp === Sp.Space || e.sp === Sp.Softspace || e.sp === Sp.Hardspace) {
        w += 1;
        out.push(hardspace);
      } else if (e.sp === Sp.Break || e.sp === Sp.Softbreak) {
        continue;
      } else return false;
      if (w > max) return false;
    }
    return true;
  };
  return walk(doc) ? out : undefined;
}

/**
 * An empty set with blank lines or comments of their own lines before its `{`: the official
 * format writes it as a full set (`{` and `}` on lines of their own unless what holds it
 * fits) and absorbs it where it absorbs a block. (A comment at the end of the line before
 * belongs to that line's last token, not to the `{`.)
 */
function isEmptySetAfterTrivia(e: Expr): boolean {
  if (e.kind !== "attrs" || e.bindings.length > 0 || e.closingComments?.length) return false;
  const t = e.trivia;
  return (
    !!t && (!!t.blankLineBefore || !!t.leading?.some((c) => c.kind === "block" || !c.endOfLine))
  );
}

/** Whether an interpolation's expression has comments of their own lines or a blank line before its `}`. */
function hasLinesBeforeClose(e: Expr): boolean {
  return !!e.trivia?.after?.length || !!e.trivia?.blankLineAfter;
}

/** Whether an expression's last token is an attribute name it selects (`a.b`, `f a.b`). */
function endsInSimpleSelection(e: Expr): boolean {
  const last = e.kind === "apply" ? e.args[e.args.length - 1]! : e;
  return last.kind === "select" && last.default === undefined && !last.trivia;
}

/** An interpolation's expression without what stands before its `}`. */
function withoutClosingTrivia(e: Expr): Expr {
  if (e.trivia === undefined) return e;
  const { trailing: _t, after: _a, blankLineAfter: _b, ...rest } = e.trivia;
  if (Object.keys(rest).length > 0) return { ...e, trivia: rest };
  const { trivia: _, ...bare } = e;
  return bare as Expr;
}
