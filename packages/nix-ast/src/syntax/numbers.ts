/**
 * Number literals: the shortest text Nix reads back as exactly the value.
 *
 * Both functions take a non-negative magnitude: a negative number is printed by the
 * printer as unary minus applied to the literal (`-1.5`, `-7`), which is also how Nix
 * itself reads a negative number.
 *
 * @packageDocumentation
 */
import { NixAstError } from "../errors.js";

const INT_MAX = 2n ** 63n - 1n;

/**
 * The literal of a non-negative integer: its decimal digits (`0`, `42`,
 * `9223372036854775807`).
 *
 * The smallest 64-bit integer, -2^63, has no literal (its magnitude does not fit):
 * the printer writes it `(-9223372036854775807 - 1)`.
 *
 * @throws NixAstError when `value` is negative or above 2^63 - 1.
 */
export function formatInt(value: bigint): string {
  if (value < 0n) {
    throw new NixAstError(`formatInt takes a magnitude, got ${value}: print unary minus before it`);
  }
  if (value > INT_MAX) {
    throw new NixAstError(`integer ${value} is outside the signed 64-bit range of Nix`);
  }
  return value.toString();
}

/**
 * The literal of a non-negative finite float, with the shortest digits that read back
 * as exactly `value`, and always a float literal (it has a dot):
 * - integral values get `.0`: `2.0`, `0.0`;
 * - positional for 1e-2 <= value < 1e21: `1.5`, `0.01`, `123456.0`;
 * - otherwise exponent form, with a dot in the mantissa and no `+`: `1.0e-3`, `1.5e-7`,
 *   `1.0e21`, `2.5e300`.
 *
 * Nix refuses subnormal literals and has none for NaN or the infinities: the caller
 * validates those (`checkFloat`). Negative zero prints `0.0` (Nix has no negative
 * zero literal; `-0.0` equals `0.0`).
 *
 * @param value - the magnitude: the printer prints unary minus itself.
 * @throws NixAstError when `value` is negative, NaN or infinite.
 */
export function formatFloat(value: number): string {
  if (Number.isNaN(value) || !Number.isFinite(value)) {
    throw new NixAstError(`${value} has no Nix literal`);
  }
  if (value < 0) {
    throw new NixAstError(
      `formatFloat takes a magnitude, got ${value}: print unary minus before it`,
    );
  }
  if (value === 0) return "0.0";
  if (value >= 1e-2 && value < 1e21) {
    // JavaScript writes these positionally, with the shortest round-trip digits
    const text = String(value);
    return text.includes(".") ? text : text + ".0";
  }
  // shortest round-trip digits, as d.ddde[+-]x
  const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
  const mant = mantissa.includes(".") ? mantissa : mantissa + ".0";
  return `${mant}e${exponent.startsWith("+") ? exponent.slice(1) : exponent}`;
}

const INT_LITERAL = /^[0-9]+$/;
const FLOAT_LITERAL = /^(?:[1-9][0-9]*\.[0-9]*|0?\.[0-9]+)(?:[Ee][+-]?[0-9]+)?$/;

/**
 * The literal of a non-negative integer: `source` (the literal as a file wrote it, such
 * as `007`) when it is one and reads as `value`, else {@link formatInt}'s.
 */
export function intLiteral(value: bigint, source: string | undefined): string {
  if (source !== undefined && INT_LITERAL.test(source) && BigInt(source) === value) return source;
  return formatInt(value);
}

/**
 * The literal of a non-negative float: `source` (the literal as a file wrote it, such as
 * `1.0e-2` or `.5`) when it is one and reads as `value`, else {@link formatFloat}'s.
 */
export function floatLiteral(value: number, source: string | undefined): string {
  if (source !== undefined && FLOAT_LITERAL.test(source) && Number(source) === value) {
    return source;
  }
  return formatFloat(value);
}
