/**
 * The one error type of the library: what Nix cannot represent, said with where it is.
 *
 * @example
 * ```ts
 * import { NixAstError, float, print } from "@atbb/nix-ast";
 * try {
 *   print(float(Number.NaN));
 * } catch (e) {
 *   if (e instanceof NixAstError) console.log(e.message); // "NaN has no Nix literal (at <root>)"
 * }
 * ```
 */
export class NixAstError extends Error {
  override readonly name = "NixAstError";
  /** The problem alone, without the location. */
  readonly problem: string;
  /** Where in the tree: steps from the root, e.g. `["bindings", "services.atbb", "value"]`. */
  readonly location: readonly string[];

  constructor(problem: string, location: readonly string[] = []) {
    super(`${problem} (at ${formatLocation(location)})`);
    this.problem = problem;
    this.location = location;
  }
}

/** `<root>` followed by the steps, as `<root> > binding "a.b" > list item 2`. */
export function formatLocation(location: readonly string[]): string {
  return ["<root>", ...location].join(" > ");
}
