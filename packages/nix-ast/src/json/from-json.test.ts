import { describe, expect, it } from "vitest";
import { attrs, bind, float, int, list, name, ref, str } from "../ast/builders.js";
import { NixAstError } from "../errors.js";
import { DEFAULT_MAX_DEPTH, JsonError, fromJson } from "./from-json.js";

/** The error `fromJson` throws for `source`. */
function errorOf(source: string | Uint8Array, file?: string): JsonError {
  try {
    fromJson(source, file === undefined ? {} : { file });
  } catch (e) {
    expect(e).toBeInstanceOf(JsonError);
    expect(e).toBeInstanceOf(NixAstError);
    return e as JsonError;
  }
  throw new Error(`fromJson accepted ${String(source)}`);
}

describe("fromJson: values", () => {
  it("reads numbers as Nix does: a fraction or an exponent makes a float", () => {
    expect(fromJson("[1, -1, 0, -0, 1.0, 1e2, 1E+2, 2.5e-3, -0.5]")).toEqual(
      list([
        int(1),
        int(-1),
        int(0),
        int(0),
        float(1),
        float(100),
        float(100),
        float(0.0025),
        float(-0.5),
      ]),
    );
  });

  it("keeps integers exact to 64 bits", () => {
    expect(fromJson("9007199254740993")).toEqual(int(9007199254740993n));
    expect(fromJson("9223372036854775807")).toEqual(int(9223372036854775807n));
    expect(fromJson("-9223372036854775808")).toEqual(int(-9223372036854775808n));
  });

  it("rounds a float's decimal to the nearest double", () => {
    expect(fromJson("0.1000000000000000055511151231257827")).toEqual(float(0.1));
    expect(fromJson("1.7976931348623157e308")).toEqual(float(Number.MAX_VALUE));
    expect(fromJson("2.2250738585072014e-308")).toEqual(float(2.2250738585072014e-308));
    expect(fromJson("9007199254740993.0")).toEqual(float(9007199254740992));
    expect(fromJson("0.0")).toEqual(float(0));
    expect(fromJson("0e-999")).toEqual(float(0));
  });

  it("reads strings with every escape, keys as single attribute names", () => {
    expect(
      fromJson(String.raw`{"a.b": "\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE00x", "": "ok", "or": "é😀"}`),
    ).toEqual(
      attrs([
        bind(name("a.b"), str('"\\/\b\f\n\r\té😀x')),
        bind(name(""), str("ok")),
        bind(name("or"), str("é😀")),
      ]),
    );
  });

  it("reads true, false and null as Nix's variables of those names", () => {
    expect(fromJson("[true, false, null]")).toEqual(list([ref("true"), ref("false"), ref("null")]));
  });

  it("keeps object keys in document order, including __proto__", () => {
    expect(fromJson('{"z": 1, "__proto__": 2, "a": {}}')).toEqual(
      attrs([bind("z", int(1)), bind("__proto__", int(2)), bind("a", attrs([]))]),
    );
  });

  it("skips JSON whitespace and a leading byte order mark, as Nix does", () => {
    expect(fromJson("\ufeff \t\r\n[ 1 ,\n2 ]\n")).toEqual(list([int(1), int(2)]));
    expect(fromJson(new TextEncoder().encode("\ufeff[]"))).toEqual(list([]));
  });

  it("decodes UTF-8 bytes", () => {
    expect(fromJson(new TextEncoder().encode('"é😀"'))).toEqual(str("é😀"));
  });

  it("reads nesting up to the limit without recursion", () => {
    const deep = "[".repeat(DEFAULT_MAX_DEPTH) + "]".repeat(DEFAULT_MAX_DEPTH);
    expect(fromJson(deep).kind).toBe("list");
    const n = 200_000;
    expect(fromJson("[".repeat(n) + "]".repeat(n), { maxDepth: Infinity }).kind).toBe("list");
    const objects = '{"a":'.repeat(n) + "1" + "}".repeat(n);
    expect(fromJson(objects, { maxDepth: Infinity }).kind).toBe("attrs");
  });
});

