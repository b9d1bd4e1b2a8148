/**
 * Values sent to and from a worker thread as JSON, written and read without recursion
 * (a tree nested a hundred thousand deep would overflow `JSON.stringify`'s stack; V8's
 * `JSON.parse` does not recurse). Bigints, `undefined` list items, numbers JSON has no
 * literal for, and strings that could be taken for those marks travel as marked strings.
 * A node's mark (a symbol key, which JSON cannot carry) travels as a key of its own, and
 * an object key that could be taken for it is marked like such a string.
 *
 * @packageDocumentation
 */

import { isNode, NODE } from "../ast/mark.js";

/** The start of every mark; a string starting with it is itself marked. */
const MARK = "\u0000nix-ast:";
const BIGINT = MARK + "bigint:";
const NUMBER = MARK + "number:";
const UNDEFINED = MARK + "undefined";
const STRING = MARK + "string:";
/** The key that stands for a node's mark. */
const NODE_KEY = MARK + "node";

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
          if (isNode(v)) {
            parts.push({ text: JSON.stringify(NODE_KEY) + ":1" });
            first = false;
          }
          for (const [k, x] of Object.entries(v)) {
            if (x === undefined) continue;
            const key = k.startsWith(MARK) ? STRING + k : k;
            parts.push({ text: (first ? "" : ",") + JSON.stringify(key) + ":" }, { value: x });
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
  const top = { root: revive(JSON.parse(json) as unknown) };
  // Each object with the place that holds it, which gets the object's rewritten copy.
  const stack: [Record<string, unknown>, Record<string, unknown>, string][] = [];
  if (typeof top.root === "object" && top.root !== null) {
    stack.push([top.root as Record<string, unknown>, top, "root"]);
  }
  while (stack.length > 0) {
    const [read, holder, at] = stack.pop()!;
    const o = !Array.isArray(read) && hasMarkedKey(read) ? unmarkKeys(read) : read;
    if (o !== read) holder[at] = o;
    for (const k of Object.keys(o)) {
      const v = revive(o[k]);
      o[k] = v;
      if (typeof v === "object" && v !== null) stack.push([v as Record<string, unknown>, o, k]);
    }
  }
  return top.root;
}

function hasMarkedKey(o: object): boolean {
  for (const k in o) if (k.startsWith(MARK)) return true;
  return false;
}

/**
 * A copy of `o` with its node key turned back into the mark and marked keys into what they
 * were, in the same order (a copy, not deletions, which would leave V8 a slow object).
 */
function unmarkKeys(o: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string | symbol, unknown> = {};
  for (const k of Object.keys(o)) {
    if (k === NODE_KEY) copy[NODE] = true;
    else copy[k.startsWith(STRING) ? k.slice(STRING.length) : k] = o[k];
  }
  return copy as Record<string, unknown>;
}
