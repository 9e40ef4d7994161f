import { describe, expect, it } from 'vitest';
import { choosePromptTransport, composePrompt } from './prompt-transport.js';

describe('composePrompt', () => {
  it('puts the system prompt first, separated by a blank line', () => {
    expect(composePrompt({ prompt: 'Fix it.', systemPrompt: 'You are careful.\n' })).toBe(
      'You are careful.\n\nFix it.',
    );
  });

  it('sends the prompt alone when there is no system prompt', () => {
    expect(composePrompt({ prompt: 'Fix it.', systemPrompt: '  ' })).toBe('Fix it.');
  });
});

describe('choosePromptTransport', () => {
  it.each([
    ['ASCII exactly at the limit', 'argv', 'a'.repeat(10)],
    ['ASCII one byte over the limit', 'stdin', 'a'.repeat(11)],
    ['five two-byte characters (10 bytes)', 'argv', 'ééééé'],
    ['six characters but eleven bytes', 'stdin', 'éééééa'],
    ['four CJK characters (12 bytes)', 'stdin', '修复错误'],
    ['a prompt that starts with a dash', 'stdin', '- fix'],
  ])('sends %s by %s', (_name, expected, prompt) => {
    expect(choosePromptTransport(prompt, 10)).toBe(expected);
  });
});
