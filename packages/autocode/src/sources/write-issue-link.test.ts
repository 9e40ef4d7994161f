import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBacklog } from './markdown-backlog.js';
import { writeIssueLink } from './write-issue-link.js';

describe('writeIssueLink', () => {
  let base = '';

  afterEach(() => {
    fs.rmSync(base, { recursive: true, force: true });
  });

  function repoWith(text: string | Buffer): { root: string; file: string; key: string } {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-'));
    const root = path.join(base, 'repo');
    fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
    const file = path.join(root, 'docs', 'TODO.md');
    fs.writeFileSync(file, text);
    fs.chmodSync(file, 0o640);
    const source = Buffer.isBuffer(text) ? text.toString('utf8') : text;
    const [item] = parseBacklog(source, {
      relPath: 'docs/TODO.md',
      keyPrefix: 'backlog',
      titlePrefix: '',
      labels: [],
    });
    return { root, file, key: item?.key ?? '' };
  }

  it('writes the link into the file, keeping its mode and leaving no temporary file', async () => {
    const { root, file, key } = repoWith('- [ ] one\r\n');

    const outcome = await writeIssueLink({
      root,
      relPath: 'docs/TODO.md',
      key,
      link: { number: 7, url: null },
    });

    expect(outcome).toBe('written');
    expect(fs.readFileSync(file, 'utf8')).toBe('- [ ] one\r\n  issue: #7\r\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['TODO.md']);
  });

  it('reports unchanged when the link is already there', async () => {
    const { root, key } = repoWith('- [ ] one\n  issue: #7\n');

    const outcome = await writeIssueLink({
      root,
      relPath: 'docs/TODO.md',
      key,
      link: { number: 7, url: null },
    });

    expect(outcome).toBe('unchanged');
  });

  it('refuses files outside the root and missing files', async () => {
    const { root, key } = repoWith('- [ ] one\n');
    fs.writeFileSync(path.join(base, 'outside.md'), '- [ ] one\n');

    const outside = await writeIssueLink({
      root,
      relPath: '../outside.md',
      key,
      link: { number: 7, url: null },
    });
    const missing = await writeIssueLink({ root, relPath: 'nope.md', key, link: { number: 7, url: null } });

    expect([outside, missing]).toEqual(['missing_file', 'missing_file']);
    expect(fs.readFileSync(path.join(base, 'outside.md'), 'utf8')).toBe('- [ ] one\n');
  });

  it('leaves a file that is not valid UTF-8 untouched', async () => {
    const bytes = Buffer.concat([Buffer.from('- [ ] one\n'), Buffer.from([0xff, 0xfe, 0x0a])]);
    const { root, file, key } = repoWith(bytes);

    const outcome = await writeIssueLink({
      root,
      relPath: 'docs/TODO.md',
      key,
      link: { number: 7, url: null },
    });

    expect(outcome).toBe('not_utf8');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});
