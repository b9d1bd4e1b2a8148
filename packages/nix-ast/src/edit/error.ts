/**
 * The error of the editing functions: what is wrong with the attribute path asked for,
 * named in one line (`flake.nix: inputs.nixpkgs.url: no such attribute`).
 *
 * @packageDocumentation
 */
import { NixAstError } from "../errors.js";

/**
 * Why an edit cannot be done:
 * - `absent`: nothing defines the path;
 * - `dynamic`: a dynamic attribute (`${name} = ...`) may define it, which only evaluation tells;
 * - `not-a-set`: a prefix of the path is a value other than a set written in the file;
 * - `not-a-list`: a list operation on a value that is not a list literal;
 * - `no-such-item`: the item to remove is not in the list;
 * - `exists`: the new name of a rename is taken;
 * - `in-use`: the name is a variable of its `rec` set, so the edit would change what a
 *   reference means;
 * - `invalid`: the path or name itself is not valid.
 */
export type EditProblem =
  | "absent"
  | "dynamic"
  | "not-a-set"
  | "not-a-list"
  | "no-such-item"
  | "exists"
  | "in-use"
  | "invalid";

/** An edit that cannot be done, with the attribute path and the reason, in one line. */
export class NixEditError extends NixAstError {
  /** Why, as a word a program can test. */
  readonly reason: EditProblem;
  /** The attribute path as Nix writes it (`locations."/api/".proxyPass`). */
  readonly path: string;

  constructor(reason: EditProblem, path: string, problem: string, file?: string) {
    super(problem);
    this.reason = reason;
    this.path = path;
    this.message = `${file === undefined ? "" : `${file}: `}${path === "" ? "" : `${path}: `}${problem}`;
  }
}
