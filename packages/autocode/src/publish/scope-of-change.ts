/**
 * The paths listed under `## Scope Of Change` of a PR body (spec §3.7 step 10): backticks
 * stripped, the `none`/`无` placeholder and the "... and K more files" line skipped; the
 * section ends at the next `## ` heading.
 */
export function extractScopeOfChange(body: string): string[] {
  const paths: string[] = [];
  let inSection = false;
  for (const rawLine of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    if (line.startsWith('## ')) {
      if (inSection) break;
      inSection = line.slice(3).trim().toLowerCase() === 'scope of change';
      continue;
    }
    if (!inSection || !/^[-*]\s/.test(line)) continue;
    const item = line.slice(2).trim();
    if (item.startsWith('...') || item.startsWith('…')) continue;
    const path = item.replace(/^`+\s?|\s?`+$/g, '').trim();
    if (path === '' || path === 'none' || path === '无') continue;
    paths.push(path);
  }
  return paths;
}
