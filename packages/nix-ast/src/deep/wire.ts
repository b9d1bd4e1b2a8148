/**
 * Values sent to and from a worker thread as JSON, written and read without recursion
 * (a tree nested a hundred thousand deep would overflow `JSON.stringify`'s stack; V8's
 * `JSON.parse` does not recurse). Bigints, `undefined` list items, numbers JSON has no
 * literal for, and strings that could be taken for those marks travel as marked strings.
 *
 * @packageDocumentation
 */

/** The start of every mark; a string starting with it is itself marked. */
const MARK = "\u0000nix-ast:";
const BIGINT = MARK + "bigint:";
const NUMBER = MARK + "number:";
const UNDEFINED = MARK + "undefined";
const STRING = MARK + "string:";

/**
 * `value` as JSON (object properties that are `undefined` left out, as `JSON.stringify`
 * does), or undefined when it holds what JSON cannot carry (a function, a symbol).
 */
export function toWire(value: unknown): string | undefined {
  const out: string[] = [];
  // Work items: a value to write, or text to write as it is.
  const stack: { value?: unknown; text?: string }[] = [{ value }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.text !== undefined) {
      out.push(item.text);
      continue;
    }
    const v = item.value;
    switch (typeof v) {
      case "string":
        out.push(JSON.stringify(v.startsWith(MARK) ? STRING + v : v));
        break;
      case "number":
        out.push(Number.isFinite(v) ? JSON.stringify(v) : JSON.stringify(NUMBER + String(v)));
        break;
      case "bigint":
        out.push(JSON.stringify(BIGINT + v.toString()));
        break;
      case "boolean":
        out.push(v ? "true" : "false");
        break;
      case "undefined":
        out.push(JSON.stringify(UNDEFINED));
        break;
      case "object": {
        if (v === null) {
          out.push("null");
          break;
        }
        // Pushed in reverse: the stack pops them in order.
        const parts: { value?: unknown; text?: string }[] = [];
        if (Array.isArray(v)) {
          parts.push({ text: "[" });
          for (let i = 0; i < v.length; i++) {
            if (i > 0) parts.push({ text: "," });
            parts.push({ value: v[i] as unknown });
          }
          parts.push({ text: "]" });
        } else {
          parts.push({ text: "{" });
          let first = true;
          for (const [k, x] of Object.entries(v)) {
            if (x === undefined) continue;
            parts.push({ text: (first ? "" : ",") + JSON.stringify(k) + ":" }, { value: x });
            first = false;
          }
          parts.push({ text: "}" });
        }
        for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
        break;
      }
      default:
        return undefined;
    }
  }
  return out.join("");
}

/** The value {@link toWire} wrote. */
export function fromWire(json: string): unknown {
  const revive = (v: unknown): unknown => {
    if (typeof v !== "string" || !v.startsWith(MARK)) return v;
    if (v.startsWith(BIGINT)) return BigInt(v.slice(BIGINT.length));
    if (v.startsWith(NUMBER)) return Number(v.slice(NUMBER.length));
    if (v === UNDEFINED) return undefined;
    return v.slice(STRING.length);
  };
  const root = revive(JSON.parse(json) as unknown);
  const stack: object[] = typeof root === "object" && root !== null ? [root] : [];
  while (stack.length > 0) {
    const o = stack.pop() as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const v = revive(o[k]);
      o[k] = v;
      if (typeof v === "object" && v !== null) stack.push(v);
    }
  }
  return root;
}
