import { describe, expect, it } from 'vitest';
import { agentsGuidance, normalizeSectionTitle } from './agents-guidance.js';

describe('normalizeSectionTitle', () => {
  it.each([
    ['2. Issue 分析原则', 'issue 分析原则'],
    ['6) Review  output format', 'review output format'],
    ['3.1 Compatibility', 'compatibility'],
    ['Documentation', 'documentation'],
  ])('%s → %s', (title, expected) => {
    expect(normalizeSectionTitle(title)).toBe(expected);
  });
});

describe('agentsGuidance', () => {
  const markdown = [
    '# Title',
    '## 4. Documentation',
    'Keep docs in sync.',
    '```md',
    '## not a heading inside a fence',
    '```',
    '## 1. PR analysis',
    'Check tests.',
    '# Appendix',
    'not part of any section',
  ].join('\n');

  it('returns the PR sections in the order of the wanted titles, fenced headings included', () => {
    const guidance = agentsGuidance(markdown, 'pull_request', 10_000);

    expect(guidance).toBe(
      '## 1. PR analysis\nCheck tests.\n\n## 4. Documentation\nKeep docs in sync.\n```md\n## not a heading inside a fence\n```',
    );
  });

  it('returns null when no wanted section exists', () => {
    expect(agentsGuidance(markdown, 'issue', 10_000)).toBeNull();
  });

  it('cuts to the budget with a truncation note', () => {
    const guidance = agentsGuidance(markdown, 'pull_request', 20);

    expect(guidance).toBe('## 1. PR analysis\nCh\n\n(AGENTS.md guidance truncated at 20 characters)');
  });
});
