/**
 * A compact S-expression rendering of a tree, for tests: `(+ a (* b c))`.
 *
 * @packageDocumentation
 */
import type { AttrName, AttrPath, Binding, Expr, StringPart } from "../ast/nodes.js";

function name(n: AttrName): string {
  if (n.kind === "dynamic") return "${" + show(n.expr) + "}";
  return n.quoted
    ? JSON.stringify(n.name)
    : /^[A-Za-z_][A-Za-z0-9_'-]*$/.test(n.name)
      ? n.name
      : JSON.stringify(n.name);
}

function path(p: AttrPath): string {
  return p.map(name).join(".");
}

function parts(ps: readonly StringPart[]): string {
  return ps.map((p) => (typeof p === "string" ? JSON.stringify(p) : show(p))).join(" ");
}

function binding(b: Binding): string {
  if (b.kind === "assign") return `${path(b.path)}=${show(b.value)};`;
  const from = b.from ? `(${show(b.from)}) ` : "";
  return `inherit ${from}${b.names.map(name).join(" ")};`;
}

/**
 * Renders an expression as an S-expression: literals as written (`1`, `1.5f`,
 * `"text"`), variables bare, calls `(f a b)`, operators `(+ a b)`, `(neg a)`, sets
 * `{a=1; inherit b;}`, lists `[a b]`, and `(. e a.b or d)`, `(? e a)`, `(paren e)`,
 * `(let {...} body)`, `(fn x body)`, `(fn {a b?1 ...}@x body)`, `(if c a b)`,
 * `(with e b)`, `(assert c b)`, `(str ...)` for strings with interpolation, `(path ...)`.
 */
export function show(e: Expr): string {
  switch (e.kind) {
    case "int":
      return String(e.value);
    case "float":
      return `${e.value}f`;
    case "string":
      return e.parts.length === 1 && typeof e.parts[0] === "string"
        ? JSON.stringify(e.parts[0])
        : e.parts.length === 0
          ? '""'
          : `(str ${parts(e.parts)})`;
    case "path":
      return e.parts.length === 1 && typeof e.parts[0] === "string"
        ? e.parts[0]
        : `(path ${parts(e.parts)})`;
    case "searchPath":
      return `<${e.path}>`;
    case "var":
      return e.name;
    case "select":
      return `(. ${show(e.expr)} ${path(e.path)}${e.default ? ` or ${show(e.default)}` : ""})`;
    case "hasAttr":
      return `(? ${show(e.expr)} ${path(e.path)})`;
    case "list":
      return `[${e.items.map(show).join(" ")}]`;
    case "attrs":
      return `${e.rec ? "rec " : ""}{${e.bindings.map(binding).join(" ")}}`;
    case "paren":
      return `(paren ${show(e.expr)})`;
    case "let":
      return `(let {${e.bindings.map(binding).join(" ")}} ${show(e.body)})`;
    case "lambda": {
      if (typeof e.param === "string") return `(fn ${e.param} ${show(e.body)})`;
      const f = e.param;
      const items = f.formals.map((x) => (x.default ? `${x.name}?${show(x.default)}` : x.name));
      if (f.ellipsis) items.push("...");
      const pat = `{${items.join(" ")}}`;
      const bound = f.bind
        ? f.bind.position === "before"
          ? `${f.bind.name}@${pat}`
          : `${pat}@${f.bind.name}`
        : pat;
      return `(fn ${bound} ${show(e.body)})`;
    }
    case "apply":
      return `(${show(e.fn)} ${e.args.map(show).join(" ")})`;
    case "if":
      return `(if ${show(e.cond)} ${show(e.then)} ${show(e.else)})`;
    case "with":
      return `(with ${show(e.env)} ${show(e.body)})`;
    case "assert":
      return `(assert ${show(e.cond)} ${show(e.body)})`;
    case "unary":
      return e.op === "!" ? `(! ${show(e.expr)})` : `(neg ${show(e.expr)})`;
    case "binary":
      return `(${e.op} ${show(e.left)} ${show(e.right)})`;
  }
}
