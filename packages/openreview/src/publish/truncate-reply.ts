/** The note that ends a reply cut to fit the comment limit. */
export const truncationNote = '_(Reply truncated: it was too long for one comment.)_';

/**
 * Cuts formatted text to at most `limit` characters, note included: at the last line break when it
 * lies in the second half, closing a code fence left open, so numbered lists and fences stay valid.
 */
export function truncateReply(text: string, limit: number): string {
  if (text.length <= limit) return text;
  // Room for the note, a possible closing fence and the blank line before the note.
  const budget = limit - truncationNote.length - '\n```\n\n'.length;
  if (budget <= 0) return truncationNote.slice(0, Math.max(0, limit));
  const lineBreak = text.lastIndexOf('\n', budget);
  const cut = text.slice(0, lineBreak > budget / 2 ? lineBreak : budget).trimEnd();
  const fences = cut.split('\n').filter((line) => /^\s*```/.test(line)).length;
  const closed = fences % 2 === 1 ? `${cut}\n\`\`\`` : cut;
  return `${closed}\n\n${truncationNote}`;
}
