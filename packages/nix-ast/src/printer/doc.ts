/**
 * The document IR between the syntax tree and the text, with the layout semantics of the
 * official Nix formatter: texts with a nesting level, spacings that merge, and groups that
 * are either laid out on one line or expanded. A *priority* group inside a group is
 * expanded first, keeping what stands before and after it on one line (that is how
 * `lib.mkIf cfg.enable {` keeps the call on the first line); a *transparent* group lends
 * its priority children to its parent.
 *
 * Nesting is carried by each text (not by wrapper nodes), so building a nested document
 * is linear: the printer passes the level down instead of re-walking subtrees.
 */

/** Spacings, ordered: when two meet, the larger wins (see {@link mergeSpacing}). */
export const enum Sp {
  /** Line break or nothing, decided by what follows. */
  Softbreak = 0,
  /** Line break or nothing, decided by the enclosing group. */
  Break = 1,
  /** Always one space. */
  Hardspace = 2,
  /** Line break or space, decided by what follows. */
  Softspace = 3,
  /** Line break or space, decided by the enclosing group. */
  Space = 4,
  /** Always a line break. */
  Hardline = 5,
  /** Always a blank line. */
  Emptyline = 6,
  /** `count` line breaks (inside indented strings, where lines carry no indentation). */
  Newlines = 7,
}

/** What a text is, for width accounting: comments do not count towards the width. */
export const enum TextKind {
  Regular = 0,
  Comment = 1,
  TrailingComment = 2,
  /** Printed only when its group is expanded (the trailing comma of expanded formals). */
  Trailing = 3,
  /**
   * A `#` comment written at the end of a line of code: laid out at the end of the line
   * before it when that line holds no comment yet, else on its own line.
   */
  LineEndComment = 4,
  /**
   * The start of a `/*nixfmt:disable*\/` region (an empty text): what follows is laid out
   * as usual but not written, until the region's {@link TextKind.Verbatim} text.
   */
  DisableMarker = 5,
  /** A disabled region's text as written: written as it is, and writing resumes. */
  Verbatim = 6,
  /** As {@link TextKind.Verbatim}, for a region that runs to the end of the file. */
  VerbatimToEof = 7,
}

export const enum GroupKind {
  Regular = 0,
  Priority = 1,
  Transparent = 2,
}

export interface TextE {
  readonly t: 0;
  readonly level: number;
  readonly offset: number;
  readonly kind: TextKind;
  readonly text: string;
  /** {@link width} of `text`, computed once: layout measures texts many times. */
  readonly w: number;
}

export interface SpacingE {
  readonly t: 1;
  readonly sp: Sp;
  /** For {@link Sp.Newlines}: how many. */
  readonly count: number;
}

export interface GroupE {
  readonly t: 2;
  readonly kind: GroupKind;
  readonly doc: Doc;
}

/**
 * Text laid out already: an expanded set or list whose layout cannot depend on where it
 * stands (it always breaks, and width is measured without indentation). Its first line
 * continues the current line; the others (after each `\n`) are indented relative to the
 * line it starts on.
 */
export interface BlockE {
  readonly t: 3;
  readonly level: number;
  readonly text: string;
}

export type DocE = TextE | SpacingE | GroupE | BlockE;
type Leaf = TextE | SpacingE | BlockE;
export type Doc = DocE[];

// ---------------------------------------------------------------- constructors

export function text(s: string, level: number, offset = 0, kind = TextKind.Regular): Doc {
  return s === "" ? [] : [tok(s, level, offset, kind)];
}

/** One text that is not empty (a token): {@link text} without the array around it. */
export function tok(s: string, level: number, offset = 0, kind = TextKind.Regular): TextE {
  return { t: 0, level, offset, kind, text: s, w: width(s) };
}

function spacing(sp: Sp, count = 0): SpacingE {
  return { t: 1, sp, count };
}

