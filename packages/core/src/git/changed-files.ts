/** How a path changed between the base and the final tree. */
export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'type_changed' | 'unmerged' | 'unknown';

/**
 * One changed path. Renames are reported as a deletion plus an addition so that path rules
 * see both names; modes expose symlinks (`120000`), submodules (`160000`) and `+x` flips.
 */
export interface ChangedFile {
  readonly path: string;
  readonly status: ChangeStatus;
  /** `000000` when the path did not exist on that side. */
  readonly oldMode: string;
  readonly newMode: string;
  readonly additions: number;
  readonly deletions: number;
  /** Git could not count lines (binary content); additions and deletions are 0. */
  readonly binary: boolean;
}

const statusByLetter: Readonly<Record<string, ChangeStatus>> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  T: 'type_changed',
  U: 'unmerged',
};

/**
 * Joins `git diff --raw -z --no-renames` and `git diff --numstat -z --no-renames` output of
 * the same comparison into one record per path, sorted by path.
 */
export function parseChangedFiles(rawOutput: string, numstatOutput: string): ChangedFile[] {
  const counts = parseNumstat(numstatOutput);
  const files: ChangedFile[] = [];
  const fields = rawOutput.split('\0');
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const meta = fields[index] ?? '';
    const filePath = fields[index + 1] ?? '';
    if (!meta.startsWith(':')) break;
    const [oldMode = '', newMode = '', , , letter = ''] = meta.slice(1).split(' ');
    const count = counts.get(filePath);
    files.push({
      path: filePath,
      status: statusByLetter[letter.charAt(0)] ?? 'unknown',
      oldMode,
      newMode,
      additions: count?.additions ?? 0,
      deletions: count?.deletions ?? 0,
      binary: count?.binary ?? false,
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

interface LineCounts {
  readonly additions: number;
  readonly deletions: number;
  readonly binary: boolean;
}

/** `-z` numstat records are `<added>\t<deleted>\t<path>\0`; binary files show `-` counts. */
function parseNumstat(output: string): Map<string, LineCounts> {
  const counts = new Map<string, LineCounts>();
  for (const record of output.split('\0')) {
    const match = /^(\d+|-)\t(\d+|-)\t([\s\S]+)$/.exec(record);
    if (match === null) continue;
    const [, added = '-', deleted = '-', filePath = ''] = match;
    const binary = added === '-' || deleted === '-';
    counts.set(filePath, {
      additions: binary ? 0 : Number(added),
      deletions: binary ? 0 : Number(deleted),
      binary,
    });
  }
  return counts;
}
