/**
 * Finding what defines an attribute path in a file, whatever its spelling: dotted
 * (`a.b.c = 1;`), nested (`a = { b.c = 1; };`), both, quoted names, and through what
 * stands between a binding and the set it holds (see {@link setIn}).
 *
 * @packageDocumentation
 */
import type { AttrName, Attrs, Binding, Expr } from "../ast/nodes.js";
import { staticNameOf } from "../ast/duplicates.js";
import { NixEditError } from "./error.js";
import { showAttrPath } from "./path.js";
import type { Source } from "./source.js";

/** A binding of a set on the way from the root to a nested set. */
export interface Step {
  readonly set: Attrs;
  readonly index: number;
}

/** A set literal that the first `depth` names of the path lead to. */
export interface Scope {
  readonly set: Attrs;
  readonly depth: number;
  /** The bindings whose values hold this set, from the file's own set inward. */
  readonly chain: readonly Step[];
}

/** A binding that defines the path, or part of it. */
export interface Definition {
  readonly scope: Scope;
  /** The binding's index in `scope.set`. */
  readonly index: number;
  readonly binding: Binding;
  /**
   * Where the path's last name stands in an assignment's path: its last name for a
   * binding of the path itself (`a.b = v` for `a.b`), an earlier one for a binding inside
   * it (`a.b.c = v` for `a.b`). -1 for an `inherit`.
   */
  readonly at: number;
  /** The name that matched the path's last name. */
  readonly name: AttrName;
}

/** What defines a path, and where a new definition of it would go. */
export interface Location {
  readonly names: readonly string[];
  /** The definitions, in source order. */
  readonly defs: readonly Definition[];
  /** The sets the path leads into, outermost first (where a missing path may be added). */
  readonly scopes: readonly Scope[];
}

/** A definition of the path itself, not of something inside it. */
export function isWhole(d: Definition): boolean {
  return d.binding.kind === "inherit" || d.at === d.binding.path.length - 1;
}

/** The name a path element has before evaluation, or null for a dynamic one. */
export const staticName: (n: AttrName) => string | null = staticNameOf;

/**
 * The set literal an expression's attributes are written in, looking through
 * parentheses, a function's body (`{ lib, ... }: { ... }`), a `let`, `with` or `assert`
 * body, and a call's last argument (`lib.mkIf c { ... }`, `stdenv.mkDerivation (finalAttrs:
 * { ... })`, `fetchurl { ... }`): the path names the set as written. Otherwise what the
 * expression is instead, for the error.
 */
export function setIn(e: Expr): Attrs | { readonly instead: string; readonly node: Expr } {
  let call: Expr | undefined;
  for (;;) {
    switch (e.kind) {
      case "attrs":
        return e;
      case "paren":
        e = e.expr;
        break;
      case "lambda":
      case "let":
      case "with":
      case "assert":
        e = e.body;
        break;
      case "apply":
        call ??= e;
        e = e.args[e.args.length - 1]!;
        break;
      default:
        return call === undefined
          ? { instead: describe(e), node: e }
          : { instead: `a function call whose last argument is ${describe(e)}`, node: call };
    }
  }
}

/** What an expression is, in a few words: "a list", "an update (//)". */
export function describe(e: Expr): string {
  switch (e.kind) {
    case "int":
      return "an integer";
    case "float":
      return "a float";
    case "string":
      return "a string";
    case "path":
      return "a path";
    case "searchPath":
      return "a search path";
    case "var":
      return `the variable ${e.name}`;
    case "select":
      return "an attribute selection";
    case "hasAttr":
      return "a '?' test";
    case "list":
      return "a list";
    case "attrs":
      return e.rec ? "a rec set" : "a set";
    case "paren":
      return describe(e.expr);
    case "let":
    case "lambda":
    case "with":
    case "assert":
      return describe(e.body);
    case "apply":
      return "a function call";
    case "if":
      return "an if-then-else, whose value depends on its condition";
    case "unary":
      return `an operation (${e.op})`;
    case "binary":
      return e.op === "//"
        ? "an update (//), whose attributes only evaluation tells"
        : `an operation (${e.op})`;
    default: {
      const never: never = e;
      return never;
    }
  }
}