export const softbreak: SpacingE = spacing(Sp.Softbreak);
export const lineBreak: SpacingE = spacing(Sp.Break);
export const hardspace: SpacingE = spacing(Sp.Hardspace);
export const softline: SpacingE = spacing(Sp.Softspace);
export const line: SpacingE = spacing(Sp.Space);
export const hardline: SpacingE = spacing(Sp.Hardline);
export const emptyline: SpacingE = spacing(Sp.Emptyline);
export const newline: SpacingE = spacing(Sp.Newlines, 1);

export function group(doc: Doc, kind = GroupKind.Regular): GroupE {
  return { t: 2, kind, doc };
}

export function block(text: string, level: number): BlockE {
  return { t: 3, level, text };
}

/** The first line of a block. */
function firstLine(b: BlockE): string {
  const nl = b.text.indexOf("\n");
  return nl < 0 ? b.text : b.text.slice(0, nl);
}

// ---------------------------------------------------------------- spacing algebra

export function mergeSpacing(a: SpacingE, b: SpacingE): SpacingE {
  let x = a;
  let y = b;
  if (x.sp > y.sp || (x.sp === y.sp && x.sp === Sp.Newlines && x.count > y.count)) {
    [x, y] = [y, x];
  }
  if (x.sp === Sp.Break && y.sp === Sp.Softspace) return line;
  if (x.sp === Sp.Break && y.sp === Sp.Hardspace) return line;
  if (x.sp === Sp.Softbreak && y.sp === Sp.Hardspace) return softline;
  if (y.sp === Sp.Newlines) {
    if (x.sp === Sp.Newlines) return spacing(Sp.Newlines, x.count + y.count);
    if (x.sp === Sp.Emptyline) return spacing(Sp.Newlines, y.count + 2);
    if (x.sp === Sp.Hardspace) return y;
    return spacing(Sp.Newlines, y.count + 1);
  }
  return y;
}

/** Spacings that do not depend on layout: a hard space and line breaks. */
function isHardSpacing(e: DocE): boolean {
  return e.t === 1 && (e.sp === Sp.Hardspace || e.sp >= Sp.Hardline);
}

/** Comments of every kind: they do not count towards the width. */
function isCommentKind(k: TextKind): boolean {
  return k === TextKind.Comment || k === TextKind.TrailingComment || k === TextKind.LineEndComment;
}

/** A disabled region's text (it moves out of groups, as comments do). */
function isVerbatimKind(k: TextKind): boolean {
  return k === TextKind.Verbatim || k === TextKind.VerbatimToEof;
}

function isComment(e: DocE): boolean {
  if (e.t === 0) return isCommentKind(e.kind) || isVerbatimKind(e.kind);
  if (e.t === 2) return e.doc.every((x) => isComment(x) || isHardSpacing(x));
  return false;
}

// ---------------------------------------------------------------- fixup

/**
 * Normalizes a document before layout: merges adjacent spacings and texts, moves hard
 * spacings and comments out of the edges of groups (a comment's line break must not
 * force its group to expand), dissolves empty groups and a group wrapping one group of
 * the same kind.
 */
export function fixup(doc: Doc): Doc {
  const out: Doc = [];
  fixupInto(doc, out, 0);
  return out;
}

/**
 * Appends `e`, merging it with a spacing, or a text of the same kind, just before it (at
 * `floor` or above: what stands below belongs to an enclosing group still being fixed).
 */
function pushMerged(out: Doc, e: DocE, floor: number): void {
  const last = out.length > floor ? out[out.length - 1] : undefined;
  if (e.t === 1 && last?.t === 1) {
    out[out.length - 1] = mergeSpacing(last, e);
  } else if (e.t === 0 && last?.t === 0 && last.kind === e.kind) {
    out[out.length - 1] = {
      t: 0,
      level: last.level,
      offset: last.offset,
      kind: last.kind,
      text: last.text + e.text,
      w: last.w + e.w,
    };
  } else {
    out.push(e);
  }
}

/**
 * Appends `doc` fixed to `out`, above `floor`. A group's contents are fixed in place at the
 * end of `out` and then gathered into the group: no array per group but the group's own.
 */
