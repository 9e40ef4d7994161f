/** A person as git records them. */
export interface FixturePerson {
  readonly name: string;
  readonly email: string;
}

/** One commit for `git fast-import`: the files to write (`null` deletes) on top of `parent`. */
export interface FastImportCommit {
  /** Full ref the commit lands on, e.g. `refs/heads/main`. */
  readonly ref: string;
  /** Sha of the parent; omitted for a root commit. */
  readonly parent?: string;
  readonly author: FixturePerson;
  readonly epochSeconds: number;
  readonly message: string;
  readonly files: Readonly<Record<string, string | null>>;
}

/**
 * Builds a `git fast-import` stream. One fast-import process writes thousands of blobs in
 * milliseconds, which is why fixtures use it instead of a working clone and `git add`.
 */
export function toFastImportScript(commits: readonly FastImportCommit[]): string {
  const lines: string[] = [];
  for (const commit of commits) {
    const who = `${commit.author.name} <${commit.author.email}> ${commit.epochSeconds} +0000`;
    lines.push(`commit ${commit.ref}`, `author ${who}`, `committer ${who}`, ...dataBlock(commit.message));
    if (commit.parent !== undefined) lines.push(`from ${commit.parent}`);
    for (const [filePath, content] of Object.entries(commit.files)) {
      const quoted = quotePath(filePath);
      if (content === null) lines.push(`D ${quoted}`);
      else lines.push(`M 100644 inline ${quoted}`, ...dataBlock(content));
    }
    lines.push('');
  }
  lines.push('done', '');
  return lines.join('\n');
}

/** `data <bytes>` followed by the raw content; the count is in bytes, not characters. */
function dataBlock(content: string): string[] {
  return [`data ${Buffer.byteLength(content, 'utf8')}`, content];
}

/** fast-import requires C-style quoting for paths that start with a quote or hold a newline. */
function quotePath(filePath: string): string {
  if (filePath === '' || filePath.startsWith('/') || filePath.split('/').includes('..')) {
    throw new Error(`Fixture path "${filePath}" must be relative and stay inside the repository.`);
  }
  if (!/["\n\\]/.test(filePath)) return filePath;
  return `"${filePath.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}
