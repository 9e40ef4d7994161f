import { ensureIssueComment } from '@patchloop/core';
import { resumeCommandText } from '../intent/comment-text.js';
import type { RepairDeps } from './repair-deps.js';
import type { HandBackCode } from './stop-rules/hand-back-comment.js';
import { handBackComment } from './stop-rules/hand-back-comment.js';
import { humanPushComment } from './stop-rules/human-push-comment.js';

/**
 * Stops the repair loop on a pull request and tells people why: one marked comment per stop
 * (summarising what is open, addressed and declined), the open items handed back, the PR paused
 * until a maintainer comments `/patchloop resume`.
 */
export async function handBack(
  deps: Pick<RepairDeps, 'reader' | 'writer' | 'ledger' | 'pullRequests' | 'eventLog' | 'logger'>,
  input: {
    readonly prNumber: number;
    readonly code: HandBackCode;
    readonly reason: string;
    readonly scope: string;
  },
): Promise<void> {
  const entries = deps.ledger.list(input.prNumber);
  const comment = handBackComment({
    prNumber: input.prNumber,
    code: input.code,
    reason: input.reason,
    open: entries.filter((entry) => entry.state === 'open'),
    addressed: entries.filter((entry) => entry.state === 'addressed'),
    declined: entries.filter((entry) => entry.state === 'declined'),
    resumeCommand: resumeCommandText,
    markerKeySuffix: input.scope,
  });
  await ensureIssueComment({
    reader: deps.reader,
    writer: deps.writer,
    issueNumber: input.prNumber,
    marker: comment.marker,
    body: comment.body,
  });
  const open = entries.filter((entry) => entry.state === 'open').map((entry) => entry.fingerprint);
  deps.ledger.setState(input.prNumber, open, 'handed_back');
  deps.pullRequests.markHandedBack(input.prNumber, input.code);
  deps.pullRequests.pauseRepair(input.prNumber, `${input.code}: ${input.reason}`);
  deps.eventLog.append({
    category: 'pull_request',
    level: 'warn',
    message: `Handed PR #${input.prNumber} back to people (${input.code}): ${input.reason}`,
    data: { source: 'repair', pr: input.prNumber, code: input.code },
  });
  deps.logger.info({ pr: input.prNumber, code: input.code }, 'Handed a pull request back');
}

/**
 * Someone else pushed to a PatchLoop branch: pause automatic repair (a comment says so) until a
 * maintainer re-invites PatchLoop. PatchLoop never rewrites the commits it did not make.
 */
export async function pauseForHumanPush(
  deps: Pick<RepairDeps, 'reader' | 'writer' | 'pullRequests' | 'eventLog' | 'logger'>,
  input: { readonly prNumber: number; readonly headSha: string },
): Promise<void> {
  const comment = humanPushComment({
    prNumber: input.prNumber,
    pusherCommits: [{ sha: input.headSha, author: '' }],
    resumeCommand: resumeCommandText,
  });
  await ensureIssueComment({
    reader: deps.reader,
    writer: deps.writer,
    issueNumber: input.prNumber,
    marker: comment.marker,
    body: comment.body,
  });
  deps.pullRequests.pauseRepair(
    input.prNumber,
    `human_push: head ${input.headSha.slice(0, 7)} was not pushed by PatchLoop`,
  );
  deps.eventLog.append({
    category: 'pull_request',
    level: 'info',
    message: `Paused repair of PR #${input.prNumber}: someone else pushed ${input.headSha.slice(0, 7)}`,
    data: { source: 'repair', pr: input.prNumber, code: 'human_push' },
  });
}