function fixupInto(doc: Doc, out: Doc, floor: number): void {
  for (let i = 0; i < doc.length; i++) {
    const e = doc[i]!;
    if (e.t !== 2) {
      pushMerged(out, e, floor);
      continue;
    }
    // A hard space before a group moves into it (where it may merge with a spacing).
    const last = out.length > floor ? out[out.length - 1] : undefined;
    const movesIn = last?.t === 1 && last.sp === Sp.Hardspace;
    if (movesIn) out.pop();
    const mark = out.length;
    if (movesIn) out.push(hardspace);
    fixupInto(e.doc, out, mark);
    let start = mark;
    while (start < out.length && (isHardSpacing(out[start]!) || isComment(out[start]!))) start++;
    let end = out.length;
    while (end > start && isHardSpacing(out[end - 1]!)) end--;
    gather(out, mark, start, end, e.kind, floor);
  }
}

/**
 * Replaces the group fixed at `out[mark..]` by what stays before it (`mark..start`, hard
 * spacings and comments), the group of `start..end` unless empty (one group of the same
 * kind alone in it is that group), and what stays after it (`end..`, hard spacings).
 */
function gather(
  out: Doc,
  mark: number,
  start: number,
  end: number,
  kind: GroupKind,
  floor: number,
) {
  const after = end < out.length ? out.slice(end) : undefined;
  let body = end > start ? out.slice(start, end) : undefined;
  const before = start > mark ? out.slice(mark, start) : undefined;
  // (Popping is cheaper than setting the length, which V8 does in its runtime.)
  while (out.length > mark) out.pop();
  if (before !== undefined) for (const x of before) pushMerged(out, x, floor);
  if (body !== undefined) {
    const only = body[0]!;
    if (body.length === 1 && only.t === 2 && only.kind === kind) body = only.doc;
    out.push(group(body, kind));
  }
  if (after !== undefined) for (const x of after) pushMerged(out, x, floor);
}

// ---------------------------------------------------------------- layout

/**
 * A cursor over the leaves (texts and merged spacings) of the documents that follow the
 * element being laid out, without copying them.
 */
interface Frame {
  readonly doc: Doc;
  readonly index: number;
  readonly next: Frame | null;
}

function push(doc: Doc, index: number, next: Frame | null): Frame | null {
  return index < doc.length ? { doc, index, next } : next;
}

/** Iterates leaves of `frame`, flattening groups and merging runs of spacings. */
class Leaves {
  // The open documents and the index of the next element in each, as two stacks of
  // plain values with their own depth: this iterator runs for every group measured, so
  // it allocates nothing once its stacks have grown to the deepest nesting.
  private readonly docs: Doc[] = [];
  private readonly indexes: number[] = [];
  private depth = 0;
  private frame: Frame | null = null;
  private pending: Leaf | undefined;

  /** Starts over on `docOrFrame`. */
  reset(docOrFrame: Doc | Frame | null): this {
    this.depth = 0;
    this.pending = undefined;
    if (Array.isArray(docOrFrame)) {
      this.frame = null;
      this.open(docOrFrame, 0);
    } else {
      this.frame = docOrFrame;
    }
    return this;
  }

  /** Drops the references to documents laid out (they may be large). */
  release(): void {
    this.docs.length = 0;
    this.indexes.length = 0;
    this.frame = null;
    this.pending = undefined;
  }

  private open(doc: Doc, index: number): void {
    this.docs[this.depth] = doc;
    this.indexes[this.depth] = index;
    this.depth++;
  }

  private raw(): Leaf | undefined {
    for (;;) {
      const top = this.depth - 1;
      if (top < 0) {
        const frame = this.frame;
        if (!frame) return undefined;
        this.open(frame.doc, frame.index);
        this.frame = frame.next;
        continue;
      }
      const doc = this.docs[top]!;
      const i = this.indexes[top]!;
      if (i >= doc.length) {
        this.depth = top;
        continue;
      }
      this.indexes[top] = i + 1;
      const e = doc[i]!;
      if (e.t === 2) this.open(e.doc, 0);
      else return e;
    }
  }

