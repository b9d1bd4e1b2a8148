/**
 * Comments on the first part of an expression (the left operand of an operator, the base
 * of a selection or of `?`, the function of a call) stand before the whole expression in
 * the printed text, and that is where the parser attaches them when it reads the text
 * back. Moving them there before layout makes a built tree lay out as its printed text
 * does once parsed: printing stays a fixpoint of `nix-ast fmt`.
 */
import { mapChildren } from "../ast/map.js";
import type { Comment, Expr, Formals, Paren, Trivia } from "../ast/nodes.js";
import { firstPart } from "./classify.js";

/**
 * `e` with every comment on a first part moved to the expression it starts, and every
 * comment written at the end of the line of `if`, `else` or an operator moved where the
 * official format writes it (see {@link moveLineEndComments}).
 */
export function hoistComments(e: Expr): Expr {
  const node = moveLineEndComments(mapChildren(e, hoistComments));
  const first = firstPart(node);
  if (first === undefined || !first.trivia?.leading?.length) return node;
  const { leading, blankLineBefore, blankLineAfterComments, ...keep } = first.trivia;
  const bare = (
    Object.keys(keep).length > 0 ? { ...first, trivia: keep } : withoutTrivia(first)
  ) as Expr;
  const trivia = merge(node.trivia, leading, !!blankLineBefore, !!blankLineAfterComments);
  return { ...withFirstPart(node, bare), trivia } as Expr;
}

function withFirstPart(e: Expr, part: Expr): Expr {
  switch (e.kind) {
    case "binary":
      return { ...e, left: part };
    case "select":
    case "hasAttr":
      return { ...e, expr: part };
    case "apply":
      return { ...e, fn: part };
    default:
      return e;
  }
}

function withoutTrivia(e: Expr): Expr {
  const { trivia: _, ...rest } = e;
  return rest as Expr;
}

/** The expression's own comments, then those of its first part. */
function merge(
  outer: Trivia | undefined,
  inner: readonly Comment[],
  innerBlankBefore: boolean,
  innerBlankAfter: boolean,
): Trivia {
  const own = outer?.leading ?? [];
  // A blank line between the two groups of comments stays, on the first inner one.
  const gap = own.length > 0 && (!!outer?.blankLineAfterComments || innerBlankBefore);
  const moved = gap ? [{ ...inner[0]!, blankLineBefore: true }, ...inner.slice(1)] : inner;
  const t: { -readonly [K in keyof Trivia]: Trivia[K] } = { leading: [...own, ...moved] };
  if (own.length > 0 ? outer?.blankLineBefore : outer?.blankLineBefore || innerBlankBefore) {
    t.blankLineBefore = true;
  }
  if (innerBlankAfter) t.blankLineAfterComments = true;
  if (outer?.trailing !== undefined) t.trailing = outer.trailing;
  if (outer?.after !== undefined) t.after = outer.after;
  return t;
}

/**
 * A comment at the end of the line of `if` (`if # why`) moves before the `if`; one at the
 * end of the line of `else` moves before the `else`, and one after an operator before the
 * operator: the official format writes them there, on lines of their own.
 */
function moveLineEndComments(e: Expr): Expr {
  switch (e.kind) {
    case "if": {
      const [cond, afterIf] = takeLineEnd(e.cond);
      const [otherwise, afterElse] = takeLineEndAway(e.else);
      if (afterIf === undefined && afterElse === undefined) return e;
      const out: { -readonly [K in keyof typeof e]: (typeof e)[K] } = {
        ...e,
        cond,
        else: otherwise,
      };
      if (afterElse !== undefined) out.elseComments = [...(e.elseComments ?? []), afterElse];
      if (afterIf !== undefined) {
        out.trivia = { ...e.trivia, leading: [...(e.trivia?.leading ?? []), afterIf] };
      }
      return out;
    }
    case "binary": {
      const [right, afterOp] = takeLineEndAway(e.right);
      if (afterOp === undefined) return e;
      return { ...e, right, opComments: [...(e.opComments ?? []), afterOp] };
    }
    case "list": {
      if (e.items.length === 0) return withClosingOnOwnLine(e);
      const first = e.items[0];
      const [item, c] = first === undefined ? [first, undefined] : takeLineEnd(first);
      if (c === undefined) return e;
      return { ...e, items: [withLeading(item!, c), ...e.items.slice(1)] };
    }
    case "attrs": {
      if (e.bindings.length === 0) return withClosingOnOwnLine(e);
      const first = e.bindings[0];
      const lead = first?.trivia?.leading;
      const c = lead?.[0];
      if (c === undefined || c.kind !== "line" || !c.endOfLine) return e;
      const plain = ownLine(c);
      const b = { ...first!, trivia: { ...first!.trivia, leading: [plain, ...lead!.slice(1)] } };
      return { ...e, bindings: [b, ...e.bindings.slice(1)] };
    }
    case "apply": {
      // After a function that is one token (`f # why` then the arguments): the official
      // format moves the comment before the call.
      if (e.fn.kind !== "var") return e;
      const [arg, afterFn] = takeLineEndAway(e.args[0]);
      if (afterFn === undefined) return e;
      return withLeading({ ...e, args: [arg, ...e.args.slice(1)] }, afterFn, true);
    }
    case "lambda": {
      // After the `{` of a pattern: the official format moves it before the `{`.
      if (typeof e.param === "string") return e;
      const f = e.param;
      const first = f.formals[0];
      const t = first !== undefined ? first.trivia : f.ellipsisTrivia;
      const c = t?.leading?.[0];
      if (c === undefined || c.kind !== "line" || !c.endOfLine) return e;
      const plain = ownLine(c);
      const rest = t!.leading!.slice(1).map(ownLine);
      const { leading: _l, ...keep } = t!;
      const trivia = rest.length > 0 ? { ...keep, leading: rest } : keep;
      const stripped = Object.keys(trivia).length > 0 ? trivia : undefined;
      const param: Formals =
        first !== undefined
          ? { ...f, formals: [{ ...first, trivia: stripped }, ...f.formals.slice(1)] }
          : { ...f, ellipsisTrivia: stripped };
      return withLeading({ ...e, param }, plain, true);
    }
    case "let": {
      const [body, afterIn] = takeLineEnd(e.body);
      return afterIn === undefined ? e : { ...e, body: withLeading(body, afterIn) };
    }
    case "string":
    case "path": {
      let changed = false;
      const parts = e.parts.map((p) => {
        if (typeof p === "string") return p;
        const [x, c] = takeLineEnd(p);
        if (c === undefined) return p;
        changed = true;
        return withLeading(x, c);
      });
      return changed ? ({ ...e, parts } as Expr) : e;
    }
    case "paren": {
      const [inner, afterOpen] = takeLineEndAway(e.expr);
      if (afterOpen === undefined) return e;
      const moved: Paren = {
        ...e,
        expr: inner,
        trivia: { ...e.trivia, leading: [...(e.trivia?.leading ?? []), afterOpen] },
      };
      commentsAfterOpen.set(moved, afterOpen);
      return moved;
    }
    default:
      return e;
  }
}

