/**
 * The comments of a tree, as sorted texts: to check that printing keeps every comment
 * (a one-line block comment prints as a `#` comment, so texts are compared trimmed).
 *
 * @packageDocumentation
 */
import type { Comment } from "./nodes.js";

function commentText(c: Comment): string {
  return (c.kind === "line" ? c.text : c.lines.map((l) => l.trim()).join("\n")).trim();
}

/** Every comment and trailing comment anywhere in `root` (any graph of nodes), sorted. */
export function commentTexts(root: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (typeof v === "object" && v !== null) {
      const o = v as Record<string, unknown>;
      if ((o["kind"] === "line" && typeof o["text"] === "string") || o["kind"] === "block") {
        if (Array.isArray(o["lines"]) || typeof o["text"] === "string") {
          out.push(commentText(o as unknown as Comment));
          continue;
        }
      }
      if (typeof o["trailing"] === "string") out.push(o["trailing"].trim());
      for (const x of Object.values(o)) if (typeof x === "object") stack.push(x);
    }
  }
  return out.sort();
}
