import type { PullRequest } from '@patchloop/core';
import type { CiStatus } from './ci-status.js';
import { summarizeCi } from './ci-status.js';

/** What the merge-state line of the review facts says (spec §5.5 step 9, scenario 113). */
export function summarizeMergeState(pull: Pick<PullRequest, 'mergeable' | 'mergeableState'>): string {
  const state = pull.mergeableState ?? '';
  if (state === 'dirty') return 'has merge conflicts (mergeable_state=dirty)';
  if (pull.mergeable === true) return `mergeable (mergeable_state=${state || 'unknown'})`;
  if (state === 'blocked') {
    return 'blocked by branch protection or required reviews (mergeable_state=blocked); this is not a conflict';
  }
  if (pull.mergeable === false) return `cannot auto-merge (mergeable_state=${state || 'unknown'})`;
  if (state !== '') return `not yet stable (mergeable_state=${state})`;
  return 'no merge information';
}

/** The runtime facts of a pull request: CI state, merge state, draft, CI details. */
export function runtimeFacts(
  pull: Pick<PullRequest, 'mergeable' | 'mergeableState' | 'draft'>,
  ci: CiStatus,
): string[] {
  const details = ci.details.length > 0 ? summarizeCi(ci.details) : 'no checks/statuses detected';
  return [
    `CI state: ${ci.state}`,
    `Merge state: ${summarizeMergeState(pull)}`,
    `Draft: ${pull.draft ? 'yes' : 'no'}`,
    `CI details: ${details}`,
  ];
}

/** Where the reviewed code came from (the diff snapshot). */
export interface SnapshotFacts {
  readonly headSha: string;
  readonly compareRef: string;
  readonly mergeBase: string;
  /** e.g. `git diff <merge-base>..HEAD`. */
  readonly fileListSource: string;
}

/** The four local-snapshot facts; the merge-base is shown with 12 characters. */
export function snapshotFacts(snapshot: SnapshotFacts): string[] {
  return [
    `Checked-out head: ${snapshot.headSha}`,
    `Compared against: ${snapshot.compareRef}`,
    `Merge-base: ${snapshot.mergeBase.slice(0, 12)}`,
    `Changed-file list source: ${snapshot.fileListSource}`,
  ];
}

const issueReferencePattern =
  /\b(?:fix(?:es|ed)?|close[sd]?|refs?|reference[sd]?|resolve[sd]?)\s*(?:issue)?\s*[:：]?\s*#\d+/gi;

/** Up to three distinct issue references in a PR body (`Closes #12 | Refs issue: #9`), or a "none" text. */
export function issueReferences(body: string): string {
  const found: string[] = [];
  for (const match of body.matchAll(issueReferencePattern)) {
    const text = match[0].replace(/\s+/g, ' ').trim();
    if (!found.includes(text)) found.push(text);
    if (found.length >= 3) break;
  }
  return found.length > 0 ? found.join(' | ') : 'none detected';
}

const docPattern = /(^|\/)(docs?)\/|\.(md|mdx|rst|txt|adoc)$/i;
const imagePattern = /\.(png|jpe?g|gif|svg|webp|ico|bmp)$/i;
const commentableCodePattern = /\.(py|js|ts|tsx|jsx|mjs|cjs)$/i;

/** How strictly to review, from the changed paths alone. */
export function scopeHint(files: readonly string[]): string {
  const isDoc = (file: string): boolean => docPattern.test(file) || imagePattern.test(file);
  if (files.length > 0 && files.every(isDoc)) {
    return 'Scope: every changed file is documentation or an image; process gaps alone cannot block this PR.';
  }
  const code = files.filter((file) => !isDoc(file));
  if (code.length < files.length && code.every((file) => commentableCodePattern.test(file))) {
    return 'Scope: documentation plus source files; if the source changes only touch comments or docstrings, treat the PR as documentation.';
  }
  return 'Scope: normal risk review.';
}

/** Inputs of {@link reviewFacts}. */
export interface ReviewFactsInput {
  readonly pull: Pick<PullRequest, 'body' | 'mergeable' | 'mergeableState' | 'draft'>;
  readonly changedFiles: readonly string[];
  readonly ci: CiStatus;
  readonly snapshot: SnapshotFacts | null;
  /** Facts the caller adds (e.g. the discussion throttle hint); kept after the built-in ones. */
  readonly extra?: readonly string[];
}

/**
 * The structured review facts of §5.6 made generic (weakness 23: no project-specific scripts,
 * changelog paths or provider names): file count, issue references, scope, snapshot and runtime facts.
 */
export function reviewFacts(input: ReviewFactsInput): string[] {
  const facts = [
    `Changed files: ${input.changedFiles.length}`,
    `Issue references: ${issueReferences(input.pull.body)}`,
    scopeHint(input.changedFiles),
    ...(input.snapshot ? snapshotFacts(input.snapshot) : []),
    ...runtimeFacts(input.pull, input.ci),
    ...(input.extra ?? []),
  ];
  return [...new Set(facts)];
}

const processWords = [
  'rollback',
  'description',
  'readme',
  'docs',
  'documentation',
  'source',
  'verification',
  'changelog',
];

/**
 * One hint when the daemon's earlier reviews in the discussion kept raising process issues: the
 * model should not re-block on them. `ownBodies` are the bodies PatchLoop wrote.
 */
export function processThrottleFacts(ownBodies: readonly string[]): string[] {
  const text = ownBodies.join('\n').toLowerCase();
  const mentioned = processWords.filter((word) => text.includes(word)).length;
  if (ownBodies.length === 0 || mentioned < 2) {
    return [];
  }
  return [
    'Earlier automated reviews already raised process items (description, docs, rollback, verification); downgrade such items to suggestions and do not block on them again.',
  ];
}
