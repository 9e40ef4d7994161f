import { describe, expect, it } from 'vitest';
import { buildPullRequestFollowUpPrompt } from './pull-request-follow-up-prompt.js';
import { aPullRequestPromptInfo } from './test-builders.js';

const input = {
  pull: aPullRequestPromptInfo({ changedFiles: ['docs/usage.md'] }),
  discussion:
    '- [issue_comment] @alice (2026-01-03T09:00:00Z)\n  This is docs only, no rollback plan needed.',
  localContext: '',
  diffExcerpt: '+Polling is on by default.',
};

describe('buildPullRequestFollowUpPrompt', () => {
  it('renders the follow-up prompt', () => {
    const built = buildPullRequestFollowUpPrompt(input);

    expect(built.systemPrompt).toMatchSnapshot();
    expect(built.prompt).toMatchSnapshot();
  });

  it.each([
    ['the continue-review wording', 'Continue the review'],
    ["alice's discussion", '@alice (2026-01-03T09:00:00Z)\n  This is docs only'],
    ['the blocked rule for still blocking', '`mergeable_state=blocked` alone is not a reason for "yes"'],
    ['the docs-only concession', 'for a documentation-only change, concede it'],
    ['the external model/API rules', 'model names, APIs, base URLs, deprecations'],
    ['the conclusion labels', '- Conclusion: <accept | partially | not>'],
    ['the still-blocking label', '- Still blocking: <yes | no>'],
    ['the optional notes list', 'The Notes list is optional.'],
  ])('contains %s', (_name, expected) => {
    const built = buildPullRequestFollowUpPrompt(input);

    expect(built.prompt).toContain(expected);
  });
});
