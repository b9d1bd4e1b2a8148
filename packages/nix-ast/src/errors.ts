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

/**
 * `<root>` followed by the steps, as `<root> > binding "a.b" > list item 2`. A step
 * repeated more than three times in a row is written once with its count
 * (`list item 1 ×3000`), so that the location in a deep tree stays readable.
 */
export function formatLocation(location: readonly string[]): string {
  const out = ["<root>"];
  for (let i = 0; i < location.length;) {
    let j = i + 1;
    while (j < location.length && location[j] === location[i]) j++;
    const run = j - i;
    if (run > 3) out.push(`${location[i]} ×${run}`);
    else for (let k = i; k < j; k++) out.push(location[k]!);
    i = j;
  }
  return out.join(" > ");
}
