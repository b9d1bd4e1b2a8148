/**
 * `pnpm conformance DIR...`: `nix-ast fmt` against the official formatter over real trees.
 *
 * Runs nixfmt (`$NIXFMT`, else `nixfmt` on PATH) over a copy of every `.nix` file below
 * each DIR (skipping `.git` and `node_modules`), formats the same sources with this
 * package's `parse` and `print`, and prints how many come out byte for byte the same, then
 * each differing file with its first differing hunk. Not a test: nixfmt is not installed in
 * CI, and the trees are not ours (nothing of them, nor of nixfmt's output, is committed).
 *
 * Options:
 * - `--meaning`: also check, with Nix (`nix-parse-canonical`), that each of our outputs
 *   means what its input means, and that it keeps every comment of the input;
 * - `--hunks N`: show the first N differing files (default 40; 0 for counts only);
 * - `--list FILE`: write the paths of the differing files to FILE.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, print } from "../src/index.js";
import { commentTexts } from "../src/test-support/comments.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const CANONICALIZER = join(HERE, "../src/test-support/nix-parse-canonical");

interface Options {
  dirs: string[];
  meaning: boolean;
  hunks: number;
  list?: string;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { dirs: [], meaning: false, hunks: 40 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--meaning") o.meaning = true;
    else if (a === "--hunks") o.hunks = Number(argv[++i]);
    else if (a === "--list") o.list = argv[++i];
    else if (a.startsWith("-")) throw new Error(`unknown option ${a}`);
    else o.dirs.push(resolve(a));
  }
  if (o.dirs.length === 0)
    throw new Error("usage: pnpm conformance [--meaning] [--hunks N] DIR...");
  return o;
}

/** Every `.nix` regular file below `dir`, sorted. */
function nixFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === ".git" || e.name === "node_modules") continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".nix")) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * nixfmt's output for each file (undefined where it refused the file). With
 * `$CONFORMANCE_CACHE` set to a directory, outputs are kept there by the hash of their
 * input, so that a second run asks nixfmt only about files it has not seen.
 */
