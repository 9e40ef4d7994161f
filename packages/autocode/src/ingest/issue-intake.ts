import type { EventLogRepository, Issue, Logger, Task, TaskPriority, TaskQueue, User } from '@patchloop/core';
import type { ExecutionMode } from '../config/execution-settings.js';
import { isTerminalSuccess } from '../store/issue-outcomes.js';
import type { IssueRecordRepository } from '../store/issue-record-repository.js';
import type { IssueTrigger } from '../tasks/autocode-tasks.js';
import { issueTaskRequest } from '../tasks/autocode-tasks.js';

/** Why an issue trigger did or did not become a queued run (the spec's guard reason codes, §4.2). */
export type IntakeReason =
  | 'created'
  | 'merged'
  | 'already_active'
  | 'duplicate'
  | 'pull_request'
  | 'closed'
  | 'paused'
  | 'auto_plan_disabled'
  | 'awaiting_approval'
  | 'bot_user'
  | 'processed_version'
  | 'terminal_outcome_new_version'
  | 'permanent_failure';

/** The verdict on one trigger. */
export interface IntakeResult {
  /** A task now stands for this trigger (new, merged or already there). */
  readonly queued: boolean;
  readonly created: boolean;
  readonly reason: IntakeReason;
  readonly task?: Task;
}

/** One trigger for an issue run. */
export interface IssueTriggerInput {
  readonly issue: Pick<Issue, 'number' | 'updatedAt' | 'state' | 'isPullRequest'> & {
    readonly author: Pick<User, 'login' | 'type'>;
  };
  readonly source: string;
  readonly trigger: IssueTrigger;
  /** Approved by a maintainer (comment or API). */
  readonly explicit: boolean;
  readonly approvedBy?: string | null;
  readonly commentId?: number | null;
  readonly priority?: TaskPriority;
}

/** The single gate every issue trigger passes (webhook, poll, comment approval, API). */
export interface IssueIntake {
  submit(input: IssueTriggerInput): IntakeResult;
}

/** Settings of the gate. */
export interface IssueIntakeSettings {
  readonly mode: ExecutionMode;
  readonly autoPlanOnIssueOpen: boolean;
  readonly maxAttempts: number;
}

/**
 * Creates the issue intake (spec autocode-service §4.2) with PatchLoop's changes: in `manual` mode
 * an automatic trigger queues nothing (it could only produce a plan nobody sees; the issue waits
 * for an approval), and an approval by a maintainer is honoured for bot-authored issues and for
 * versions already processed (weaknesses 13 and 14); duplicates are absorbed by the queue's keys.
 */
export function createIssueIntake(deps: {
  readonly queue: Pick<TaskQueue, 'enqueue'>;
  readonly issues: Pick<IssueRecordRepository, 'isPaused' | 'isVersionProcessed' | 'lastOutcome'>;
  readonly eventLog: Pick<EventLogRepository, 'append'>;
  readonly settings: IssueIntakeSettings;
  readonly logger: Logger;
}): IssueIntake {
  const { settings } = deps;

  const refuse = (input: IssueTriggerInput, reason: IntakeReason): IntakeResult => {
    deps.logger.debug(
      { issue: input.issue.number, trigger: input.trigger, reason },
      'Issue trigger not queued',
    );
    if (reason === 'paused' || (input.explicit && reason !== 'duplicate')) {
      deps.eventLog.append({
        category: 'issue_event',
        level: 'info',
        message: `Issue #${input.issue.number} not queued: ${reason}`,
        data: { source: input.source, issue: input.issue.number, reason, trigger: input.trigger },
      });
    }
    return { queued: false, created: false, reason };
  };

  return {
    submit: (input) => {
      const { issue, explicit } = input;
      if (issue.isPullRequest) return refuse(input, 'pull_request');
      if (issue.state !== 'open') return refuse(input, 'closed');
      if (deps.issues.isPaused(issue.number)) return refuse(input, 'paused');
      if (!explicit) {
        if (!settings.autoPlanOnIssueOpen) return refuse(input, 'auto_plan_disabled');
        if (settings.mode === 'manual') return refuse(input, 'awaiting_approval');
        if (isBotAccount(issue.author)) return refuse(input, 'bot_user');
        if (deps.issues.isVersionProcessed(issue.number, issue.updatedAt)) {
          return refuse(input, 'processed_version');
        }
        const last = deps.issues.lastOutcome(issue.number);
        if (last !== undefined && isTerminalSuccess(last))
          return refuse(input, 'terminal_outcome_new_version');
      }
      const { task, created, disposition } = deps.queue.enqueue(
        issueTaskRequest(
          {
            number: issue.number,
            command: explicit ? 'implement' : 'issue_open',
            explicit,
            trigger: input.trigger,
            issueUpdatedAt: issue.updatedAt,
            approvedBy: input.approvedBy ?? null,
            commentId: input.commentId ?? null,
          },
          {
            source: input.source,
            priority: input.priority ?? (explicit ? 'urgent' : 'normal'),
            maxAttempts: settings.maxAttempts,
          },
        ),
      );
      if (created) {
        deps.eventLog.append({
          category: 'issue_task_queue',
          level: 'info',
          message: `Queued ${explicit ? 'an approved' : 'an automatic'} run for issue #${issue.number}`,
          data: { source: input.source, issue: issue.number, taskId: task.id, trigger: input.trigger },
        });
      }
      switch (disposition) {
        case 'created':
        case 'follow_up_created':
          return { queued: true, created: true, reason: 'created', task };
        case 'pending_updated':
        case 'revived':
          return { queued: true, created: false, reason: 'merged', task };
        case 'already_active':
          return { queued: true, created: false, reason: 'already_active', task };
        case 'duplicate':
          if (task.status === 'dead_letter' && task.permanentFailure) {
            return { queued: false, created: false, reason: 'permanent_failure', task };
          }
          return {
            queued: task.status !== 'done' && task.status !== 'dead_letter',
            created: false,
            reason: 'duplicate',
            task,
          };
      }
    },
  };
}

/** GitHub Apps and accounts named `...[bot]` (spec §4.2 step 4). */
export function isBotAccount(user: { readonly login: string; readonly type: string }): boolean {
  return user.type.toLowerCase() === 'bot' || user.login.toLowerCase().includes('[bot]');
}