/**
 * The comment written at the end of the line of a `(`: it stands before the `(` (where
 * {@link moveLineEndComments} moved it), except where the parenthesis opens on the line
 * before it (a call's last argument, a binding's value), which puts it back inside.
 */
const commentsAfterOpen = new WeakMap<Paren, Comment>();

/**
 * For a parenthesized expression laid out with `(` kept on the line before it: the same
 * parentheses with the comment that followed `(` back inside, or the node itself.
 */
export function withCommentAfterOpenInside(p: Paren): Paren {
  const c = commentsAfterOpen.get(p);
  if (c === undefined) return p;
  const lead = p.trivia!.leading!.slice(0, -1);
  const { leading: _, ...keep } = p.trivia!;
  const trivia = lead.length > 0 ? { ...keep, leading: lead } : keep;
  const bare = Object.keys(trivia).length > 0 ? { ...p, trivia } : withoutTrivia(p);
  return { ...(bare as Paren), expr: withLeading(p.expr, c) };
}

/** An empty set or list whose comment after `[` or `{` goes on a line of its own. */
function withClosingOnOwnLine<T extends Expr & { readonly closingComments?: readonly Comment[] }>(
  e: T,
): T {
  const c = e.closingComments?.[0];
  if (c === undefined || c.kind !== "line" || !c.endOfLine) return e;
  return { ...e, closingComments: [ownLine(c), ...e.closingComments!.slice(1)] };
}

/** `e` with `c` as its first leading comment (its last, when `last`). */
function withLeading(e: Expr, c: Comment, last = false): Expr {
  const own = e.trivia?.leading ?? [];
  return { ...e, trivia: { ...e.trivia, leading: last ? [...own, c] : [c, ...own] } } as Expr;
}

/**
 * `e` without the comment written at the end of the line before it (which, as the parser
 * reads it, is its first leading comment), and that comment, now on a line of its own.
 */
export function takeLineEnd(e: Expr): [Expr, Comment | undefined] {
  const lead = e.trivia?.leading;
  const c = lead?.[0];
  if (c === undefined || c.kind !== "line" || !c.endOfLine) return [e, undefined];
  const plain = ownLine(c);
  // Only one comment can follow code on its line: any others start lines of their own.
  const rest = lead!.slice(1).map(ownLine);
  const { leading: _l, ...keep } = e.trivia!;
  const trivia = rest.length > 0 ? { ...keep, leading: rest } : keep;
  const bare = Object.keys(trivia).length > 0 ? { ...e, trivia } : withoutTrivia(e);
  return [bare as Expr, plain];
}

/**
 * {@link takeLineEnd} for a comment that moves away (before an operator, a call, `(` or
 * `else`): a blank line after it now stands before what followed it, as the official
 * format keeps it.
 */
function takeLineEndAway(e: Expr): [Expr, Comment | undefined] {
  const [x, c] = takeLineEnd(e);
  const t = x.trivia;
  if (c === undefined || !t?.blankLineAfterComments || t.leading?.length) return [x, c];
  const { blankLineAfterComments: _, ...keep } = t;
  return [{ ...x, trivia: { ...keep, blankLineBefore: true } }, c];
}

/**
 * A comment that ended a line of code, on a line of its own: written `# text`, as the
 * official format writes a comment it moves.
 */
export function ownLine(c: Comment): Comment {
  if (c.kind !== "line" || !c.endOfLine) return c;
  const { endOfLine: _, text, ...plain } = c;
  return { ...plain, text: " " + text.trim() };
}
