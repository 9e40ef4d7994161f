import { describe, expect, it } from 'vitest';
import { buildCandidateChain } from './candidate-chain.js';

describe('buildCandidateChain', () => {
  it('orders primary model, primary fallback models, then each fallback CLI with its models', () => {
    const chain = buildCandidateChain(
      { backend: 'codex', model: 'gpt-5.4', fallbackModels: ['gpt-5.3-codex'] },
      [
        { backend: 'copilot', model: 'claude-sonnet-4.5', fallbackModels: [] },
        { backend: 'claude', model: undefined, fallbackModels: [] },
      ],
    );

    expect(chain).toEqual([
      { backend: 'codex', model: 'gpt-5.4' },
      { backend: 'codex', model: 'gpt-5.3-codex' },
      { backend: 'copilot', model: 'claude-sonnet-4.5' },
      { backend: 'claude', model: undefined },
    ]);
  });

  it('drops duplicate backend/model pairs and blank fallback names', () => {
    const chain = buildCandidateChain({ backend: 'Copilot', model: 'a', fallbackModels: [' a ', ''] }, [
      { backend: 'copilot', model: 'a', fallbackModels: ['b'] },
    ]);

    expect(chain).toEqual([
      { backend: 'copilot', model: 'a' },
      { backend: 'copilot', model: 'b' },
    ]);
  });

  it('tries the CLI default model first when only fallback models are configured', () => {
    const chain = buildCandidateChain({ backend: 'codex', model: undefined, fallbackModels: ['mini'] });

    expect(chain).toEqual([
      { backend: 'codex', model: undefined },
      { backend: 'codex', model: 'mini' },
    ]);
  });
});
