import { describe, expect, it } from 'vitest';
import {
  extractTerms,
  referencePullRequestsQuery,
  searchKeywords,
  similarIssuesQuery,
  topicQuery,
} from './search-terms.js';

describe('extractTerms', () => {
  it.each([
    {
      text: 'Polling fails with POLL_INTERVAL_SECONDS=0',
      limit: 6,
      expected: ['Polling', 'fails', 'POLL_INTERVAL_SECONDS'],
    },
    { text: '轮询 配置无法生效 when using docker', limit: 6, expected: ['轮询', '配置无法生效', 'docker'] },
    { text: 'the and 12345 for with', limit: 6, expected: [] },
    { text: 'Docker docker DOCKER compose', limit: 6, expected: ['Docker', 'compose'] },
    { text: 'alpha beta gamma delta', limit: 2, expected: ['alpha', 'beta'] },
  ])('extracts $expected from "$text"', ({ text, limit, expected }) => {
    const terms = extractTerms(text, limit);

    expect(terms).toEqual(expected);
  });

  it('puts CJK runs before Latin tokens whatever their position', () => {
    expect(extractTerms('webhook 签名校验失败', 6)).toEqual(['签名校验失败', 'webhook']);
  });
});

describe('search queries', () => {
  it('quotes CJK keywords so GitHub keeps them together', () => {
    expect(searchKeywords('配置 webhook', 6)).toEqual(['"配置"', 'webhook']);
  });

  it('builds the similar-issue query for a mixed Chinese/English title', () => {
    const query = similarIssuesQuery({ repo: 'demo/repo', title: 'Webhook 签名 校验失败', body: '' });

    expect(query).toMatch(/^repo:demo\/repo is:issue /);
    expect(query).toContain('"校验失败"');
  });

  it('falls back to the quoted title when no term is left', () => {
    expect(similarIssuesQuery({ repo: 'demo/repo', title: 'Why?', body: '' })).toBe(
      'repo:demo/repo is:issue "Why?"',
    );
  });

  it('searches issues and PRs together in the topic query and mentions of the issue in the reference query', () => {
    expect(topicQuery({ repo: 'demo/repo', title: 'docker compose', body: '' })).toBe(
      'repo:demo/repo docker compose',
    );
    expect(referencePullRequestsQuery('demo/repo', 123)).toBe('repo:demo/repo is:pr "#123"');
  });
});
