/** Where a source item was found: a Markdown backlog, a Markdown plan, or the idle scanner. */
export type SourceKind = 'backlog' | 'plan' | 'idle';

/**
 * One unit of work found in the repository's own files, before it becomes a GitHub issue.
 * The key identifies the item across edits elsewhere in the file (line numbers are not part of it).
 */
export interface SourceItem {
  /** `backlog:<hex16>`, `plan:<hex16>`, `idle:<hex16>` or `idle-analysis:<hex16>`. */
  readonly key: string;
  readonly source: SourceKind;
  /** Repository-relative path with `/` separators. */
  readonly sourcePath: string;
  /** 1-based line of the item (informational only: it is not part of the key). */
  readonly lineNumber: number;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  /** A ticked Markdown checkbox (`- [x]`); always false for idle findings. */
  readonly checked: boolean;
}
