import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { IssuePlan } from '../planning/issue-plan.js';
import { loadAutocodeMigrations } from './autocode-migrations.js';
import { createIssueRecordRepository } from './issue-record-repository.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const path = join(dir, 'autocode.db');
  const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
  const migrations = [loadCoreMigrations(), loadAutocodeMigrations()];
  let db = openDatabase({ path, migrations, clock });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const restart = () => {
    db.close();
    db = openDatabase({ path, migrations, clock });
    return createIssueRecordRepository({ db, clock });
  };
  return { db, clock, restart, issues: createIssueRecordRepository({ db, clock }) };
}

const plan: IssuePlan = {
  triage: {
    taskType: 'bug_fix',
    action: 'auto_fix',
    riskLevel: 'low',
    reason: 'crash on save',
    confidence: 0.9,
  },
  plan: {
    goal: 'Stop the crash when saving an empty note',
    assumptions: ['notes may be empty'],
    acceptanceCriteria: ['saving an empty note works'],
    riskLevel: 'low',
    estimatedFiles: ['src/notes.ts'],
    suggestedTests: ['src/notes.test.ts'],
    needsHumanApproval: false,
    blockedReasons: [],
  },
  degraded: false,
};

const v1 = '2026-01-01T09:00:00Z';
const v2 = '2026-01-01T09:30:00Z';

