import type {
  Clock,
  EventLogRepository,
  GitHubReader,
  Logger,
  PollCursorRepository,
  TaskQueue,
} from '@patchloop/core';
import { advanceCursor, sinceWithOverlap, toIsoSeconds } from '@patchloop/core';
import { slashCommandOf } from '../intent/comment-text.js';
import { commentIntakeRequest } from '../tasks/autocode-tasks.js';
import type { IssueIntake } from './issue-intake.js';

/** What one listing of a poll cycle saw and queued. */
export interface ListingStats {
  readonly fetched: number;
  readonly queued: number;
  readonly failed: boolean;
}

/** The result of one poll cycle. */
export interface AutocodePollReport {
  readonly issues: ListingStats | null;
  readonly comments: ListingStats;
}

/** Poll cycle settings. */
export interface AutocodePollSettings {
  readonly itemsPerPage: number;
  readonly maxPages: number;
  readonly backfillMs: number;
  /** List updated issues too; off in manual mode, where only approvals start work. */
  readonly listIssues: boolean;
  readonly overlapMs?: number;
}

/** The coding daemon's poll cycle. */
export interface AutocodePollCycle {
  /** Fixes the fresh-install baseline (now minus the backfill window) on first use. */
  baseline(): string;
  runOnce(): Promise<AutocodePollReport>;
}

const cursorKeys = {
  baseline: 'autocode:baseline',
  issues: 'autocode:issues',
  comments: 'autocode:issue-comments',
} as const;

/**
 * Polling as the safety net of the webhook (spec autocode-service §4.3-4.4, 4.8, weaknesses 9, 15, 16):
 * conditional, `since`-bounded listings of repository comments (and, outside manual mode, updated
 * issues) with a small overlap, oldest first, each listing isolated so one failure never blocks the
 * other. Comments become intake tasks keyed by id + `updated_at`, so an overlap or a webhook
 * that already delivered the comment adds nothing; a listing that fails keeps its cursor.
 */
export function createAutocodePollCycle(deps: {
  readonly reader: Pick<GitHubReader, 'listRepositoryComments' | 'listIssues'>;
  readonly cursors: PollCursorRepository;
  readonly queue: Pick<TaskQueue, 'enqueue'>;
  readonly intake: IssueIntake;
  readonly eventLog: Pick<EventLogRepository, 'append'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: AutocodePollSettings;
}): AutocodePollCycle {
  const { settings } = deps;
  const overlapMs = settings.overlapMs ?? 5_000;

  const baseline = (): string => {
    const stored = deps.cursors.get(cursorKeys.baseline)?.value;
    if (stored !== undefined) return stored;
    const value = toIsoSeconds(deps.clock.now() - Math.max(0, settings.backfillMs));
    deps.cursors.put({ name: cursorKeys.baseline, value });
    return value;
  };
  const cursor = (name: 'issues' | 'comments'): string =>
    deps.cursors.get(cursorKeys[name])?.value ?? baseline();
  const advance = (name: 'issues' | 'comments', seen: readonly string[]): void => {
    const next = advanceCursor(cursor(name), seen);
    if (next !== undefined) deps.cursors.put({ name: cursorKeys[name], value: next });
  };

  const isolated = async (step: string, run: () => Promise<ListingStats>): Promise<ListingStats> => {
    try {
      return await run();
    } catch (error) {
      deps.logger.warn({ err: error, step }, 'Poll step failed; its cursor stays for the next cycle');
      deps.eventLog.append({
        category: 'poll_step',
        level: 'error',
        message: `Poll step ${step} failed: ${error instanceof Error ? error.message : String(error)}`,
        data: { source: step },
      });
      return { fetched: 0, queued: 0, failed: true };
    }
  };

  const pollComments = async (): Promise<ListingStats> => {
    const since = sinceWithOverlap(cursor('comments'), overlapMs);
    const comments = await deps.reader.listRepositoryComments({
      since,
      sort: 'updated',
      direction: 'asc',
      perPage: settings.itemsPerPage,
      maxPages: settings.maxPages,
    });
    let queued = 0;
    for (const comment of comments) {
      // Pull request conversations matter only for a maintainer's `/patchloop resume`.
      if (comment.body.trim() === '') continue;
      if (isPullRequestComment(comment.htmlUrl) && slashCommandOf(comment.body) !== 'resume') continue;
      const { created } = deps.queue.enqueue(
        commentIntakeRequest({
          issueNumber: comment.issueNumber,
          commentId: comment.id,
          commentUpdatedAt: comment.updatedAt,
          body: comment.body,
          author: comment.author.login,
          authorType: comment.author.type,
          source: 'polling',
        }),
      );
      if (created) queued += 1;
    }
    advance(
      'comments',
      comments.map((comment) => comment.updatedAt),
    );
    return { fetched: comments.length, queued, failed: false };
  };

  const pollIssues = async (): Promise<ListingStats> => {
    const since = sinceWithOverlap(cursor('issues'), overlapMs);
    const issues = await deps.reader.listIssues({
      state: 'open',
      sort: 'updated',
      direction: 'asc',
      since,
      perPage: settings.itemsPerPage,
      maxPages: settings.maxPages,
    });
    let queued = 0;
    for (const issue of issues) {
      if (issue.isPullRequest) continue;
      const result = deps.intake.submit({
        issue,
        source: 'polling',
        trigger: issue.createdAt === issue.updatedAt ? 'issue_open' : 'issue_update',
        explicit: false,
      });
      if (result.created) queued += 1;
    }
    advance(
      'issues',
      issues.map((issue) => issue.updatedAt),
    );
    return { fetched: issues.length, queued, failed: false };
  };

  return {
    baseline,
    runOnce: async () => {
      const comments = await isolated('issue_comment_poll', pollComments);
      const issues = settings.listIssues ? await isolated('issue_poll', pollIssues) : null;
      return { issues, comments };
    },
  };
}

/**
 * The repository-wide comment listing mixes issues and pull requests and carries no flag; the
 * comment's page (`.../pull/<n>#issuecomment-...`) tells them apart without another request.
 */
function isPullRequestComment(htmlUrl: string): boolean {
  return /\/pull\/\d+(?:[#/?]|$)/.test(htmlUrl);
}
