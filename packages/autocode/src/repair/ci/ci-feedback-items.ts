import { createHash } from 'node:crypto';
import type { FeedbackItem } from '../feedback-item.js';
import { fencedBlock } from './check-output-text.js';
import type { CiFailure } from './ci-failures.js';

/**
 * Turns a pull request's failing checks on `headSha` into repair feedback: one trusted `ci_failure`
 * item per check, id `<name>@<headSha>`, whose body names the check and quotes its log excerpt.
 * The fingerprint changes with the head, so each new push gets the check judged afresh.
 */
export function ciFeedbackItems(
  prNumber: number,
  headSha: string,
  failures: readonly CiFailure[],
): FeedbackItem[] {
  return failures.map((failure) => ({
    kind: 'ci_failure',
    id: `${failure.name}@${headSha}`,
    author: 'ci',
    authorIsBot: false,
    trusted: true,
    body: failureBody(failure),
    path: null,
    line: null,
    side: null,
    reviewId: null,
    state: null,
    at: failure.at,
    fingerprint: ciFingerprint(prNumber, failure.name, headSha),
  }));
}

function failureBody(failure: CiFailure): string {
  // A backtick in a check name would end the inline code span early.
  const name = failure.name.replaceAll('`', "'");
  const headline = `Check \`${name}\` failed (${failure.conclusion})`;
  const first = failure.summary === '' ? `${headline}.` : `${headline}: ${failure.summary}`;
  return failure.excerpt === '' ? first : `${first}\n\n${fencedBlock(failure.excerpt)}`;
}

// The pull request number scopes the digest, so a fingerprint names one pull request's item
// wherever it is stored: two pull requests can share a head commit (one branch, two bases).
function ciFingerprint(prNumber: number, name: string, headSha: string): string {
  return createHash('sha256')
    .update(`ci_failure\n${prNumber}\n${name}\n${headSha}`, 'utf8')
    .digest('hex')
    .slice(0, 16);
}
