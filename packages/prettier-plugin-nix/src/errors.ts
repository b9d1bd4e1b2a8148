/**
 * nix-ast's errors as Prettier reports errors.
 *
 * @packageDocumentation
 */
import { NixAstError, NixParseError } from "@atbb/nix-ast";

/**
 * A syntax error as Prettier's own parsers throw one: a `SyntaxError` whose message
 * ends with `(line:column)` and whose `loc` (1-based line and column) Prettier turns
 * into a code frame. The command line then prints `file: SyntaxError: message (1:9)`
 * with the frame, and exits with status 2.
 */
export interface PrettierSyntaxError extends SyntaxError {
  readonly loc: { readonly start: { readonly line: number; readonly column: number } };
  readonly cause: NixParseError;
}

/** `error` as a {@link PrettierSyntaxError}. */
export function syntaxError(error: NixParseError): PrettierSyntaxError {
  const { line, column } = error;
  const e = new SyntaxError(`${error.message} (${line}:${column})`, { cause: error });
  return Object.assign(e, { loc: { start: { line, column } }, cause: error });
}

/**
 * What nix-ast refused to format (a tree too deep even for the printer's larger stack,
 * text longer than a string can be), as an error Prettier prints in one readable line:
 * its command line prints an error's `stack`, which would otherwise be nix-ast's frames.
 */
export function cannotFormat(error: NixAstError): Error {
  const e = new Error(`cannot format: ${error.message}`, { cause: error });
  e.stack = e.message;
  return e;
}

/** Runs `f`, turning nix-ast's errors into Prettier's (others pass through). */
export function asPrettierErrors<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof NixParseError) throw syntaxError(error);
    if (error instanceof NixAstError) throw cannotFormat(error);
    throw error;
  }
}
