/**
 * Comments on the first part of an expression (the left operand of an operator, the base
 * of a selection or of `?`, the function of a call) stand before the whole expression in
 * the printed text, and that is where the parser attaches them when it reads the text
 * back. Moving them there before layout makes a built tree lay out as its printed text
 * does once parsed: printing stays a fixpoint of `nix-ast fmt`.
 */
import { mapChildren } from "../ast/map.js";
import type { Comment, Expr, Trivia } from "../ast/nodes.js";
import { firstPart } from "./classify.js";

/** `e` with every comment on a first part moved to the expression it starts. */
export function hoistComments(e: Expr): Expr {
  const node = mapChildren(e, hoistComments);
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
  return t;
}