function runNixfmt(files: readonly string[]): (string | undefined)[] {
  const nixfmt = process.env["NIXFMT"] ?? "nixfmt";
  const cache = process.env["CONFORMANCE_CACHE"];
  const keys = files.map((f) => createHash("sha256").update(readFileSync(f)).digest("hex"));
  const cached = (k: string): string | undefined => {
    if (cache === undefined) return undefined;
    const p = join(cache, k);
    return existsSync(p) ? readFileSync(p, "utf8") : undefined;
  };
  const todo = files.map((_, i) => i).filter((i) => cached(keys[i]!) === undefined);
  const tmp = mkdtempSync(join(tmpdir(), "conformance-"));
  const fresh = new Map<number, string>();
  try {
    const copies = todo.map((i) => {
      const c = join(tmp, String(i % 1000), `${i}.nix`);
      mkdirSync(dirname(c), { recursive: true });
      copyFileSync(files[i]!, c);
      return c;
    });
    for (let i = 0; i < copies.length; i += 500) {
      const r = spawnSync(nixfmt, copies.slice(i, i + 500), { encoding: "utf8" });
      if (r.error) throw new Error(`cannot run ${nixfmt}: ${r.error.message} (set NIXFMT)`);
    }
    todo.forEach((i, k) => {
      const c = copies[k]!;
      let out = readFileSync(c, "utf8");
      // A file left as it was is formatted already, or was refused, or came after a refused
      // one in the batch (nixfmt stops there): ask nixfmt about it alone.
      if (out === readFileSync(files[i]!, "utf8")) {
        const r = spawnSync(nixfmt, ["-"], { input: out, encoding: "utf8" });
        out = r.status === 0 ? r.stdout : REFUSED;
      }
      fresh.set(i, out);
      if (cache !== undefined) {
        mkdirSync(cache, { recursive: true });
        writeFileSync(join(cache, keys[i]!), out);
      }
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return files.map((_, i) => {
    const out = fresh.get(i) ?? cached(keys[i]!);
    return out === REFUSED ? undefined : out;
  });
}

/** What the cache holds for a file nixfmt refuses. */
const REFUSED = "\0refused\0";

/** The first differing hunk of two texts, as unified-diff lines with 3 lines of context. */
export function firstHunk(a: string, b: string): string {
  const x = a.split("\n");
  const y = b.split("\n");
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  let ex = x.length;
  let ey = y.length;
  while (ex > i && ey > i && x[ex - 1] === y[ey - 1]) {
    ex--;
    ey--;
  }
  // Show at most 12 changed lines of each side.
  const from = Math.max(0, i - 3);
  const out = [`@@ line ${i + 1} @@`];
  for (let k = from; k < i; k++) out.push(" " + x[k]);
  for (let k = i; k < Math.min(ex, i + 12); k++) out.push("-" + x[k]);
  if (ex > i + 12) out.push("- ...");
  for (let k = i; k < Math.min(ey, i + 12); k++) out.push("+" + y[k]);
  if (ey > i + 12) out.push("+ ...");
  for (let k = ex; k < Math.min(x.length, ex + 3); k++) out.push(" " + x[k]);
  return out.join("\n");
}

/** The comments of a source, each as its words (stars and layout aside), sorted. */
function commentsOf(source: string): string {
  const words = commentTexts(parse(source))
    .flatMap((t) =>
      t
        .replace(/[\s*]+/g, " ")
        .trim()
        .split(" "),
    )
    .filter((w) => w !== "");
  return words.sort().join(" ");
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  let total = 0;
  let same = 0;
  let bothRefuse = 0;
  const differing: { file: string; hunk: string }[] = [];
  const oursFailed: { file: string; why: string }[] = [];
  const meaningCheck: { file: string; output: string }[] = [];
  for (const dir of o.dirs) {
    const files = nixFiles(dir);
    const reference = runNixfmt(files);
    files.forEach((file, k) => {
      total++;
      const source = readFileSync(file, "utf8");
      const name = relative(process.cwd(), file);
      const ref = reference[k];
      let ours: string | undefined;
      let why = "";
      try {
        ours = print(parse(source, { file: name }));
      } catch (e) {
        why = (e as Error).message.split("\n")[0]!;
      }
      if (ref === undefined) {
        if (ours === undefined) bothRefuse++;
        else oursFailed.push({ file: name, why: "nixfmt refuses it, nix-ast formats it" });
        return;
      }
      if (ours === undefined) {
        oursFailed.push({ file: name, why });
        return;
      }
      if (o.meaning) meaningCheck.push({ file, output: ours });
      if (ours === ref) same++;
      else differing.push({ file: name, hunk: firstHunk(ref, ours) });
    });
  }
  for (const { file, hunk } of differing.slice(0, o.hunks)) {
    console.log(`=== ${file}  (- nixfmt, + nix-ast)\n${hunk}\n`);
  }
  for (const { file, why } of oursFailed) console.log(`!!! ${file}: ${why}`);
  if (o.list) writeFileSync(o.list, differing.map((d) => d.file).join("\n") + "\n");
  const compared = total - bothRefuse;
  console.log(
    `\n${same} of ${compared} files byte-identical to nixfmt (${((100 * same) / compared).toFixed(2)}%); ` +
      `${differing.length} differ, ${oursFailed.length} disagree on whether to format` +
      (bothRefuse ? `; ${bothRefuse} refused by both` : ""),
  );
  if (o.meaning) checkMeaning(meaningCheck);
}

/** Our output means what the input means (Nix's canonical parse) and keeps its comments. */
function checkMeaning(items: readonly { file: string; output: string }[]): void {
  let lostComments = 0;
  const changed: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), "conformance-meaning-"));
  try {
    // Each output sits beside its input (relative paths resolve the same), as a temporary
    // file; the canonicalizer wraps nothing, so free variables are Nix's to reject: such
    // files are compared wrapped in `__v: with __v;`.
    const pairs: [string, string][] = [];
    items.forEach(({ file, output }, i) => {
      const source = readFileSync(file, "utf8");
      if (commentsOf(source) !== commentsOf(output)) {
        lostComments++;
        console.log(`### comments differ: ${relative(process.cwd(), file)}`);
      }
      const a = join(dirname(file), `.conformance-${process.pid}-${i}-in.nix`);
      const b = join(dirname(file), `.conformance-${process.pid}-${i}-out.nix`);
      writeFileSync(a, `__v: with __v; ${source}\n`);
      writeFileSync(b, `__v: with __v; ${output}\n`);
      pairs.push([a, b]);
    });
    for (let i = 0; i < pairs.length; i += 200) {
      const batch = pairs.slice(i, i + 200);
      const r = spawnSync(CANONICALIZER, batch.flat(), {
        encoding: "utf8",
        maxBuffer: 1 << 30,
      });
      // Nix 2.8 prints an indented string whose first line holds only an interpolation
      // (`''` newline `${x}...`) with an empty text first (`"" + x + ...`), and the same
      // string on one line without it; both are strings (`builtins.typeOf`), so the
      // empty part says nothing of the meaning.
      const lines = r.stdout.split("\n").map((l) => l.replaceAll('( "" + ', "( "));
      batch.forEach((_, k) => {
        if (lines[2 * k] !== lines[2 * k + 1]) changed.push(items[i + k]!.file);
      });
    }
    for (const [a, b] of pairs) {
      rmSync(a, { force: true });
      rmSync(b, { force: true });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const f of changed) console.log(`*** meaning differs: ${relative(process.cwd(), f)}`);
  console.log(
    `${items.length - changed.length} of ${items.length} outputs mean what their input means; ` +
      `${items.length - lostComments} keep every comment`,
  );
}

main();
