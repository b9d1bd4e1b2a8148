/**
 * Attribute paths as the editing functions take them: a string in Nix's syntax
 * (`services.nginx.virtualHosts."example.org".root`) or an array of names.
 *
 * @packageDocumentation
 */
import { formatAttrName } from "../syntax/names.js";
import { NixEditError } from "./error.js";

/**
 * An attribute path: Nix syntax in a string (`inputs.nixpkgs.url`, quoted parts for names
 * that are not identifiers: `locations."/api/".proxyPass`), or the names themselves
 * (`["locations", "/api/", "proxyPass"]`).
 */
export type AttrPathInput = string | readonly string[];

/** `a.b."c d"`: names as Nix writes them in a path. */
export function showAttrPath(names: readonly string[]): string {
  return names.map((n) => formatAttrName(n)).join(".");
}

/** The names of an attribute path. Throws {@link NixEditError} (`invalid`, `dynamic`). */
export function readAttrPath(input: AttrPathInput): string[] {
  if (typeof input !== "string") {
    const names = [...input];
    if (names.length === 0) throw new NixEditError("invalid", "", "an attribute path needs a name");
    for (const n of names) {
      if (typeof n !== "string") {
        throw new NixEditError(
          "invalid",
          "",
          `an attribute name must be a string, not ${typeof n}`,
        );
      }
      if (n.includes("\0")) {
        throw new NixEditError("invalid", showAttrPath(names), "a name holds a NUL character");
      }
    }
    return names;
  }
  return new PathReader(input).read();
}

const ID_START = /[A-Za-z_]/;
const ID_CHAR = /[A-Za-z0-9_'-]/;

/** Reads `a.b."c\"d"` character by character, with errors that point at the column. */
class PathReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  read(): string[] {
    const names: string[] = [];
    if (this.text.trim() === "") this.fail("an attribute path needs a name");
    for (;;) {
      names.push(this.name());
      if (this.pos === this.text.length) return names;
      if (this.text[this.pos] !== ".") this.fail(`unexpected ${this.here()}, expected '.'`);
      this.pos++;
    }
  }

  private name(): string {
    const t = this.text;
    const c = t[this.pos];
    if (c === undefined) this.fail("a name is missing after the last '.'");
    if (c === '"') return this.quoted();
    if (c === "$" && t[this.pos + 1] === "{") this.dynamic();
    if (!ID_START.test(c)) {
      this.fail(
        c === "."
          ? "a name is missing between two dots"
          : `unexpected ${this.here()}: quote a name that is not an identifier ("...")`,
      );
    }
    const start = this.pos;
    while (this.pos < t.length && ID_CHAR.test(t[this.pos]!)) this.pos++;
    return t.slice(start, this.pos);
  }

  /** A double-quoted name, with Nix's escapes; `${` in it makes it dynamic. */
  private quoted(): string {
    const t = this.text;
    let out = "";
    this.pos++;
    for (;;) {
      const c = t[this.pos];
      if (c === undefined) this.fail("a quoted name is not closed");
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === "\\") {
        const d = t[this.pos + 1];
        if (d === undefined) this.fail("a quoted name is not closed");
        out += d === "n" ? "\n" : d === "r" ? "\r" : d === "t" ? "\t" : d;
        this.pos += 2;
        continue;
      }
      if (c === "$" && t[this.pos + 1] === "{") this.dynamic();
      if (c === "\0") this.fail("a name holds a NUL character");
      out += c;
      this.pos++;
    }
  }

  private dynamic(): never {
    throw new NixEditError(
      "dynamic",
      this.text,
      "a dynamic name (${...}) has no value before evaluation: give the name itself",
    );
  }

  private here(): string {
    return JSON.stringify(this.text[this.pos]);
  }

  private fail(problem: string): never {
    throw new NixEditError("invalid", this.text, `${problem} (column ${this.pos + 1})`);
  }
}
