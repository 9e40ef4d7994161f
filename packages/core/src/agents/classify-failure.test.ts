import { describe, expect, it } from 'vitest';
import { classifyFailure } from './classify-failure.js';

describe('classifyFailure', () => {
  it.each([
    // Observed messages (spec §2.5), one row per CLI and failure.
    [
      'codex 401',
      'ERROR: unexpected status 401 Unauthorized: Incorrect API key provided, url: http://127.0.0.1/v1',
      'auth',
    ],
    [
      'copilot 401',
      'Error: Authentication failed with provider at http://127.0.0.1:4010/v1 (HTTP 401)',
      'auth',
    ],
    ['claude 401 on stdout', 'Failed to authenticate. API Error: 401 {"type":"error"}', 'auth'],
    [
      'gemini 401 stack trace',
      'An unexpected critical error occurred\n  status: 401,\n  at GaxiosError',
      'auth',
    ],
    ['gemini auth method', 'Invalid auth method selected.', 'auth'],
    ['opencode invalid key', 'Error: Incorrect API key provided: sk-test', 'auth'],
    ['not logged in', 'You are not logged in. Please run `copilot login`.', 'auth'],
    ['codex 429', 'ERROR: exceeded retry limit, last status: 429 Too Many Requests', 'rate_limit'],
    [
      'copilot 429',
      'Failed to get response from the AI model; retried 5 times. Last error: 429 rate limited',
      'rate_limit',
    ],
    ['claude 429', 'API Error: Request rejected (429) · Rate limited', 'rate_limit'],
    [
      'anthropic overloaded',
      'API Error: 529 {"type":"overloaded_error","message":"Overloaded"}',
      'rate_limit',
    ],
    [
      'openai insufficient quota on a 429',
      'status 429: You exceeded your current quota (insufficient_quota)',
      'quota',
    ],
    [
      'billing',
      'Your credit balance is too low to access the Anthropic API. Go to Plans & Billing.',
      'quota',
    ],
    ['codex usage limit', "You've hit your usage limit. Upgrade to Pro or try again later.", 'quota'],
    ['gemini quota', 'RESOURCE_EXHAUSTED: Quota exceeded for quota metric', 'quota'],
  ] as const)('classifies %s', (_name, text, expected) => {
    expect(classifyFailure(text)).toBe(expected);
  });

  it.each([
    ['a syntax error', "SyntaxError: Unexpected token '}' in src/app.ts:401"],
    ['a missing model', 'Error: model "gpt-9" not found'],
    ['a crash', 'TypeError: Cannot read properties of undefined'],
    ['a missing non-auth key', "KeyError: missing key 'name'"],
  ])('leaves %s unclassified', (_name, text) => {
    expect(classifyFailure(text)).toBeUndefined();
  });
});
