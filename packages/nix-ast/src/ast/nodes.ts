/**
 * The Nix expression language as a discriminated union of readonly nodes.
 *
 * Every node has a `kind`. Nodes never carry parentheses that the tree structure
 * already implies: the printer decides where parentheses are needed from one
 * precedence table (`../syntax/precedence.ts`). A {@link Paren} node exists only for
 * parentheses a person wrote on purpose (the official format never removes them).
 *
 * Layout facts (a set written across lines, a name written quoted, the kind of a
 * string) are optional fields; the printer picks the compact layout when they are
 * absent. Comments and blank lines are {@link Trivia} on the node they describe.
 *
 * @packageDocumentation
 */

/**
 * A `#` comment (text after the `#`, usually starting with a space) or a block comment.
 * `blankLineBefore`: a blank line separates it from what stands before it (the comment
 * before it, or, in `closingComments`, the last item); before the first of an item's
 * leading comments, {@link Trivia.blankLineBefore} says so.
 */
export type Comment =
  | {
      readonly kind: "line";
      readonly text: string;
      readonly blankLineBefore?: boolean;
      /**
       * Written at the end of a line of code (`f x # why`), not on a line of its own: the
       * printer keeps it at the end of the line before what it is attached to.
       */
      readonly endOfLine?: boolean;
    }
  | {
      readonly kind: "block";
      /** The comment's lines, without the delimiters and without common indentation. */
      readonly lines: readonly string[];
      /** `/** ... *\/` (RFC 145 doc comment) rather than `/* ... *\/`. */
      readonly doc: boolean;
      readonly blankLineBefore?: boolean;
      /**
       * `/*nixfmt:disable*\/` or `/*nixfmt:enable*\/` on a line of its own: the official
       * format leaves the lines from one to the other exactly as written. `lines` is then
       * `["nixfmt:disable"]` or `["nixfmt:enable"]`.
       */
      readonly directive?: "disable" | "enable";
      /**
       * For the `enable` that closes a region: the region's text as written, whole lines
       * from the `disable` to the `enable` (both included), which the printer writes back
       * as it is. With `toEnd`, the region had no `enable` and runs to the end of the file
       * (this comment then ends the file, in the root's `trivia.after`).
       */
      readonly verbatim?: string;
      readonly toEnd?: boolean;
    };

/** Comments and blank lines attached to a binding, a list item, a formal or an expression. */
export interface Trivia {
  /** A blank line separates this item from the previous one. */
  readonly blankLineBefore?: boolean;
  /** Comments on their own lines before the item. */
  readonly leading?: readonly Comment[];
  /** A blank line separates the leading comments from the item. */
  readonly blankLineAfterComments?: boolean;
  /**
   * A `#` comment at the end of the item's (last) line: the text after the `#`. On a
   * binding's value, one written before the `;` (which then starts the next line); on the
   * expression of an interpolation, one before its `}`.
   */
  readonly trailing?: string;
  /**
   * Comments on lines of their own after the expression: after the whole file's (they end
   * the file), or after the expression of an interpolation, before its `}`. Only these
   * may have them.
   */
  readonly after?: readonly Comment[];
  /**
   * On the expression of an interpolation: a blank line separates it (and the comments
   * after it) from the `}`, which the official format keeps.
   */
  readonly blankLineAfter?: boolean;
}

import type { NODE } from "./mark.js";

/** What every expression node has: the mark that tells it from data, and its trivia. */
interface Node {
  /** Set by the builders and the parser (see `isNode`); data never has it. */
  readonly [NODE]: true;
  readonly trivia?: Trivia;
}

// ---------------------------------------------------------------- literals

/** `42`. Signed 64-bit; a negative value prints as unary minus applied to a literal. */
export interface Int extends Node {
  readonly kind: "int";
  readonly value: bigint;
  /**
   * Layout fact: the literal as written (`007`), which the official format keeps. The
   * printer uses it only while it still reads as `value`.
   */
  readonly source?: string;
}

/** `1.5`, `2.0`, `1.0e-3`. Finite and normal (Nix has no literal for the rest). */
export interface Float extends Node {
  readonly kind: "float";
  readonly value: number;
  /**
   * Layout fact: the literal as written (`1.0e-2`, `0.20`, `.5`), which the official
   * format keeps. The printer uses it only while it still reads as `value`.
   */
  readonly source?: string;
}

/** A piece of a string or path: literal text, or an interpolated expression `${e}`. */
export type StringPart = string | Expr;

/**
 * `"a ${b}"` or `''a ${b}''`. `parts` hold the string's value (unescaped text) and
 * interpolations. `style` is a layout fact: absent, the printer picks double quotes
 * for one-line strings and an indented string for multi-line ones.
 */
