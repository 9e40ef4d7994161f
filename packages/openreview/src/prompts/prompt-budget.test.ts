import { describe, expect, it } from 'vitest';
import { fitPromptBudget } from './prompt-budget.js';

const render = (parts: Readonly<Record<'a' | 'b', string>>) => `A:${parts.a}\nB:${parts.b}`;

describe('fitPromptBudget', () => {
  it('leaves a prompt within the budget untouched', () => {
    const fitted = fitPromptBudget({ parts: { a: 'x', b: 'y' }, trimOrder: ['a', 'b'], render, budget: 100 });

    expect(fitted).toEqual({ text: 'A:x\nB:y', trimmed: [] });
  });

  it('cuts the first part in the order before touching the next one', () => {
    const parts = { a: 'a'.repeat(500), b: 'b'.repeat(200) };

    const fitted = fitPromptBudget({ parts, trimOrder: ['a', 'b'], render, budget: 400 });

    expect(fitted.text.length).toBeLessThanOrEqual(400);
    expect(fitted.trimmed).toEqual(['a']);
    expect(fitted.text).toContain('b'.repeat(200));
    expect(fitted.text).toMatch(/\[\.\.\. \d+ characters cut to fit the prompt budget\]/);
  });

  it('moves on to the next part when cutting the first one is not enough', () => {
    const parts = { a: 'a'.repeat(300), b: 'b'.repeat(300) };

    const fitted = fitPromptBudget({ parts, trimOrder: ['a', 'b'], render, budget: 200 });

    expect(fitted.text.length).toBeLessThanOrEqual(200);
    expect(fitted.trimmed).toEqual(['a', 'b']);
  });

  it('cuts at a line break when one lies in the second half of what is kept', () => {
    const parts = { a: `${'line one\n'.repeat(20)}`, b: '' };

    const fitted = fitPromptBudget({ parts, trimOrder: ['a'], render, budget: 150 });

    expect(fitted.text).toMatch(/line one\n\[\.\.\. \d+ characters cut/);
  });
});
