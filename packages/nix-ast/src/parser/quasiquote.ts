/**
 * The `nix` tagged template: Nix source with holes, parsed into a tree.
 *
 * @packageDocumentation
 */
import { isNode, toExpr, type ExprLike } from "../ast/builders.js";
import type { AttrName, Binding, Expr, StringPart } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";
import { parse } from "./parser.js";

/** What a hole of a {@link nix} template may hold: a node, a plain value, or an attribute name. */
export type Hole = ExprLike | AttrName;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Parses Nix source written as a template literal whose holes are nodes or plain values
 * (converted with `toExpr`), and returns the tree.
 *
 * A hole may stand wherever an expression may (`lib.mkIf ${cond} { ... }`), as an
 * attribute name or one element of an attribute path (`{ ${name} = 1; }`,
 * `cfg.${name}`: a JavaScript string gives a static name, a node a dynamic `${...}`
 * one), as a name after `inherit`, as a lambda parameter or formal (a string), and
 * inside a string or path literal (`"${pkgs.hello}/bin"`: a JavaScript string is
 * inserted as text, anything else as an interpolation).
 *
 * The template's raw text is the Nix source, so Nix escapes read as Nix escapes
 * (`"a\nb"` is Nix's `\n`); only JavaScript's own escapes are undone: write `\${` for a
 * Nix interpolation `${` and `` \` `` for a backquote.
 *
 * @example
 * ```ts
 * import { nix, ref, print } from "@atbb/nix-ast";
 * const cond = ref("cfg.enable");
 * const tree = nix`lib.mkIf ${cond} { enable = ${true}; port = ${8080}; }`;
 * print(tree); // "lib.mkIf cfg.enable {\n  enable = true;\n  port = 8080;\n}\n"
 * ```
 * @throws NixParseError when the source (with placeholders in the holes) does not parse;
 *   NixAstError when a hole stands where no value can.
 */
export function nix(strings: TemplateStringsArray, ...values: Hole[]): Expr {
  const raw = strings.raw.map((s) => s.replace(/\\(\$\{|`)/g, "$1"));
  const joined = raw.join("");
  let nonce = 0;
  while (joined.includes(`__hole${nonce}_`)) nonce++;
  const tag = `__hole${nonce}_`;
  let source = raw[0] ?? "";
  values.forEach((_, i) => {
    source += `${tag}${i}__${raw[i + 1] ?? ""}`;
  });
  const tree = parse(source, { file: "nix`...`" });
  const s = new Substituter(tag, values);
  const result = s.expr(tree);
  const unused = values.findIndex((_, i) => !s.used.has(i));
  if (unused >= 0) {
    throw new NixAstError(
      `hole ${unused + 1} of the nix template stands where no value can (inside a comment?)`,
    );
  }
  return result;
}

const HOLE = /__hole\d+_(\d+)__/g;

class Substituter {
  readonly used = new Set<number>();
  private readonly exact: RegExp;

  constructor(
    private readonly tag: string,
    private readonly values: readonly Hole[],
  ) {
    this.exact = new RegExp(`^${tag}(\\d+)__$`);
  }

  /** The index of a name that is exactly one placeholder, or -1. */
  private holeOf(name: string): number {
    const m = this.exact.exec(name);
    if (!m) return -1;
    const i = Number(m[1]);
    this.used.add(i);
    return i;
  }

  private has(text: string): boolean {
    return text.includes(this.tag);
  }

  private value(i: number): Expr {
    const v = this.values[i];
    if (v !== null && typeof v === "object" && !isNode(v) && (v as AttrName).kind === "name") {
      return toExpr((v as { name: string }).name);
    }
    if (v !== null && typeof v === "object" && !isNode(v) && (v as AttrName).kind === "dynamic") {
      return (v as { expr: Expr }).expr;
    }
    return toExpr(v as ExprLike);
  }

  private stringValue(i: number, where: string): string {
    const v = this.values[i];
    if (typeof v === "string") return v;
    if (v !== null && typeof v === "object" && !isNode(v) && (v as AttrName).kind === "name") {
      return (v as { name: string }).name;
    }
    throw new NixAstError(
      `hole ${i + 1} of the nix template is ${where}: it needs a JavaScript string`,
    );
  }