describe('issueRecordRepository', () => {
  it('knows nothing about an issue it never recorded', () => {
    const { issues } = setup();

    expect(issues.get(7)).toBeUndefined();
    expect(issues.isVersionProcessed(7, v1)).toBe(false);
    expect(issues.lastOutcome(7)).toBeUndefined();
    expect(issues.isPaused(7)).toBe(false);
    expect(issues.getPlan(7, v1)).toBeUndefined();
  });

  it('records an outcome with its version, summary and time', () => {
    const { issues, clock } = setup();

    const record = issues.recordOutcome({
      number: 7,
      version: v1,
      outcome: 'planned',
      summary: 'waits for approval',
    });

    expect(record).toEqual({
      number: 7,
      processedVersions: [v1],
      lastOutcome: 'planned',
      lastOutcomeVersion: v1,
      lastOutcomeAt: clock.now(),
      lastSummary: 'waits for approval',
      paused: false,
      pauseReason: null,
      pausedAt: null,
      planVersion: null,
      planSavedAt: null,
      branch: null,
      prNumber: null,
      prUrl: null,
      updatedAt: clock.now(),
    });
    expect(issues.get(7)).toEqual(record);
    expect(issues.lastOutcome(7)).toBe('planned');
  });

  it('treats the same instant written another way as an already processed version', () => {
    const { issues } = setup();

    issues.recordOutcome({ number: 7, version: v1, outcome: 'pr_opened' });

    expect(issues.isVersionProcessed(7, '2026-01-01T09:00:00+00:00')).toBe(true);
    expect(issues.isVersionProcessed(7, v2)).toBe(false);
  });

  it('replaces the last outcome and clears a summary the new outcome does not carry', () => {
    const { issues } = setup();
    issues.recordOutcome({ number: 7, version: v1, outcome: 'planned', summary: 'waits' });

    issues.recordOutcome({ number: 7, version: v2, outcome: 'pr_opened' });

    expect(issues.get(7)).toMatchObject({
      processedVersions: [v1, v2],
      lastOutcome: 'pr_opened',
      lastOutcomeVersion: v2,
      lastSummary: null,
    });
  });

  it('keeps the version history deduped, most recent last and capped at 16', () => {
    const { issues } = setup();
    const versions = Array.from(
      { length: 20 },
      (_, index) => `2026-01-01T09:${String(index).padStart(2, '0')}:00Z`,
    );
    for (const version of versions) issues.recordOutcome({ number: 7, version, outcome: 'failed' });

    issues.recordOutcome({ number: 7, version: versions[10] ?? '', outcome: 'failed' });

    const history = issues.get(7)?.processedVersions ?? [];
    expect(history).toHaveLength(16);
    expect(new Set(history).size).toBe(16);
    expect(history.at(-1)).toBe(versions[10]);
    expect(history[0]).toBe(versions[4]);
    expect(issues.isVersionProcessed(7, versions[3] ?? '')).toBe(false);
  });

  it('returns a saved plan only for the version it was saved for', () => {
    const { issues, clock } = setup();

    issues.savePlan({ number: 7, version: v1, plan });

    expect(issues.getPlan(7, v1)).toEqual(plan);
    expect(issues.getPlan(7, '2026-01-01T09:00:00.000+00:00')).toEqual(plan);
    expect(issues.getPlan(7, v2)).toBeUndefined();
    expect(issues.get(7)).toMatchObject({ planVersion: v1, planSavedAt: clock.now() });
  });

  it('round-trips a degraded plan with its error', () => {
    const { issues } = setup();
    const degraded: IssuePlan = { ...plan, degraded: true, error: 'planner_timeout' };

    issues.savePlan({ number: 7, version: v1, plan: degraded });

    expect(issues.getPlan(7, v1)).toEqual(degraded);
  });

  it('replaces the plan when a newer version is planned', () => {
    const { issues } = setup();
    issues.savePlan({ number: 7, version: v1, plan });
    const replanned: IssuePlan = { ...plan, triage: { ...plan.triage, riskLevel: 'medium' } };

    issues.savePlan({ number: 7, version: v2, plan: replanned });

    expect(issues.getPlan(7, v1)).toBeUndefined();
    expect(issues.getPlan(7, v2)).toEqual(replanned);
  });

  it('returns no plan when the stored plan JSON is corrupt, so the issue is re-planned', () => {
    const { issues, db } = setup();
    issues.savePlan({ number: 7, version: v1, plan });
    db.prepare('UPDATE autocode_issues SET plan_json = \'{"triage":\' WHERE number = 7').run();

    expect(issues.getPlan(7, v1)).toBeUndefined();
  });

  it('returns no plan when the stored JSON is not an IssuePlan', () => {
    const { issues, db } = setup();
    issues.savePlan({ number: 7, version: v1, plan });
    db.prepare(
      `UPDATE autocode_issues SET plan_json = '{"triage":{"taskType":"rewrite"}}' WHERE number = 7`,
    ).run();

    expect(issues.getPlan(7, v1)).toBeUndefined();
  });

  it('refuses to save a plan that is not a valid IssuePlan', () => {
    const { issues } = setup();
    const invalid = { ...plan, triage: { ...plan.triage, confidence: 3 } };

    expect(() => issues.savePlan({ number: 7, version: v1, plan: invalid })).toThrow(/not a valid IssuePlan/);
    expect(issues.get(7)).toBeUndefined();
  });

  it('pauses an issue with a reason and resumes it once', async () => {
    const { issues, clock } = setup();
    issues.pause(7, 'maintainer asked to wait');
    const pausedAt = clock.now();
    await clock.advance(1000);

    const paused = issues.get(7);
    const resumed = issues.resume(7);
    const resumedAgain = issues.resume(7);

    expect(paused).toMatchObject({ paused: true, pauseReason: 'maintainer asked to wait', pausedAt });
    expect([resumed, resumedAgain]).toEqual([true, false]);
    expect(issues.isPaused(7)).toBe(false);
    expect(issues.get(7)).toMatchObject({ paused: false, pauseReason: null, pausedAt: null });
  });

  it('reports that an issue it never paused was not paused', () => {
    const { issues } = setup();

    expect(issues.resume(7)).toBe(false);
    expect(issues.get(7)).toBeUndefined();
  });

  it('keeps the outcome history when an issue is paused and resumed', () => {
    const { issues } = setup();
    issues.recordOutcome({ number: 7, version: v1, outcome: 'blocked' });

    issues.pause(7, 'hold');
    issues.resume(7);

    expect(issues.get(7)).toMatchObject({ processedVersions: [v1], lastOutcome: 'blocked' });
  });

  it('records where the work of an issue was published', () => {
    const { issues } = setup();
    issues.recordOutcome({ number: 7, version: v1, outcome: 'dry_run' });
    issues.recordPublication({ number: 7, branch: 'patchloop/issue-7-fix', prNumber: null, prUrl: null });

    issues.recordPublication({
      number: 7,
      branch: 'patchloop/issue-7-fix',
      prNumber: 12,
      prUrl: 'https://github.example/o/r/pull/12',
    });

    expect(issues.get(7)).toMatchObject({
      lastOutcome: 'dry_run',
      branch: 'patchloop/issue-7-fix',
      prNumber: 12,
      prUrl: 'https://github.example/o/r/pull/12',
    });
  });

  it('counts issues, paused issues and issues holding a plan', () => {
    const { issues } = setup();
    issues.recordOutcome({ number: 1, version: v1, outcome: 'planned' });
    issues.savePlan({ number: 1, version: v1, plan });
    issues.savePlan({ number: 2, version: v1, plan });
    issues.pause(3, 'hold');

    expect(issues.counts()).toEqual({ issues: 3, pausedIssues: 1, plannedIssues: 2 });
  });

  it('remembers versions, plans and pauses across a restart', () => {
    const { issues, restart } = setup();
    issues.recordOutcome({ number: 7, version: v1, outcome: 'pr_opened' });
    issues.savePlan({ number: 7, version: v1, plan });
    issues.pause(8, 'hold');

    const reopened = restart();

    expect(reopened.isVersionProcessed(7, v1)).toBe(true);
    expect(reopened.getPlan(7, v1)).toEqual(plan);
    expect(reopened.isPaused(8)).toBe(true);
  });

  it('fails loudly on a hand-edited version history instead of forgetting it', () => {
    const { issues, db } = setup();
    issues.recordOutcome({ number: 7, version: v1, outcome: 'failed' });
    db.prepare(`UPDATE autocode_issues SET processed_versions = '{"a":1}' WHERE number = 7`).run();

    expect(() => issues.isVersionProcessed(7, v1)).toThrow(/autocode_issues\.processed_versions of row 7/);
  });

  it('fails loudly on an outcome this PatchLoop does not know', () => {
    const { issues, db } = setup();
    issues.recordOutcome({ number: 7, version: v1, outcome: 'failed' });
    db.prepare("UPDATE autocode_issues SET last_outcome = 'answered' WHERE number = 7").run();

    expect(() => issues.lastOutcome(7)).toThrow(/autocode_issues\.last_outcome of row 7/);
  });
});
