/**
 * Sections that kustodian-docs writes into Markdown files, between
 * `<!-- kustodian:begin <name> -->` and `<!-- kustodian:end <name> -->`.
 * They are Kustodian's own output, not the user's: the model does not read
 * them as the repository's docs (a generated how-to's `kubectl create secret`
 * creates nothing, a generated list of Secrets uses none).
 */

/** A marker line: `begin` or `end`, and the section name. */
export const GENERATED_SECTION_MARKER = /^<!-- kustodian:(begin|end) ([A-Za-z0-9._-]+) -->[ \t]*\r?$/;

/**
 * The text with the inside of every generated section blanked (each line
 * kept, empty, so line numbers stay the file's). A section never closed is
 * left as written.
 */
export function withoutGeneratedSections(text: string): string {
  if (!text.includes('<!-- kustodian:begin ')) return text;
  const lines = text.split('\n');
  let open: { name: string; index: number } | undefined;
  const blank = new Set<number>();
  lines.forEach((line, index) => {
    const match = GENERATED_SECTION_MARKER.exec(line);
    if (!match) return;
    if (match[1] === 'begin') open = { name: match[2]!, index };
    else if (open && open.name === match[2]) {
      for (let i = open.index + 1; i < index; i++) blank.add(i);
      open = undefined;
    }
  });
  return blank.size === 0 ? text : lines.map((line, i) => (blank.has(i) ? '' : line)).join('\n');
}