  /** Text with placeholders, split into text (string holes) and interpolations. */
  private parts(parts: readonly StringPart[]): StringPart[] {
    const out: StringPart[] = [];
    const push = (p: StringPart): void => {
      const last = out[out.length - 1];
      if (typeof p === "string") {
        if (p === "") return;
        if (typeof last === "string") out[out.length - 1] = last + p;
        else out.push(p);
      } else out.push(p);
    };
    for (const p of parts) {
      if (typeof p !== "string") {
        push(this.expr(p));
        continue;
      }
      if (!this.has(p)) {
        push(p);
        continue;
      }
      let at = 0;
      for (const m of p.matchAll(HOLE)) {
        push(p.slice(at, m.index));
        const i = Number(m[1]);
        this.used.add(i);
        const v = this.values[i];
        push(typeof v === "string" ? v : this.value(i));
        at = m.index + m[0].length;
      }
      push(p.slice(at));
    }
    return out;
  }

  private name(n: AttrName): AttrName {
    if (n.kind === "dynamic") return { ...n, expr: this.expr(n.expr) };
    const i = this.holeOf(n.name);
    if (i < 0) {
      if (this.has(n.name))
        throw new NixAstError("a hole of the nix template cannot be part of a name");
      return n;
    }
    const v = this.values[i];
    if (typeof v === "string") return { kind: "name", name: v };
    if (
      v !== null &&
      typeof v === "object" &&
      !isNode(v) &&
      ((v as AttrName).kind === "name" || (v as AttrName).kind === "dynamic")
    ) {
      return v as AttrName;
    }
    return { kind: "dynamic", expr: this.value(i) };
  }

  private binding(b: Binding): Binding {
    if (b.kind === "assign") {
      return {
        ...b,
        path: b.path.map((n) => this.name(n)) as unknown as typeof b.path,
        value: this.expr(b.value),
      };
    }
    const names = b.names.map((n) => {
      const i = this.holeOf(n.name);
      return i < 0 ? n : { kind: "name" as const, name: this.stringValue(i, "an inherited name") };
    });
    return b.from ? { ...b, from: this.expr(b.from), names } : { ...b, names };
  }

  private param(name: string): string {
    const i = this.holeOf(name);
    return i < 0 ? name : this.stringValue(i, "a parameter name");
  }

  /** The tree with every placeholder replaced (parsed nodes are fresh: rebuilt in place). */
  expr(e: Expr): Expr {
    const m = e as Mutable<Expr> & Record<string, unknown>;
    switch (e.kind) {
      case "var": {
        const i = this.holeOf(e.name);
        if (i < 0) return e;
        const v = this.value(i);
        return e.trivia ? withTrivia(v, e.trivia) : v;
      }
      case "int":
      case "float":
      case "searchPath":
        return e;
      case "string":
      case "path":
        m["parts"] = this.parts(e.parts);
        return e;
      case "select":
        m["expr"] = this.expr(e.expr);
        m["path"] = e.path.map((n) => this.name(n));
        if (e.default) m["default"] = this.expr(e.default);
        return e;
      case "hasAttr":
        m["expr"] = this.expr(e.expr);
        m["path"] = e.path.map((n) => this.name(n));
        return e;
      case "list":
        m["items"] = e.items.map((x) => {
          const y = this.expr(x);
          return x.trivia && y !== x && !y.trivia ? withTrivia(y, x.trivia) : y;
        });
        return e;
      case "attrs":
      case "let":
        m["bindings"] = e.bindings.map((b) => this.binding(b));
        if (e.kind === "let") m["body"] = this.expr(e.body);
        return e;
      case "paren":
      case "unary":
        m["expr"] = this.expr(e.expr);
        return e;
      case "lambda":
        if (typeof e.param === "string") m["param"] = this.param(e.param);
        else {
          const f = e.param;
          m["param"] = {
            ...f,
            formals: f.formals.map((x) => ({
              ...x,
              name: this.param(x.name),
              ...(x.default ? { default: this.expr(x.default) } : {}),
            })),
            ...(f.bind ? { bind: { ...f.bind, name: this.param(f.bind.name) } } : {}),
          };
        }
        m["body"] = this.expr(e.body);
        return e;
      case "apply":
        m["fn"] = this.expr(e.fn);
        m["args"] = e.args.map((x) => this.expr(x));
        return e;
      case "if":
        m["cond"] = this.expr(e.cond);
        m["then"] = this.expr(e.then);
        m["else"] = this.expr(e.else);
        return e;
      case "with":
        m["env"] = this.expr(e.env);
        m["body"] = this.expr(e.body);
        return e;
      case "assert":
        m["cond"] = this.expr(e.cond);
        m["body"] = this.expr(e.body);
        return e;
      case "binary":
        m["left"] = this.expr(e.left);
        m["right"] = this.expr(e.right);
        return e;
    }
  }
}

/** A copy of a node with trivia added. */
function withTrivia(e: Expr, trivia: NonNullable<Expr["trivia"]>): Expr {
  return { ...e, trivia: { ...trivia, ...e.trivia } } as Expr;
}