/**
 * Everything that defines `names` in the file, and the sets the path leads into.
 * Throws {@link NixEditError}: `not-a-set` when a prefix of the path is defined as
 * something other than a set written in the file; `dynamic` when nothing defines the
 * path statically but a dynamic attribute could.
 */
export function locate(src: Source, names: readonly string[]): Location {
  const root = setIn(src.tree);
  const shown = showAttrPath(names);
  if (!("kind" in root)) {
    throw new NixEditError(
      "not-a-set",
      shown,
      `the file's value is not a set but ${root.instead} (${src.where(src.span(root.node).start)})`,
      src.file,
    );
  }
  const defs: Definition[] = [];
  const scopes: Scope[] = [];
  let dynamicAt: AttrName | undefined;

  const visit = (scope: Scope): void => {
    scopes.push(scope);
    const i = scope.depth;
    scope.set.bindings.forEach((b, index) => {
      if (b.kind === "inherit") {
        for (const n of b.names) {
          if (n.name !== names[i]) continue;
          if (i === names.length - 1) defs.push({ scope, index, binding: b, at: -1, name: n });
          else notASet(src, names, i + 1, `inherited (${src.where(src.span(b).start)})`);
        }
        return;
      }
      const q = b.path;
      let k = 0;
      for (; k < q.length && i + k < names.length; k++) {
        const n = staticName(q[k]!);
        if (n === null) {
          dynamicAt ??= q[k]!;
          return;
        }
        if (n !== names[i + k]) return;
      }
      if (i + k === names.length) {
        defs.push({ scope, index, binding: b, at: k - 1, name: q[k - 1]! });
        return;
      }
      // The binding defines a prefix of the path: look inside its value.
      const inner = setIn(b.value);
      if (!("kind" in inner)) {
        notASet(src, names, i + k, `${inner.instead} (${src.where(src.span(inner.node).start)})`);
      }
      visit({ set: inner, depth: i + k, chain: [...scope.chain, { set: scope.set, index }] });
    });
  };
  visit({ set: root, depth: 0, chain: [] });

  defs.sort((a, b) => src.span(a.binding).start - src.span(b.binding).start);
  if (defs.length === 0 && dynamicAt !== undefined) {
    throw new NixEditError(
      "dynamic",
      shown,
      `a dynamic attribute (${src.where(src.span(dynamicAt).start)}) may define it: only evaluation tells`,
      src.file,
    );
  }
  return { names, defs, scopes };
}

function notASet(src: Source, names: readonly string[], upTo: number, what: string): never {
  const prefix = showAttrPath(names.slice(0, upTo));
  throw new NixEditError(
    "not-a-set",
    showAttrPath(names),
    `${prefix} is not a set written in the file: it is ${what}`,
    src.file,
  );
}

/**
 * Where a missing path is added: beside the binding that shares the longest start of it
 * (`inputs.b.url` after `inputs.a.url`), else at the end of the deepest set it leads
 * into. A nested set is only chosen when no binding outside it shares more of the path,
 * since Nix merges a set literal with dotted bindings one level deep only.
 */
export function placeFor(loc: Location): { scope: Scope; index: number } {
  let best = { scope: loc.scopes[0]!, index: loc.scopes[0]!.set.bindings.length, shared: 0 };
  for (const scope of loc.scopes) {
    const rest = loc.names.slice(scope.depth);
    if (scope.depth >= best.shared)
      best = { scope, index: scope.set.bindings.length, shared: scope.depth };
    scope.set.bindings.forEach((b, i) => {
      if (b.kind !== "assign") return;
      let k = 0;
      while (k < b.path.length && k < rest.length && staticName(b.path[k]!) === rest[k]) k++;
      // A binding of a whole prefix holds a deeper scope of its own: not a sibling.
      if (k === 0 || k === b.path.length) return;
      if (scope.depth + k >= best.shared) best = { scope, index: i + 1, shared: scope.depth + k };
    });
  }
  return best;
}