describe("fromJson: refusals", () => {
  it.each([
    [
      "9223372036854775808",
      "1:1",
      /integer 9223372036854775808 is outside the signed 64-bit range/,
    ],
    ["[-9223372036854775809]", "1:2", /integer -9223372036854775809 is outside the signed 64-bit/],
    ["[1, 18446744073709551616]", "1:5", /outside the signed 64-bit range/],
    ['"a\\u0000b"', "1:3", /\\u0000 in a string: Nix strings cannot hold NUL/],
    ['{"a\\u0000": 1}', "1:4", /\\u0000 in a key/],
    ['{"a": 1,\n  "a": 2}', "2:3", /key "a" appears twice in an object \(first at 1:2;/],
    ['{"a": 1, "\\u0061": 2}', "1:10", /key "a" appears twice/],
    ["1e400", "1:1", /number 1e400 is too large for a float/],
    ["-1.5e999", "1:1", /too large for a float/],
    [
      "1e-400",
      "1:1",
      /number 1e-400 is too small for a float: builtins.fromJSON would read it as 0.0/,
    ],
    ["[1e-310]", "1:2", /number 1e-310 is a subnormal float, which has no Nix literal/],
    ["4.9e-324", "1:1", /subnormal/],
    ["-0.0", "1:1", /number -0.0 is negative zero/],
    ["-0e3", "1:1", /negative zero/],
  ])("refuses %j at %s", (source, at, message) => {
    const e = errorOf(source);
    expect(`${e.line}:${e.column}`).toBe(at);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(`<input>:${at}: `)).toBe(true);
  });

  it.each([
    ["", "1:1", "expected a value, found end of input"],
    ["  ", "1:3", "expected a value, found end of input"],
    ["[1,]", "1:4", "expected a value, found ']'"],
    ["[1 2]", "1:4", "expected ',' or ']' after a list element, found '2'"],
    ['{"a": 1 "b": 2}', "1:9", "expected ',' or '}' after an object member, found '\"'"],
    ['{"a" 1}', "1:6", "expected ':' after a key, found '1'"],
    ["{a: 1}", "1:2", "expected a string key, found 'a'"],
    ['{"a": 1,}', "1:9", "expected a string key, found '}'"],
    ["[1] x", "1:5", "expected the end of the document, found 'x'"],
    ["01", "1:2", "expected the end of the document, found '1'"],
    ["1 2", "1:3", "expected the end of the document, found '2'"],
    ["tru", "1:1", "expected a value, found 't'"],
    ["nul", "1:1", "expected a value, found 'n'"],
    ["NaN", "1:1", "expected a value, found 'N'"],
    ["+1", "1:1", "expected a value, found '+'"],
    [".5", "1:1", "expected a value, found '.'"],
    ["-", "1:2", "invalid number: expected a digit after '-'"],
    ["-x", "1:2", "invalid number: expected a digit after '-'"],
    ["1.", "1:3", "invalid number: expected a digit after '.'"],
    ["1.e5", "1:3", "invalid number: expected a digit after '.'"],
    ["1e", "1:3", "invalid number: expected a digit in the exponent"],
    ["1.5E+", "1:5", "invalid number: expected a digit in the exponent"],
    ['"abc', "1:1", "unterminated string"],
    ['["a\tb"]', "1:4", "control character U+0009 in a string must be escaped"],
    ['"\\x"', "1:2", "invalid escape sequence '\\' followed by 'x'"],
    ['"\\u12"', "1:2", "'\\u' must be followed by four hex digits"],
    ['"\\ud800"', "1:2", "\\ud800 must be followed by a \\uDC00-\\uDFFF escape"],
    ['"\\ud800\\u0041"', "1:2", "\\ud800 must be followed by a \\uDC00-\\uDFFF escape"],
    ['"\\udc00"', "1:2", "unpaired surrogate \\udc00"],
    ['"x\ud800"', "1:3", "unpaired surrogate U+D800 in a string"],
    ["[\n  1,\n  é]", "3:3", "expected a value, found 'é'"],
    ["[\n  '😀😀x'", "2:3", "expected a value, found '''"],
    ['["😀😀", x]', "1:8", "expected a value, found 'x'"],
  ])("refuses invalid JSON %j at %s", (source, at, message) => {
    const e = errorOf(source);
    expect(`${e.line}:${e.column}`).toBe(at);
    expect(e.message).toContain(message);
  });

  it("names the file in the message", () => {
    expect(errorOf("[1,]", "data.json").message).toBe(
      "data.json:1:4: invalid JSON: expected a value, found ']'",
    );
  });

  it("refuses invalid UTF-8 with the line and column of the bad byte", () => {
    const bytes = (...b: number[]) => new Uint8Array(b);
    const q = 0x22;
    for (const [input, at, byte] of [
      [bytes(0x5b, 0x0a, q, 0x61, 0xff, q, 0x5d), "2:3", "ff"],
      [bytes(q, 0xc3, q), "1:2", "c3"], // truncated sequence
      [bytes(q, 0xc0, 0x80, q), "1:2", "c0"], // overlong
      [bytes(q, 0xed, 0xa0, 0x80, q), "1:2", "ed"], // encoded surrogate
      [bytes(q, 0xc3, 0xa9, 0xf4, 0x90, 0x80, 0x80, q), "1:3", "f4"], // beyond U+10FFFF
    ] as const) {
      const e = errorOf(input);
      expect(`${e.line}:${e.column}`).toBe(at);
      expect(e.message).toContain(`invalid UTF-8 (byte 0x${byte})`);
    }
  });

  it("stops beyond the nesting limit with a clear error", () => {
    const n = DEFAULT_MAX_DEPTH + 1;
    const e = errorOf("[".repeat(n) + "]".repeat(n));
    expect(e.column).toBe(n);
    expect(e.message).toContain(`nested deeper than ${DEFAULT_MAX_DEPTH} levels`);
    expect(() => fromJson('{"a":{"a":[]}}', { maxDepth: 2 })).toThrow(/deeper than 2 levels/);
    expect(fromJson('{"a":[]}', { maxDepth: 2 }).kind).toBe("attrs");
  });
});
