/**
 * Checks for what Nix cannot represent. Builders call them at once (location `[]`);
 * the printer calls them again with the node's location, for trees made by hand.
 */
import { NixAstError } from "../errors.js";
import type { StringPart } from "./nodes.js";

const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;

/** Integers are signed 64-bit in Nix. */
export function checkInt(value: bigint, at: readonly string[]): void {
  if (value < INT_MIN || value > INT_MAX) {
    throw new NixAstError(`integer ${value} is outside the signed 64-bit range of Nix`, at);
  }
}

/** Nix has no literal for NaN or the infinities, and refuses subnormal literals. */
export function checkFloat(value: number, at: readonly string[]): void {
  if (Number.isNaN(value)) throw new NixAstError("NaN has no Nix literal", at);
  if (!Number.isFinite(value)) throw new NixAstError(`${value} has no Nix literal`, at);
  if (value !== 0 && Math.abs(value) < 2.2250738585072014e-308) {
    throw new NixAstError(`subnormal float ${value} has no Nix literal (Nix refuses it)`, at);
  }
}

/**
 * Nix strings cannot hold NUL; and text that is not well-formed Unicode (a lone
 * surrogate) would silently turn into U+FFFD when written as UTF-8. One pass, no regex:
 * this runs on every string of a large tree.
 */
export function checkNoNul(text: string, at: readonly string[]): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0 && c < 0xd800) continue;
    if (c === 0) {
      throw new NixAstError(`NUL character at offset ${i} cannot appear in Nix text`, at);
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    } else if (c < 0xdc00 || c > 0xdfff) continue;
    throw new NixAstError(
      `lone surrogate U+${c.toString(16).toUpperCase()} at offset ${i} is not Unicode text`,
      at,
    );
  }
}

const PATH_CHARS = /^[A-Za-z0-9._+\-/]*$/;

/**
 * A path literal: characters `[A-Za-z0-9._+-]` and `/`, starting with `./`, `../`, `/` or
 * `~/` (or a name followed by `/`), at least one `/`, no trailing `/`, no `//`.
 * Interpolations may stand between text parts.
 */
export function checkPathText(parts: readonly StringPart[], at: readonly string[]): void {
  const first = parts[0];
  if (typeof first !== "string") {
    throw new NixAstError("a path literal must start with text such as ./ or /", at);
  }
  const texts = parts.filter((p): p is string => typeof p === "string");
  const home = first.startsWith("~/");
  for (const [i, t] of texts.entries()) {
    const body = i === 0 && home ? t.slice(1) : t;
    if (!PATH_CHARS.test(body)) {
      const bad = [...body].find((c) => !/[A-Za-z0-9._+\-/]/.test(c));
      throw new NixAstError(
        `character ${JSON.stringify(bad)} cannot appear in a path literal ${JSON.stringify(t)} (use ./. + "/..." instead)`,
        at,
      );
    }
    if (t.includes("//")) throw new NixAstError(`path literal ${JSON.stringify(t)} holds "//"`, at);
  }
  if (!/^(\.{1,2}|~|[A-Za-z0-9._+-]*)\//.test(first)) {
    throw new NixAstError(`${JSON.stringify(first)} does not start a path literal`, at);
  }
  const last = parts[parts.length - 1];
  if (typeof last === "string" && last.endsWith("/")) {
    throw new NixAstError(`path literal ${JSON.stringify(last)} cannot end with "/"`, at);
  }
}

/** `<nixpkgs/lib>`: the text between the brackets. */
export function checkSearchPath(text: string, at: readonly string[]): void {
  if (!/^[A-Za-z0-9._+-]+(\/[A-Za-z0-9._+-]+)*$/.test(text)) {
    throw new NixAstError(`<${text}> is not a valid search path`, at);
  }
}
