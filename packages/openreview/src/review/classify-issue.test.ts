import type { AgentOutcome, AgentRequest, CodingAgent } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import { anIssuePromptInfo } from '../prompts/test-builders.js';
import {
  classifyIssue,
  featureImplementationReason,
  parseClassificationOutput,
  quickClassify,
} from './classify-issue.js';

const specBody = [
  'Goal: let operators pause polling from the dashboard without restarting the daemon.',
  'Implementation order: add the store flag, then the admin route, then the dashboard button.',
  'Acceptance: the poll cycle reports paused and spends no requests while paused.',
  'Non-goals: pausing webhooks.',
].join('\n');

/** A hand-written CodingAgent that answers with a fixed outcome and records the requests it got. */
function stubAgent(outcome: Partial<AgentOutcome> & Pick<AgentOutcome, 'kind'>): CodingAgent & {
  requests: AgentRequest[];
} {
  const requests: AgentRequest[] = [];
  return {
    name: 'stub',
    requests,
    run: (request) => {
      requests.push(request);
      return Promise.resolve({
        backend: 'stub',
        model: undefined,
        durationMs: 1,
        ...outcome,
      } as AgentOutcome);
    },
  };
}

function completed(output: string) {
  return stubAgent({ kind: 'completed', output });
}

describe('quickClassify', () => {
  it.each([
    ['a question mark', { title: 'How do I enable polling?', labels: ['enhancement'] }],
    ['an error word', { title: 'Feature: crash reporting', body: 'The daemon fails silently.' }],
    ['a Chinese question word', { title: '[Feature] 如何配置轮询', labels: [] }],
  ])('defers to the model when the text carries %s', (_name, fields) => {
    const issue = { ...anIssuePromptInfo({ body: '', labels: [] }), ...fields };

    expect(quickClassify(issue)).toBeNull();
  });

  it.each(['wontfix', "Won't Fix", 'duplicate', 'invalid'])('declares a %s issue unanswerable', (label) => {
    const issue = anIssuePromptInfo({ title: 'Add dark mode', body: 'Please add it.', labels: [label] });

    expect(quickClassify(issue)).toMatchObject({
      classification: 'UNANSWERABLE',
      confidence: 0.9,
      source: 'rule',
    });
  });

  it('answers a concrete feature specification by a trusted author', () => {
    const issue = anIssuePromptInfo({
      title: '[Feature] Pause polling',
      body: specBody,
      labels: ['enhancement'],
      authorAssociation: 'OWNER',
    });

    expect(quickClassify(issue)).toEqual({
      classification: 'ANSWERABLE',
      reason: featureImplementationReason,
      confidence: 0.85,
      source: 'rule',
    });
  });

  it('accepts the spec markers in Chinese', () => {
    const body = `目标：支持暂停轮询，运维可以在面板上操作而不需要重启守护进程。${'说明'.repeat(80)}\n验收：暂停时不发请求。`;
    const issue = anIssuePromptInfo({
      title: 'feature: 暂停轮询',
      body,
      labels: [],
      authorAssociation: 'MEMBER',
    });

    expect(quickClassify(issue)?.classification).toBe('ANSWERABLE');
  });

  it.each([
    ['an untrusted author', { authorAssociation: 'CONTRIBUTOR' }],
    ['a short body', { authorAssociation: 'OWNER', body: 'Goal: x. Acceptance: y.' }],
    ['a single spec marker', { authorAssociation: 'OWNER', body: `Goal: ${'pause polling. '.repeat(20)}` }],
    [
      'only "non-goals" (it must not count as goals too)',
      { authorAssociation: 'OWNER', body: `Non-goals: ${'x '.repeat(100)}` },
    ],
  ])('declares a feature request from %s unanswerable', (_name, fields) => {
    const issue = {
      ...anIssuePromptInfo({ title: 'RFC: pause polling', body: specBody, labels: [] }),
      ...fields,
    };

    expect(quickClassify(issue)).toMatchObject({
      classification: 'UNANSWERABLE',
      reason: 'new feature request',
    });
  });

  it('makes no decision on an ordinary issue', () => {
    expect(
      quickClassify(anIssuePromptInfo({ title: 'Polling stops', body: 'Logs attached.', labels: [] })),
    ).toBeNull();
  });
});

