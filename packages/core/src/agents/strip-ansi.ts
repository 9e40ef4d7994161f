const esc = String.fromCharCode(0x1b);
const bel = String.fromCharCode(0x07);
const csi = String.fromCharCode(0x9b);

// CSI sequences (colours, cursor moves), OSC sequences (titles, hyperlinks) ended by BEL or ST,
// and two-byte escapes. Built from strings so no control character sits in a regex literal.
const ansiPattern = new RegExp(
  [
    `${esc}\\[[0-?]*[ -/]*[@-~]`,
    `${csi}[0-?]*[ -/]*[@-~]`,
    `${esc}\\][^${bel}${esc}]*(?:${bel}|${esc}\\\\)`,
    `${esc}[@-Z\\\\-_]`,
  ].join('|'),
  'g',
);

/** Removes ANSI escape sequences (colour, cursor, OSC) so CLI output can be parsed, stored and shown. */
export function stripAnsi(text: string): string {
  return text.replace(ansiPattern, '');
}
