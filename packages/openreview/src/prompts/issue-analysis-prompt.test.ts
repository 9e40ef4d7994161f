import { describe, expect, it } from 'vitest';
import { buildIssueAnalysisPrompt } from './issue-analysis-prompt.js';
import { anIssuePromptInfo } from './test-builders.js';

const triage = [
  'Suspected duplicates (high confidence):',
  '- #12 [closed] Polling stops after restart (updated_at=2026-01-01T00:00:00Z)',
  'Resolution signals:',
  '- PR #20 merged, may already contain the fix (abcdef1)',
].join('\n');

const input = {
  issue: anIssuePromptInfo(),
  triage,
  discussion: '- [issue_comment] @carol (2026-01-02T10:00:00Z)\n  Still broken on main.',
  localContext: '### File: src/poller.ts',
  followUp: false,
};

describe('buildIssueAnalysisPrompt', () => {
  it('renders the first-reply prompt', () => {
    const built = buildIssueAnalysisPrompt(input);

    expect(built.systemPrompt).toMatchSnapshot();
    expect(built.prompt).toMatchSnapshot();
  });

  it('describes the duplicate, fixed and usage/config reply modes with commit evidence', () => {
    const built = buildIssueAnalysisPrompt(input);

    expect(built.prompt).toContain('Duplicate: name the original issue');
    expect(built.prompt).toContain('Already fixed: name the fixing pull request or commit');
    expect(built.prompt).toContain('Usage or configuration:');
    expect(built.prompt).toContain('cite the PR number and commit as evidence');
    expect(built.prompt).toContain(triage);
  });

  it('forbids tool traces, internal labels and absolute paths in the reply', () => {
    const built = buildIssueAnalysisPrompt(input);

    expect(built.prompt).toContain('Never print tool traces');
    expect(built.prompt).toContain('Never print internal triage labels');
    expect(built.prompt).toContain('never print absolute paths');
  });

  it('asks a follow-up to answer only the latest external comment', () => {
    const built = buildIssueAnalysisPrompt({ ...input, followUp: true });

    expect(built.prompt).toContain(
      'Respond only to the latest comment that was not written by a bot or by PatchLoop',
    );
    expect(built.prompt).toContain('## Discussion (answer the latest external comment)');
  });

  it('appends repository rules from the configuration after the built-in ones', () => {
    const built = buildIssueAnalysisPrompt({
      ...input,
      extraRules: ['Mention the FAQ page for install questions.'],
    });

    expect(built.prompt).toMatch(/18\. Mention the FAQ page for install questions\./);
  });

  it('cuts the local context before the discussion', () => {
    const built = buildIssueAnalysisPrompt({
      ...input,
      localContext: 'x'.repeat(20_000),
      discussion: 'y'.repeat(20_000),
      maxChars: 25_000,
    });

    expect(built.systemPrompt.length + built.prompt.length).toBeLessThanOrEqual(25_000);
    expect(built.trimmed).toEqual(['localContext']);
    expect(built.prompt).toContain('y'.repeat(20_000));
  });
});