  next(): Leaf | undefined {
    let e = this.pending ?? this.raw();
    this.pending = undefined;
    if (e?.t !== 1) return e;
    for (;;) {
      const f = this.raw();
      if (f?.t === 1) e = mergeSpacing(e, f);
      else {
        this.pending = f;
        return e;
      }
    }
  }
}

/**
 * The one leaf iterator, reset for each use: the measuring functions below run one at a
 * time (none calls another while it iterates), thousands of times per file.
 */
const shared = new Leaves();

function leaves(docOrFrame: Doc | Frame | null): Leaves {
  return shared.reset(docOrFrame);
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/** Width in code points, as the official formatter counts. */
export function width(s: string): number {
  // Nearly all text has no surrogate pair: a regular expression finds that out fastest.
  if (!HIGH_SURROGATE.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/**
 * The whole of `doc` on one line within width `c`, or undefined. `ni` is the
 * indentation the next line would get, for trailing comments. `known`: the width of
 * that line when the caller has measured it already (see {@link measureWidth}), else -1.
 */
function fits(ni: number, c: number, doc: Doc, known = -1): string | undefined {
  // Measure first, without building text: most groups tried do not fit.
  if (known >= 0 ? known > c : measureWidth(c, doc) < 0) return undefined;
  const it = leaves(doc);
  let out = "";
  // (The text's width is counted as it is built: measuring it again would scan it all.)
  let w = 0;
  fitsWroteComment = false;
  for (let e = it.next(); e !== undefined; e = it.next()) {
    if (e.t === 0) {
      switch (e.kind) {
        case TextKind.Regular:
          out += e.text;
          w += e.w;
          ni -= e.w;
          break;
        case TextKind.Comment:
        case TextKind.LineEndComment:
          out += e.text;
          w += e.w;
          fitsWroteComment = true;
          break;
        case TextKind.TrailingComment:
          if (ni === 0) {
            out += " " + e.text;
            w += 1;
          } else out += e.text;
          w += e.w;
          fitsWroteComment = true;
          break;
        case TextKind.Trailing:
          break;
      }
    } else if (e.t === 1 && e.sp !== Sp.Softbreak && e.sp !== Sp.Break) {
      out += " ";
      w += 1;
      ni -= 1;
    }
  }
  fitsTextWidth = w;
  return out;
}

/**
 * The width of the whole of `doc` on one line when that is within width `c`, else -1.
 * (Width is additive: the width of one line is the sum of its texts' and spaces'.)
 */
function measureWidth(c: number, doc: Doc): number {
  // Past the width already: nothing fits, not even nothing (as in the official formatter).
  if (c < 0) return -1;
  const max = c;
  const it = leaves(doc);
  for (let e = it.next(); e !== undefined; e = it.next()) {
    if (e.t === 3) return -1;
    if (e.t === 0) {
      if (e.kind === TextKind.Regular) {
        c -= e.w;
        if (c < 0) return -1;
      } else if (e.kind >= TextKind.DisableMarker) return -1; // a region is lines
    } else if (e.sp === Sp.Softspace || e.sp === Sp.Space || e.sp === Sp.Hardspace) {
      if (--c < 0) return -1;
    } else if (e.sp !== Sp.Softbreak && e.sp !== Sp.Break) return -1;
  }
  return max - c;
}

/** Width of the first line of what follows, expanding every group. */
function firstLineWidth(rest: Frame | null): number {
  const it = leaves(rest);
  let w = 0;
  for (let e = it.next(); e !== undefined; e = it.next()) {
    if (e.t === 3) return w + width(firstLine(e));
    if (e.t === 0) {
      if (!isCommentKind(e.kind)) w += e.w;
    } else if (e.sp === Sp.Hardspace) w += 1;
    else {
      // A comment the layout puts back at the end of this line takes the space before it,
      // as the official formatter counts the space before a trailing comment.
      if (e.sp === Sp.Hardline && lineEndCommentNext(it)) w += 1;
      break;
    }
  }
  return w;
}

/** Whether the next leaf is a comment the layout puts back at the end of the line before. */
function lineEndCommentNext(it: Leaves): boolean {
  const f = it.next();
  return f?.t === 0 && f.kind === TextKind.LineEndComment;
}

/** {@link lineEndCommentNext} for what follows. */
function lineEndCommentFirst(rest: Frame | null): boolean {
  return lineEndCommentNext(leaves(rest));
}

/** Whether the first line of `rest` fits in `target`, keeping fitting groups flat. */
function firstLineFits(target: number, max: number, rest: Frame | null): boolean {
  let c = max;
  let frame = rest;
  // Walk element by element (not leaves): a group is measured as a whole.
  const stack: { doc: Doc; index: number }[] = [];
  for (;;) {
    if (c < 0) return false;
    let top = stack[stack.length - 1];
    if (!top) {
      if (!frame) return max - c <= target;
      stack.push({ doc: frame.doc, index: frame.index });
      frame = frame.next;
      continue;
    }
    if (top.index >= top.doc.length) {
      stack.pop();
      continue;
    }
    const e = top.doc[top.index++]!;
    if (e.t === 3) {
      c -= width(firstLine(e));
      return c >= 0 && max - c <= target;
    }
    if (e.t === 0) {
      if (e.kind === TextKind.Regular) c -= e.w;
      else if (isVerbatimKind(e.kind)) return max - c <= target; // a region ends the line
    } else if (e.t === 1) {
      // Merge with following spacings first.
      let s = e;
      for (;;) {
        top = stack[stack.length - 1]!;
        const f = top.index < top.doc.length ? top.doc[top.index] : undefined;
        if (f?.t === 1) {
          s = mergeSpacing(s, f);
          top.index++;
        } else break;
      }
      if (s.sp === Sp.Hardspace) c -= 1;
      else {
        // (The space before a comment put back at the end of this line counts.)
        if (s.sp === Sp.Hardline && lineEndCommentFirst(restAfter(stack, frame))) c -= 1;
        return c >= 0 && max - c <= target;
      }
    } else {
      const after = restAfter(stack, frame);
      const t = fits(0, c - firstLineWidth(after), e.doc);
      if (t === undefined) stack.push({ doc: e.doc, index: 0 });
      else c -= fitsTextWidth;
    }
  }
}

function restAfter(
  stack: readonly { doc: Doc; index: number }[],
  frame: Frame | null,
): Frame | null {
  let f = frame;
  for (const s of stack) f = push(s.doc, s.index, f);
  return f;
}

/** Nesting level and offset of the first text. */
function nextIndent(rest: Frame | null | Doc): [number, number] {
  const it = leaves(rest);
  for (let e = it.next(); e !== undefined; e = it.next()) {
    if (e.t === 0) return [e.level, e.offset];
    if (e.t === 3) return [e.level, 0];
  }
  return [0, 0];
}

/** Whether the text the last call of {@link fits} returned holds a comment. */
let fitsWroteComment = false;

/** The width of the text the last call of {@link fits} returned. */
let fitsTextWidth = 0;

/** What {@link Layout} restores when a priority group does not work out. */
interface Snapshot {
  readonly out: string;
  readonly cc: number;
  readonly indents: Indents;
  readonly breaks: number;
  readonly lineComment: boolean;
  readonly spaceAtEnd: boolean;
  readonly endedCc: number;
  readonly suppress: boolean;
}

/** Indentation stack: (indentation in columns, nesting level), as an immutable list. */
interface Indents {
  readonly ci: number;
  readonly nl: number;
  readonly up: Indents | null;
}

/** Lays the document out at `width` (not counting indentation), indenting by `indentWidth`. */
export function layout(doc: Doc, width = 100, indentWidth = 2): string {
  try {
    return new Layout(width, indentWidth).run(doc);
  } finally {
    shared.release();
  }
}

class Layout {
  private out = "";
  private cc = 0;
  private indents: Indents = { ci: 0, nl: 0, up: null };
  /**
   * Line breaks owed: written before the next text, so that a comment at the end of a
   * line of code can still go there (see {@link putAtLineEnd}) without cutting `out`.
   */
  private breaks = 0;
  /** Whether the current line (or, with `breaks`, the line they end) holds a comment. */
  private lineComment = false;
  /** Whether the last thing written is a space. */
  private spaceAtEnd = false;
  /** `cc` of the line that `breaks` end. */
  private endedCc = 0;
  /** Inside a `/*nixfmt:disable*\/` region: laid out, not written. */
  private suppress = false;

  constructor(
    private readonly tw: number,
    private readonly iw: number,
  ) {}

  run(doc: Doc): string {
    this.goOne(group(doc), null);
    return this.out + "\n".repeat(this.breaks);
  }

  /** Appends text to `out`, the line breaks owed first. */
  private write(t: string): void {
    if (this.suppress) {
      this.breaks = 0;
      return;
    }
    if (this.breaks > 0) {
      this.out += this.breaks === 1 ? "\n" : "\n".repeat(this.breaks);
      this.breaks = 0;
      this.lineComment = false;
    }
    this.out += t;
    this.spaceAtEnd = false;
  }

  private putText(level: number, offset: number, t: string, w = width(t)): void {
    for (;;) {
      const top = this.indents;
      if (level > top.nl) {
        this.indents = { ci: this.cc === 0 ? top.ci + this.iw : top.ci, nl: level, up: top };
        break;
      }
      if (level < top.nl) {
        this.indents = top.up!;
        continue;
      }
      break;
    }
    this.write(this.cc === 0 ? " ".repeat(this.indents.ci + offset) + t : t);
    this.cc += w;
  }

  private putNewlines(n: number): void {
    this.endedCc = this.cc;
    this.cc = 0;
    this.breaks += n;
  }

  private putSpace(): void {
    this.write(" ");
    this.cc += 1;
    this.spaceAtEnd = true;
  }

  /** Lays out `doc` expanded (its own spacings break), each child group tried on its own. */
  private go(doc: Doc, rest: Frame | null): void {
    for (let i = 0; i < doc.length; i++) {
      const e = doc[i]!;
      this.goOne(e, looksAhead(e) ? push(doc, i + 1, rest) : null);
    }
  }

  private goOne(e: DocE, rest: Frame | null): void {
    if (e.t === 3) {
      const nl = e.text.indexOf("\n");
      this.putText(e.level, 0, nl < 0 ? e.text : e.text.slice(0, nl));
      if (nl >= 0) {
        const base = this.indents.ci;
        const rest = e.text.slice(nl);
        // Lines after the first take the indentation of the line the block starts on;
        // empty lines stay empty.
        this.write(base === 0 ? rest : indentLines(rest, " ".repeat(base)));
        this.lineComment = false;
        this.cc = width(e.text.slice(e.text.lastIndexOf("\n") + 1));
      }
      return;
    }
    if (e.t === 0) {
      if (e.kind >= TextKind.DisableMarker) {
        this.putRegion(e);
        return;
      }
      if (
        e.kind === TextKind.TrailingComment &&
        this.cc === 2 &&
        nextIndent(rest)[0] > this.indents.nl
      ) {
        this.write(" " + e.text);
        this.cc += 1 + e.w;
        this.lineComment = true;
        return;
      }
      if (e.kind === TextKind.LineEndComment && this.putAtLineEnd(e.text, e.w, rest)) return;
      this.putText(e.level, e.offset, e.text, e.w);
      if (isCommentKind(e.kind)) this.lineComment = true;
      return;
    }
    if (e.t === 1) {
      if (this.cc === 0) return;
      switch (e.sp) {
        case Sp.Break:
        case Sp.Space:
        case Sp.Hardline:
          this.putNewlines(1);
          return;
        case Sp.Hardspace:
          this.putSpace();
          return;
        case Sp.Emptyline:
          this.putNewlines(2);
          return;
        case Sp.Newlines:
          this.putNewlines(e.count);
          return;
        case Sp.Softbreak:
          if (!firstLineFits(this.tw - this.cc, this.tw, rest)) this.putNewlines(1);
          return;
        case Sp.Softspace:
          if (firstLineFits(this.tw - this.cc - 1, this.tw, rest)) this.putSpace();
          else this.putNewlines(1);
          return;
      }
    }
    if (this.goGroup(e.doc, rest)) return;
    if (e.kind !== GroupKind.Transparent && hasPriorityChild(e.doc)) {
      // Each priority group with what stands before and after it, the last one first:
      // the order in which the official formatter tries them.
      const { children, priority } = priorityView(e.doc);
      for (let k = priority.length - 1; k >= 0; k--) {
        const i = priority[k]!;
        const prio = (children[i] as GroupE).doc;
        const parts: [Doc, Doc, Doc] = [
          opened(children, 0, i),
          prio,
          opened(children, i + 1, children.length),
        ];
        if (this.goPriorityGroup(parts, rest)) return;
      }
    }
    this.go(e.doc, rest);
  }

  /**
   * Puts a comment written at the end of a line of code at the end of the line written
   * last, taking back the line break owed after it; false (and no output) when that line
   * is empty or holds a comment already.
   */
  private putAtLineEnd(text: string, w: number, rest: Frame | null): boolean {
    if (this.lineComment) return false;
    if (this.cc === 0) {
      if (this.breaks !== 1 || this.endedCc === 0) return false;
      this.breaks = 0;
      this.cc = this.endedCc;
    }
    let space = this.spaceAtEnd ? 0 : 1;
    // As for a trailing comment: one space more where it would line up with the deeper
    // line after it (`[  # why`), which would make it that line's comment when read back.
    if (this.cc + space === 2 && nextIndent(rest)[0] > this.indents.nl) space++;
    this.write(" ".repeat(space) + text);
    this.cc += space + w;
    this.lineComment = true;
    return true;
  }

  /**
   * The ends of a disabled region: at its start, writing stops (what is owed before it is
   * written); at its text, that text is written as it is, on a line of its own, and
   * writing resumes after it.
   */
  private putRegion(e: TextE): void {
    if (e.kind === TextKind.DisableMarker) {
      this.write("");
      this.suppress = true;
      return;
    }
    if (this.suppress) {
      // What the region's nodes would have written is dropped, line breaks owed included:
      // its text starts where writing stopped, at the start of a line.
      this.suppress = false;
      this.breaks = 0;
    } else if (this.cc === 0) this.write("");
    else this.out += "\n";
    this.out += e.text;
    this.cc = width(e.text.slice(e.text.lastIndexOf("\n") + 1));
    this.lineComment = false;
    this.spaceAtEnd = false;
  }

  private snapshot(): Snapshot {
    return {
      out: this.out,
      cc: this.cc,
      indents: this.indents,
      breaks: this.breaks,
      lineComment: this.lineComment,
      spaceAtEnd: this.spaceAtEnd,
      endedCc: this.endedCc,
      suppress: this.suppress,
    };
  }

  private restore(s: Snapshot): void {
    this.out = s.out;
    this.cc = s.cc;
    this.indents = s.indents;
    this.breaks = s.breaks;
    this.lineComment = s.lineComment;
    this.spaceAtEnd = s.spaceAtEnd;
    this.endedCc = s.endedCc;
    this.suppress = s.suppress;
  }

  private goPriorityGroup([pre, prio, post]: [Doc, Doc, Doc], rest: Frame | null): boolean {
    const saved = this.snapshot();
    if (!this.goGroup(pre, push(prio, 0, push(post, 0, rest)))) {
      this.restore(saved);
      return false;
    }
    this.go(prio, push(unexpandSpacing(post), 0, rest));
    if (!this.goGroup(post, rest)) {
      this.restore(saved);
      return false;
    }
    return true;
  }

  /** Puts the whole group on the current line if it fits; false (and no output) otherwise. */
  private goGroup(grp: Doc, rest: Frame | null): boolean {
    if (grp.length === 0) return true;
    // Most groups that do not fit hold a line break: find that out before measuring what
    // follows them (a wider limit can only make a group fit more easily).
    const w = measureWidth(this.tw - this.cc, grp);
    if (w < 0) return false;
    if (this.cc === 0) {
      let g = grp;
      const first = g[0]!;
      if (first.t === 1) g = g.slice(1);
      else if (first.t === 2 && first.doc[0]?.t === 1)
        g = [group(first.doc.slice(1), first.kind), ...g.slice(1)];
      const [nl, off] = nextIndent(g);
      const lastLineNL = this.indents.nl;
      const lineNL = lastLineNL + (nl > lastLineNL ? this.iw : 0);
      const indentWillIncrease = nextIndent(rest)[0] > lineNL ? this.iw : 0;
      // (Without its first spacing, `g` is not what was measured: it is measured again.)
      const t = fits(indentWillIncrease, this.tw - firstLineWidth(rest), g);
      if (t === undefined) return false;
      this.putText(nl, off, t, fitsTextWidth);
      if (fitsWroteComment) this.lineComment = true;
      return true;
    }
    const indentWillIncrease = nextIndent(rest)[0] > this.indents.nl ? this.iw : 0;
    const c = this.tw - this.cc - firstLineWidth(rest);
    const t = fits(indentWillIncrease - this.cc, c, grp, w);
    if (t === undefined) return false;
    this.write(t);
    this.cc += fitsTextWidth;
    if (fitsWroteComment) this.lineComment = true;
    this.spaceAtEnd = t.charCodeAt(t.length - 1) === 32;
    return true;
  }
}

/** `text` with `ind` after each line break that a line of text follows (empty lines stay empty). */
export function indentLines(text: string, ind: string): string {
  return text.replace(/\n(?=[^\n])/g, "\n" + ind);
}

/**
 * Whether laying out `e` looks at what follows it (a group, a soft spacing, a trailing
 * comment): only then is the cursor over the rest worth allocating.
 */
function looksAhead(e: DocE): boolean {
  if (e.t === 0) return e.kind === TextKind.TrailingComment || e.kind === TextKind.LineEndComment;
  if (e.t === 1) return e.sp === Sp.Softbreak || e.sp === Sp.Softspace;
  return e.t === 2;
}

/** The compact form of a group's own spacings (not those of inner groups). */
function unexpandSpacing(doc: Doc): Doc {
  const out: Doc = [];
  for (const e of doc) {
    if (e.t === 1 && (e.sp === Sp.Space || e.sp === Sp.Softspace)) out.push(hardspace);
    else if (e.t === 1 && (e.sp === Sp.Break || e.sp === Sp.Softbreak)) continue;
    else out.push(e);
  }
  return out;
}

/**
 * A group's children, looking through transparent groups, and where among them its
 * priority groups stand.
 */
function priorityView(doc: Doc): { children: DocE[]; priority: number[] } {
  const children: DocE[] = [];
  const priority: number[] = [];
  const collect = (d: Doc): void => {
    for (const e of d) {
      if (e.t === 2 && e.kind === GroupKind.Transparent) collect(e.doc);
      else {
        if (e.t === 2 && e.kind === GroupKind.Priority) priority.push(children.length);
        children.push(e);
      }
    }
  };
  collect(doc);
  return { children, priority };
}

/**
 * The children from `from` to `to`, priority groups opened (what stands before or after
 * the priority group being tried is laid out as one, its other priority groups too).
 */
function opened(children: readonly DocE[], from: number, to: number): Doc {
  const out: Doc = [];
  for (let i = from; i < to; i++) {
    const e = children[i]!;
    if (e.t === 2 && e.kind === GroupKind.Priority) for (const x of e.doc) out.push(x);
    else out.push(e);
  }
  return out;
}

function hasPriorityChild(doc: Doc): boolean {
  for (const e of doc) {
    if (e.t !== 2) continue;
    if (e.kind === GroupKind.Priority) return true;
    if (e.kind === GroupKind.Transparent && hasPriorityChild(e.doc)) return true;
  }
  return false;
}
