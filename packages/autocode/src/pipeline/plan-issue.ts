import { createHash } from 'node:crypto';
import type { AgentOutcome, CodingAgent, Issue, Logger } from '@patchloop/core';
import type { DiscussionEntry } from '../planning/discussion.js';
import type { IssuePlan } from '../planning/issue-plan.js';
import { parseIssuePlan } from '../planning/parse-issue-plan.js';
import { buildPlanPrompt } from '../planning/plan-prompt.js';
import type { IssueRecordRepository } from '../store/issue-record-repository.js';

/** A plan, or the CLI outcome that prevented one. */
export type PlanResult =
  | { readonly kind: 'planned'; readonly plan: IssuePlan; readonly cached: boolean }
  | { readonly kind: 'agent_unavailable'; readonly outcome: Exclude<AgentOutcome, { kind: 'completed' }> };

/** What planning needs. */
export interface PlanIssueDeps {
  readonly agent: CodingAgent;
  readonly issues: Pick<IssueRecordRepository, 'getPlan' | 'savePlan'>;
  readonly repository: string;
  /** The planner runs read-only in the operator's clone. */
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

/**
 * The plan of an issue: the stored one while the issue's content is unchanged, else one planner
 * call. Keyed by a digest of title, body and labels, not `updated_at`, so an approval comment
 * (which bumps `updated_at`) reuses the plan it approved. A CLI failure or an answer that is not
 * the schema yields a degraded plan, which the policy never lets execute (weakness 9); degraded
 * plans are not stored, so the next run asks again. A CLI that did not answer at all (missing,
 * timed out) is reported as such: the task retries or names the setting instead of "planning".
 */
export async function planIssue(
  deps: PlanIssueDeps,
  input: {
    readonly issue: Pick<Issue, 'number' | 'title' | 'body' | 'labels'>;
    readonly discussion: readonly DiscussionEntry[];
    readonly trustedAuthor: boolean;
    readonly signal: AbortSignal;
  },
): Promise<PlanResult> {
  const { issue } = input;
  const version = planVersion(issue);
  const stored = deps.issues.getPlan(issue.number, version);
  if (stored !== undefined) return { kind: 'planned', plan: stored, cached: true };

  const { systemPrompt, prompt } = buildPlanPrompt({
    repository: deps.repository,
    issue: { number: issue.number, title: issue.title, body: issue.body, labels: issue.labels },
    discussion: input.discussion,
    trustedAuthor: input.trustedAuthor,
  });
  const outcome = await deps.agent.run(
    { prompt, systemPrompt, cwd: deps.cwd, mode: 'plan', timeoutMs: deps.timeoutMs, outputFormat: 'text' },
    input.signal,
  );
  if (outcome.kind !== 'completed') {
    deps.logger.warn({ issue: issue.number, kind: outcome.kind }, 'Planner CLI did not answer');
    return { kind: 'agent_unavailable', outcome };
  }
  const plan = parseIssuePlan(outcome.output, issue.title);
  if (!plan.degraded) deps.issues.savePlan({ number: issue.number, version, plan });
  return { kind: 'planned', plan, cached: false };
}

/** The content version a plan is valid for. */
export function planVersion(issue: Pick<Issue, 'title' | 'body' | 'labels'>): string {
  const labels = [...issue.labels].map((label) => label.toLowerCase()).sort();
  return createHash('sha256')
    .update([issue.title, issue.body, labels.join(',')].join('\n'))
    .digest('hex')
    .slice(0, 16);
}
