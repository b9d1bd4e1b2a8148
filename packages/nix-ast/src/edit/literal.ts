/**
 * The plain value of a literal expression, for `nix-ast get --json` and for programs that
 * read a setting out of a file.
 *
 * @packageDocumentation
 */
import type { Expr } from "../ast/nodes.js";
import { NixAstError } from "../errors.js";
import { formatAttrName } from "../syntax/names.js";
import { describe, staticName } from "./locate.js";

/** A plain value of a literal: what {@link literalValue} returns. */
export type LiteralValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly LiteralValue[]
  | { readonly [name: string]: LiteralValue };

/**
 * The value of a literal expression as plain JavaScript: integers as numbers (bigints
 * beyond 2^53), floats as numbers, strings without interpolation, `true`, `false`,
 * `null`, and lists and sets of literals (dotted names nest). Throws `NixAstError`, naming
 * where, for anything else (a path, a variable, a call, an interpolation).
 *
 * @example
 * ```ts
 * import { literalValue, parse } from "@atbb/nix-ast";
 * literalValue(parse('{ a.b = [ 1 "x" ]; c = -2.5; }'));
 * // { a: { b: [ 1, 'x' ] }, c: -2.5 }
 * ```
 */
export function literalValue(e: Expr, location: readonly string[] = []): LiteralValue {
  switch (e.kind) {
    case "int":
      return Number.isSafeInteger(Number(e.value)) ? Number(e.value) : e.value;
    case "float":
      return e.value;
    case "string": {
      const [only, ...more] = e.parts;
      if (only === undefined) return "";
      if (typeof only === "string" && more.length === 0) return only;
      throw new NixAstError(
        "a string with an interpolation has no value before evaluation",
        location,
      );
    }
    case "var":
      if (e.name === "true") return true;
      if (e.name === "false") return false;
      if (e.name === "null") return null;
      break;
    case "paren":
      return literalValue(e.expr, location);
    case "unary":
      if (e.op === "-" && (e.expr.kind === "int" || e.expr.kind === "float")) {
        const v = literalValue(e.expr, location) as number | bigint;
        return typeof v === "bigint" ? -v : -v;
      }
      break;
    case "list":
      return e.items.map((item, i) => literalValue(item, [...location, `list item ${i + 1}`]));
    case "attrs": {
      const out: Record<string, LiteralValue> = {};
      for (const b of e.bindings) {
        if (b.kind === "inherit") {
          throw new NixAstError("an inherited value has no value before evaluation", location);
        }
        const names = b.path.map(staticName);
        const shown = names.map((n) => (n === null ? "${...}" : formatAttrName(n))).join(".");
        const at = [...location, `binding ${shown}`];
        if (names.includes(null)) {
          throw new NixAstError("a dynamic name has no value before evaluation", at);
        }
        let target = out;
        for (const n of names.slice(0, -1) as string[]) {
          const next = target[n];
          target = (next ?? (target[n] = {})) as Record<string, LiteralValue>;
        }
        const value = literalValue(b.value, [...at, "value"]);
        const last = names[names.length - 1]!;
        const old = target[last];
        target[last] = isRecord(old) && isRecord(value) ? { ...old, ...value } : value;
      }
      return out;
    }
    default:
      break;
  }
  throw new NixAstError(`${describe(e)} is not a literal`, location);
}

function isRecord(v: LiteralValue | undefined): v is { readonly [name: string]: LiteralValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A literal value as JSON text on one line (integers beyond 2^53 exactly). */
export function literalJson(v: LiteralValue): string {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return `[${v.map(literalJson).join(",")}]`;
  if (isRecord(v)) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${literalJson(x)}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}
