/**
 * Property tests are reproducible: one fast-check seed for the whole run, fixed unless
 * `FC_SEED` says otherwise (`FC_SEED=random` draws a new one, and fast-check prints it
 * with any counterexample). CI runs the fixed seed; explore with other seeds locally.
 */
import fc from "fast-check";

const wanted = process.env["FC_SEED"];
if (wanted !== "random") {
  fc.configureGlobal({ seed: wanted === undefined ? 20261125 : Number(wanted) });
}
