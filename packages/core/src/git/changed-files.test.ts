import { describe, expect, it } from 'vitest';
import { parseChangedFiles } from './changed-files.js';

const zero = '0000000000000000000000000000000000000000';
const sha = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';

describe('parseChangedFiles', () => {
  it('joins raw status and line counts per path', () => {
    const raw = `:000000 100644 ${zero} ${sha} A\0src/new.ts\0:100644 100644 ${sha} ${sha} M\0README.md\0`;
    const numstat = '3\t0\tsrc/new.ts\0' + '1\t2\tREADME.md\0';

    const files = parseChangedFiles(raw, numstat);

    expect(files).toEqual([
      {
        path: 'README.md',
        status: 'modified',
        oldMode: '100644',
        newMode: '100644',
        additions: 1,
        deletions: 2,
        binary: false,
      },
      {
        path: 'src/new.ts',
        status: 'added',
        oldMode: '000000',
        newMode: '100644',
        additions: 3,
        deletions: 0,
        binary: false,
      },
    ]);
  });

  it('marks binary files and reports zero counted lines', () => {
    const files = parseChangedFiles(`:000000 100644 ${zero} ${sha} A\0logo.png\0`, '-\t-\tlogo.png\0');

    expect(files[0]).toMatchObject({ path: 'logo.png', binary: true, additions: 0, deletions: 0 });
  });

  it('exposes symlinks, deletions and type changes through modes and status', () => {
    const raw =
      `:000000 120000 ${zero} ${sha} A\0link\0` +
      `:100644 000000 ${sha} ${zero} D\0gone.txt\0` +
      `:100644 120000 ${sha} ${sha} T\0was-file\0`;

    const files = parseChangedFiles(raw, '');

    expect(files.map((f) => [f.path, f.status, f.newMode])).toEqual([
      ['gone.txt', 'deleted', '000000'],
      ['link', 'added', '120000'],
      ['was-file', 'type_changed', '120000'],
    ]);
  });

  it('keeps paths with spaces, tabs and newlines intact', () => {
    const odd = 'dir with space/tab\there\nnewline.txt';

    const files = parseChangedFiles(`:000000 100644 ${zero} ${sha} A\0${odd}\0`, `1\t0\t${odd}\0`);

    expect(files[0]).toMatchObject({ path: odd, additions: 1 });
  });

  it('returns nothing for an empty diff', () => {
    expect(parseChangedFiles('', '')).toEqual([]);
  });
});
