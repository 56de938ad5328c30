import fs from 'node:fs';

/**
 * A Markdown file written partly by people and partly by a command (RELIABILITY.md by `npm run drill`,
 * BENCHMARKS.md by `npm run bench`): the command owns only the section between its markers, and rewrites it
 * on every run; everything outside is left as it is.
 */
export interface GeneratedSection {
  begin: string;
  end: string;
  /** Put above the section when the file has none yet. */
  heading: string;
}

/** Replaces the section in the file (creating the file, or the section under its heading, if missing). */
export function rewriteGeneratedSection(file: string, { begin, end, heading }: GeneratedSection, markdown: string): void {
  const section = `${begin}\n${markdown}\n${end}`;
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  let next: string;
  if (from >= 0 && to > from) next = text.slice(0, from) + section + text.slice(to + end.length);
  else if (text.trim()) next = `${text.trimEnd()}\n\n${heading}\n\n${section}\n`;
  else next = `${heading}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}