export interface Str extends Node {
  readonly kind: "string";
  readonly parts: readonly StringPart[];
  readonly style?: "double" | "indented";
  /**
   * Layout fact: the text as written, escapes and all, which the official format keeps
   * (`"$$x"` where we would write `"\$$x"`, a raw tab, `''\t`): `parts` with each text as
   * the file wrote it (raw newlines included); for an indented string, without the
   * indentation its lines have in common, a blank first line or a last line of spaces.
   * The printer uses it only while it still reads as `parts`.
   */
  readonly source?: readonly StringPart[];
  /**
   * The language the string holds, named by a comment right before it (`/* lua *\/ ''...''`),
   * which the official format keeps beside the string: letters, digits and `+-._`.
   */
  readonly language?: string;
}

/**
 * A path literal: `./foo`, `../.`, `/etc/x`, `~/x`, `./a/${b}.nix`. `parts` hold the
 * literal text exactly as written (prefix included) and interpolations.
 */
export interface Path extends Node {
  readonly kind: "path";
  readonly parts: readonly StringPart[];
}

/** `<nixpkgs>`, `<nixpkgs/lib>`: `path` is the text between the brackets. */
export interface SearchPath extends Node {
  readonly kind: "searchPath";
  readonly path: string;
}

/** A variable reference `x` (also `true`, `false`, `null`, which are variables in Nix). */
export interface Var extends Node {
  readonly kind: "var";
  readonly name: string;
}

// ---------------------------------------------------------------- attribute names

/**
 * One element of an attribute path: a static name (`a`, `"with space"`) or a dynamic
 * one (`${e}`, or `"a${b}"` when `expr` is a string with interpolation).
 */
export type AttrName =
  | {
      readonly kind: "name";
      readonly name: string;
      /** Written quoted even though it need not be (a layout fact: `x."quoted".z`). */
      readonly quoted?: boolean;
      /**
       * `or` written bare, as Nix accepts it in a name (a layout fact: `lib.or`). The
       * printer quotes `or` otherwise.
       */
      readonly bare?: boolean;
      /**
       * Layout fact: the text between the quotes as written (`"a\.b"`), kept by the
       * official format; used only while it still reads as `name`.
       */
      readonly source?: string;
      /** In an `inherit` list: comments before the name, or after it on its line. */
      readonly trivia?: Trivia;
    }
  | {
      readonly kind: "dynamic";
      readonly expr: Expr;
      /** Layout fact: a string written inside `${ }` (`${"a-${b}"}`), which the official format keeps. */
      readonly braces?: boolean;
    };

/** A non-empty attribute path `a.b."c".${d}`. */
export type AttrPath = readonly [AttrName, ...AttrName[]];

// ---------------------------------------------------------------- compound terms

/** `e.a.b` or `e.a.b or default`. */
export interface Select extends Node {
  readonly kind: "select";
  readonly expr: Expr;
  readonly path: AttrPath;
  readonly default?: Expr;
  /**
   * Comments between what is selected from and the first `.`: the official format keeps
   * them there, on lines of their own (one at the end of the line before stays there).
   */
  readonly commentsBeforeDot?: readonly Comment[];
  /**
   * Comments between the selected path and `or`: the official format keeps one at the end
   * of the path's line there, others on lines of their own, and `or` and the default on
   * the next line.
   */
  readonly commentsBeforeOr?: readonly Comment[];
  /** Layout fact: a blank line stands before `or` (after those comments, if any). */
  readonly blankLineBeforeOr?: boolean;
  /**
   * Layout fact: written in the old form `let { ...; body = e; }`, which means
   * `rec { ...; body = e; }.body` (this node, with `expr` that set); the official format
   * keeps it. Used only while the node still has that shape.
   */
  readonly oldLet?: boolean;
}

/** `e ? a.b`. */
export interface HasAttr extends Node {
  readonly kind: "hasAttr";
  readonly expr: Expr;
  readonly path: AttrPath;
}

/** `[ a b c ]`. */
export interface List extends Node {
  readonly kind: "list";
  readonly items: readonly Expr[];
  /** Comments after the last item, before `]`. */
  readonly closingComments?: readonly Comment[];
  /** A blank line before `]` (after the last item or closing comment). */
  readonly blankLineBeforeClose?: boolean;
  /** Layout fact: the brackets were written on different lines. */
  readonly multiline?: boolean;
}

/** `a.b = e;` */
export interface Assign {
  readonly kind: "assign";
  readonly path: AttrPath;
  readonly value: Expr;
  readonly trivia?: Trivia;
}

/** `inherit a "b";` or `inherit (e) a b;` (static names only). */
export interface Inherit {
  readonly kind: "inherit";
  readonly from?: Expr;
  /** Comments before the `(` of `from` (those inside the parentheses are `from`'s). */
  readonly fromComments?: readonly Comment[];
  readonly names: readonly Extract<AttrName, { kind: "name" }>[];
  readonly trivia?: Trivia;
  /** Layout fact: written across several lines. */
  readonly multiline?: boolean;
}

/** A binding in a set or a `let`. */
export type Binding = Assign | Inherit;

