/**
 * `pnpm edit-sweep DIR...`: the editing functions over real trees.
 *
 * For every `.nix` file below each DIR (skipping `.git` and `node_modules`) whose value is
 * a set with static names, takes the paths of its first two levels of bindings (up to 12 a file) and on each
 * does a get, a set of the value, an add of a new path beside it, a removal and a rename.
 * Each result must read back as asked (the new value, the path gone, the new name there);
 * for a file in the official format, the result must be in the official format too. Prints
 * the counts, the refusals by reason, and the first problems. Not a test: the trees are not
 * ours (nothing of them is committed).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Expr } from "../src/ast/nodes.js";
import { setIn, staticName } from "../src/edit/locate.js";
import { Source } from "../src/edit/source.js";
import {
  getAttr,
  literalValue,
  NixEditError,
  parse,
  print,
  removeAttr,
  renameAttr,
  setAttr,
} from "../src/index.js";

function nixFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === ".git" || name === "node_modules") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) nixFiles(path, out);
    else if (name.endsWith(".nix")) out.push(path);
  }
  return out;
}

/** The static paths of the set's bindings, and of the bindings of the sets they hold. */
function pathsOf(tree: Expr): string[][] {
  const root = setIn(tree);
  if (!("kind" in root)) return [];
  const paths: string[][] = [];
  for (const b of root.bindings) {
    if (b.kind !== "assign") continue;
    const names = b.path.map(staticName);
    if (names.includes(null)) continue;
    paths.push(names as string[]);
    const inner = setIn(b.value);
    if (!("kind" in inner)) continue;
    for (const c of inner.bindings.slice(0, 3)) {
      if (c.kind !== "assign") continue;
      const more = c.path.map(staticName);
      if (!more.includes(null)) paths.push([...(names as string[]), ...(more as string[])]);
    }
  }
  return paths.slice(0, 12);
}

function absent(text: string, path: string[]): boolean {
  try {
    getAttr(text, path);
    return false;
  } catch (e) {
    return e instanceof NixEditError && e.reason === "absent";
  }
}

/** Each edit, and what must hold of its result. */
const EDITS: readonly [
  string,
  (t: string, p: string[]) => string,
  (t: string, p: string[]) => boolean,
][] = [
  ["get", (t, p) => (print(getAttr(t, p)), t), () => true],
  ["set", (t, p) => setAttr(t, p, 42), (t, p) => literalValue(getAttr(t, p)) === 42],
  [
    "add",
    (t, p) => setAttr(t, [...p.slice(0, -1), "sweepNew", "x"], "v"),
    (t, p) => literalValue(getAttr(t, [...p.slice(0, -1), "sweepNew", "x"])) === "v",
  ],
  ["rm", (t, p) => removeAttr(t, p), (t, p) => absent(t, p)],
  [
    "rename",
    (t, p) => renameAttr(t, p, "sweepRenamed"),
    (t, p) => absent(t, p) && !absent(t, [...p.slice(0, -1), "sweepRenamed"]),
  ],
];

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error("usage: pnpm edit-sweep DIR...");
  process.exit(2);
}
let files = 0;
let edits = 0;
const refusals = new Map<string, number>();
const problems: string[] = [];
for (const file of dirs.flatMap((d) => nixFiles(d))) {
  const text = readFileSync(file, "utf8");
  let paths: string[][];
  try {
    paths = pathsOf(Source.parse(text).tree);
  } catch {
    continue; // not Nix, or too deep to edit
  }
  if (paths.length === 0) continue;
  files++;
  const official = print(parse(text)) === text;
  for (const path of paths) {
    for (const [name, edit, holds] of EDITS) {
      edits++;
      const where = `${name} ${path.join(".")} in ${file}`;
      try {
        const out = edit(text, path);
        if (!holds(out, path)) problems.push(`does not read back: ${where}`);
        else if (official && print(parse(out)) !== out) problems.push(`not official: ${where}`);
      } catch (e) {
        if (e instanceof NixEditError) refusals.set(e.reason, (refusals.get(e.reason) ?? 0) + 1);
        else problems.push(`${(e as Error).message.split("\n")[0]}: ${where}`);
      }
    }
  }
}
const refused = [...refusals].map(([r, n]) => `${r} ${n}`).join(", ") || "none";
console.log(`${files} files, ${edits} edits, refused: ${refused}, problems: ${problems.length}`);
for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
process.exitCode = problems.length > 0 ? 1 : 0;
