/**
 * Prettier's pragmas in Nix comments: `# @format` (or `# @prettier`) marks a file to
 * format under `--require-pragma`, `# @noformat` (or `# @noprettier`) one to leave
 * alone under `--check-ignore-pragma`. Only the comments before the file's first code
 * count, each pragma on a comment line of its own.
 *
 * @packageDocumentation
 */

/** The lines of the comments at the top of `text`, without comment markers. */
function leadingCommentLines(text: string): string[] {
  const lines: string[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith("#", i)) {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      lines.push(text.slice(i + 1, stop));
      i = stop;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return lines;
      for (const line of text.slice(i + 2, end).split("\n")) lines.push(line.replace(/^\s*\*/, ""));
      i = end + 2;
    } else {
      return lines;
    }
  }
}

function hasPragmaNamed(text: string, names: RegExp): boolean {
  return leadingCommentLines(text).some((line) => names.test(line.trim()));
}

/** Whether `text` starts with a `# @format` or `# @prettier` comment line. */
export function hasPragma(text: string): boolean {
  return hasPragmaNamed(text, /^@(?:format|prettier)$/);
}

/** Whether `text` starts with a `# @noformat` or `# @noprettier` comment line. */
export function hasIgnorePragma(text: string): boolean {
  return hasPragmaNamed(text, /^@(?:noformat|noprettier)$/);
}

/** `text` with a `# @format` comment before it (`--insert-pragma`). */
export function insertPragma(text: string): string {
  return `# @format\n${text}`;
}
