/**
 * What counts as plain data (what converts to Nix), and how to name a value in a message.
 *
 * @packageDocumentation
 */

/**
 * Undefined for an array or a plain object (`{}`, `Object.create(null)`, or one from
 * another realm); for anything else, what it is and how to pass it instead, for a message
 * (`a Date`, `a Map`, ...). Such objects have no fields to speak of (a `Date` would print
 * `{ }`, a `Buffer` its bytes as a set), so they are refused rather than guessed at.
 */
export function nonPlain(value: object): string | undefined {
  if (Array.isArray(value)) return undefined;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return undefined;
  if (Object.getPrototypeOf(proto) === null && constructorName(value) === "Object") {
    return undefined; // a plain object made in another realm (a vm context)
  }
  return describeObject(value);
}

function constructorName(value: object): string | undefined {
  const c: unknown = (value as { constructor?: unknown }).constructor;
  return typeof c === "function" && c.name !== "" ? c.name : undefined;
}

function describeObject(value: object): string {
  const name = constructorName(value) ?? "object with a prototype";
  if (value instanceof Date) return "a Date (pass date.toISOString())";
  if (value instanceof Map) return "a Map (pass Object.fromEntries(map))";
  if (value instanceof Set) return "a Set (pass [...set])";
  if (value instanceof RegExp) return "a RegExp (pass regexp.source)";
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    return `a ${name} (pass a string or an array of numbers)`;
  }
  if (value instanceof String || value instanceof Number || value instanceof Boolean) {
    return `a ${name} object (pass the primitive value, not new ${name}(...))`;
  }
  if (value instanceof Promise) return "a Promise (await it first)";
  return `a ${name} instance (pass a plain object)`;
}

/** `value` named briefly for a message: `the number 5`, `a plain object`, `undefined`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "string":
      return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
    case "number":
    case "bigint":
    case "boolean":
      return `the ${typeof value} ${String(value)}${typeof value === "bigint" ? "n" : ""}`;
    case "object":
      if (Array.isArray(value)) return "an array";
      return nonPlain(value) ?? "a plain object";
    default:
      return `a ${typeof value}`;
  }
}