describe('parseClassificationOutput', () => {
  it.each([
    [
      'a json fence',
      'Here:\n```json\n{"classification":"answerable","reason":"usage question","confidence":0.8}\n```',
    ],
    ['a plain fence', '```\n{"classification":"ANSWERABLE","reason":"usage question","confidence":0.8}\n```'],
    ['the whole text', '{"classification":"ANSWERABLE","reason":"usage question","confidence":0.8}'],
    [
      'a flat object inside prose',
      'I think {"classification": "ANSWERABLE", "reason": "usage question", "confidence": 0.8} fits.',
    ],
  ])('reads the answer from %s', (_name, text) => {
    expect(parseClassificationOutput(text)).toEqual({
      classification: 'ANSWERABLE',
      reason: 'usage question',
      confidence: 0.8,
    });
  });

  it('treats an unknown classification as UNANSWERABLE with default reason and confidence', () => {
    expect(parseClassificationOutput('{"classification":"maybe"}')).toEqual({
      classification: 'UNANSWERABLE',
      reason: 'unknown',
      confidence: 0.5,
    });
  });

  it.each(['no json here', '{"reason":"x"}', '```json\n[1,2]\n```'])('gives null for %j', (text) => {
    expect(parseClassificationOutput(text)).toBeNull();
  });
});

describe('classifyIssue', () => {
  const prompt = { issue: anIssuePromptInfo({ labels: [] }), triage: '', discussion: '', localContext: '' };
  const base = { cwd: '/tmp/repo', timeoutMs: 60_000, followUp: false, prompt };

  it('uses a rule decision without calling the CLI', async () => {
    const agent = completed('{}');
    const issue = anIssuePromptInfo({
      title: '[Feature] Pause polling',
      body: specBody,
      authorAssociation: 'OWNER',
    });

    const result = await classifyIssue({ ...base, agent, prompt: { ...prompt, issue } });

    expect(result.reason).toBe(featureImplementationReason);
    expect(agent.requests).toHaveLength(0);
  });

  it('answers a follow-up without calling the CLI', async () => {
    const agent = completed('{}');

    const result = await classifyIssue({ ...base, agent, followUp: true });

    expect(result).toMatchObject({ classification: 'ANSWERABLE', source: 'follow_up' });
    expect(agent.requests).toHaveLength(0);
  });

  it('keeps an untrusted enhancement unanswerable on a follow-up', async () => {
    const agent = completed('{}');
    const issue = anIssuePromptInfo({
      title: 'Add dark mode',
      body: 'Please add it.',
      labels: ['enhancement'],
    });

    const result = await classifyIssue({ ...base, agent, followUp: true, prompt: { ...prompt, issue } });

    expect(result).toMatchObject({ classification: 'UNANSWERABLE', source: 'rule' });
  });

  it('asks the CLI in review mode with the classification prompt and parses its JSON', async () => {
    const agent = completed('```json\n{"classification":"ANSWERABLE","reason":"bug","confidence":0.7}\n```');

    const result = await classifyIssue({ ...base, agent, model: 'small' });

    expect(result).toEqual({ classification: 'ANSWERABLE', reason: 'bug', confidence: 0.7, source: 'llm' });
    expect(agent.requests).toHaveLength(1);
    expect(agent.requests[0]).toMatchObject({
      mode: 'review',
      cwd: '/tmp/repo',
      timeoutMs: 60_000,
      model: 'small',
    });
    expect(agent.requests[0]?.prompt).toContain('"classification": "ANSWERABLE" | "UNANSWERABLE"');
  });

  it('is degraded when the CLI fails', async () => {
    const agent = stubAgent({ kind: 'failed', reason: 'exit_code', exitCode: 1, stderrTail: 'boom' });

    const result = await classifyIssue({ ...base, agent });

    expect(result).toMatchObject({ classification: 'UNANSWERABLE', source: 'degraded' });
  });

  it('is degraded when the answer is not JSON', async () => {
    const result = await classifyIssue({ ...base, agent: completed('It is answerable.') });

    expect(result).toMatchObject({ classification: 'UNANSWERABLE', source: 'degraded' });
  });
});