/** `{ a = 1; }` or `rec { a = 1; }`. */
export interface Attrs extends Node {
  readonly kind: "attrs";
  readonly rec?: boolean;
  readonly bindings: readonly Binding[];
  /** Comments after the last binding, before `}`. */
  readonly closingComments?: readonly Comment[];
  /** A blank line before `}` (after the last binding or closing comment). */
  readonly blankLineBeforeClose?: boolean;
  /** Layout fact: the braces were written on different lines. */
  readonly multiline?: boolean;
}

/** `( e )` written on purpose; the printer adds the parentheses it needs by itself. */
export interface Paren extends Node {
  readonly kind: "paren";
  readonly expr: Expr;
  /** Comments after the expression, before `)`. */
  readonly closingComments?: readonly Comment[];
  /** A blank line right before `)`. */
  readonly blankLineBeforeClose?: boolean;
}

// ---------------------------------------------------------------- expressions

/** `let a = 1; in e`. Names must be static. */
export interface Let extends Node {
  readonly kind: "let";
  readonly bindings: readonly Binding[];
  readonly body: Expr;
  /** Comments after the last binding, before `in`. */
  readonly closingComments?: readonly Comment[];
  /** A blank line before `in` (after the last binding or closing comment). */
  readonly blankLineBeforeClose?: boolean;
}

/** One formal of a pattern: `name` or `name ? default`. */
export interface Formal {
  readonly name: string;
  readonly default?: Expr;
  readonly trivia?: Trivia;
}

/** `{ a, b ? 1, ... }` with an optional `args@` (before) or `@args` (after). */
export interface Formals {
  readonly kind: "formals";
  readonly formals: readonly Formal[];
  readonly ellipsis?: boolean;
  /** Comments and a blank line around `...`, as a formal has them. */
  readonly ellipsisTrivia?: Trivia;
  /** Comments after the last formal (or `...`), before `}`. */
  readonly closingComments?: readonly Comment[];
  /** A blank line right before `}`. */
  readonly blankLineBeforeClose?: boolean;
  readonly bind?: { readonly name: string; readonly position: "before" | "after" };
  /** Layout fact: the braces were written on different lines. */
  readonly multiline?: boolean;
}

/** `x: body` or `{ a, ... }: body`. */
export interface Lambda extends Node {
  readonly kind: "lambda";
  readonly param: string | Formals;
  readonly body: Expr;
  /**
   * Layout fact: the body of a formals lambda starts on the line after the `:` (as
   * nixpkgs writes `{ lib, ... }:` then `{`); the official format keeps that.
   */
  readonly bodyOnNewLine?: boolean;
}

/** `f a b`: a function applied to one or more arguments, left to right. */
export interface Apply extends Node {
  readonly kind: "apply";
  readonly fn: Expr;
  readonly args: readonly [Expr, ...Expr[]];
}

/** `if c then a else b`. */
export interface If extends Node {
  readonly kind: "if";
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
  /** Comments on their own lines before `then`. */
  readonly thenComments?: readonly Comment[];
  /** Comments on their own lines before `else` (they describe the branch after it). */
  readonly elseComments?: readonly Comment[];
  /** A blank line right before `else` (after any `elseComments`). */
  readonly blankLineBeforeElse?: boolean;
  /** A blank line right before `then` (after any `thenComments`): the condition expands. */
  readonly blankLineBeforeThen?: boolean;
}

/** `with e; body`. */
export interface With extends Node {
  readonly kind: "with";
  readonly env: Expr;
  readonly body: Expr;
}

/** `assert c; body`. */
export interface Assert extends Node {
  readonly kind: "assert";
  readonly cond: Expr;
  readonly body: Expr;
}

/** `!e` (`"!"`) or `-e` (`"-"`). */
export interface Unary extends Node {
  readonly kind: "unary";
  readonly op: UnaryOp;
  readonly expr: Expr;
}

/** `a op b`. */
export interface Binary extends Node {
  readonly kind: "binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  /** Comments on their own lines before the operator (they describe the right side). */
  readonly opComments?: readonly Comment[];
  /** A blank line right before the operator (after any `opComments`). */
  readonly blankLineBeforeOp?: boolean;
}

/** The prefix operators: `!` (not) and `-` (negation). */
export type UnaryOp = "!" | "-";

/**
 * The infix operators, from the tightest binding to the loosest: `++`; `*` `/`; `+` `-`;
 * `//`; `<` `<=` `>` `>=`; `==` `!=`; `&&`; `||`; `->` (the table is `syntax/precedence.ts`).
 */
export type BinaryOp =
  "++" | "*" | "/" | "+" | "-" | "//" | "<" | "<=" | ">" | ">=" | "==" | "!=" | "&&" | "||" | "->";

/** Every Nix expression. */
export type Expr =
  | Int
  | Float
  | Str
  | Path
  | SearchPath
  | Var
  | Select
  | HasAttr
  | List
  | Attrs
  | Paren
  | Let
  | Lambda
  | Apply
  | If
  | With
  | Assert
  | Unary
  | Binary;

/** The `kind` of every expression node. */
export type ExprKind = Expr["kind"];
