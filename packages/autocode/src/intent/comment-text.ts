// Text helpers shared by the comment-intent rules: slash commands and the
// normalisation the regex fallback works on (spec autocode-execution §4.2).

const implementCommand = /^\/(?:patchloop\s+)?implement(?=\s|$)/i;
const stopCommand = /^\/patchloop\s+stop(?=\s|$)/i;
const resumeCommand = /^\/patchloop\s+resume(?=\s|$)/i;

/** The intent a slash command states. */
export type SlashCommand = 'implement' | 'stop' | 'resume';

/** What a maintainer comments on a pull request to let PatchLoop repair it again. */
export const resumeCommandText = '/patchloop resume';

/**
 * The slash command of a comment: `/implement` or `/patchloop implement` → implement,
 * `/patchloop stop` → stop, `/patchloop resume` → resume, as the first token of any line. A bare
 * `/stop` is not one.
 */
export function slashCommandOf(body: string): SlashCommand | undefined {
  for (const line of body.split(/\r\n|\r|\n/)) {
    const token = line.trim();
    if (implementCommand.test(token)) return 'implement';
    if (stopCommand.test(token)) return 'stop';
    if (resumeCommand.test(token)) return 'resume';
  }
  return undefined;
}

/**
 * The comment as the regex fallback reads it: line breaks unified, markdown noise characters
 * (backtick, `*`, `_`, `~`) removed, whitespace collapsed.
 */
export function normalizeComment(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .replace(/[`*_~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** How many non-empty lines the raw body has. */
export function nonEmptyLineCount(body: string): number {
  return body.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '').length;
}
