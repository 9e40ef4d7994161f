import type { CodingAgent } from '@patchloop/core';
import { z } from 'zod';
import type { ClassificationPromptInput } from '../prompts/classification-prompt.js';
import { buildClassificationPrompt } from '../prompts/classification-prompt.js';

/** Whether an automated reply can help with an issue. */
export type IssueClassification = 'ANSWERABLE' | 'UNANSWERABLE';

/** How a classification was reached; `degraded` means the LLM step failed and nothing may be posted. */
export type ClassificationSource = 'rule' | 'follow_up' | 'llm' | 'degraded';

/** A classification with its reason (a short type label) and confidence (informational only). */
export interface ClassificationResult {
  readonly classification: IssueClassification;
  readonly reason: string;
  readonly confidence: number;
  readonly source: ClassificationSource;
}

/** The issue fields the rule pre-filter looks at. */
export interface RuleClassificationInput {
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  readonly authorAssociation: string;
}

/** Reason label of a trusted, concrete feature specification (the original's "功能实施分析"). */
export const featureImplementationReason = 'feature implementation analysis';

const questionSignals = [
  /\?|？/,
  /\b(how|why|broken|bugs?)\b/i,
  /\b(error|fail|crash)\w*/i,
  /如何|怎么|怎样|为什么|为何|报错|错误|失败|崩溃|异常|无法|不能/,
];
const closedLabels = new Set(['wontfix', "won't fix", 'duplicate', 'invalid']);
const featureLabels = new Set(['feature', 'enhancement', 'feature request', 'feature-request']);
const featureTitlePrefixes = [
  'feature:',
  'enhancement:',
  'rfc:',
  '[feature]',
  '[enhancement]',
  '[rfc]',
  'feature request:',
];
const trustedAssociations = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
// One pattern per spec section; "non-goals" must not also count as "goals".
const specMarkers = [
  /(?<!non-?)\bgoals?\b|(?<!非)目标/i,
  /\bimplementation (order|plan|steps)\b|实施顺序|实现顺序|实施步骤/i,
  /\bacceptance\b|验收/i,
  /\bkey files\b|关键文件/i,
  /\bnon-?goals?\b|非目标/i,
  /\bvalidation\b|\btest plan\b|验证/i,
  /\bscope\b|范围/i,
];
const minSpecBodyLength = 180;

/**
 * The rule pre-filter of §5.4 step 3, on title and body only: `null` means no decision (any question
 * signal defers to the LLM); closing labels and feature requests decide without it.
 */
export function quickClassify(issue: RuleClassificationInput): ClassificationResult | null {
  const text = `${issue.title}\n${issue.body}`;
  if (questionSignals.some((pattern) => pattern.test(text))) return null;
  const labels = issue.labels.map((label) => label.trim().toLowerCase());
  if (labels.some((label) => closedLabels.has(label))) {
    return {
      classification: 'UNANSWERABLE',
      reason: 'closed as not planned',
      confidence: 0.9,
      source: 'rule',
    };
  }
  const title = issue.title.trim().toLowerCase();
  const isFeature =
    labels.some((label) => featureLabels.has(label)) ||
    featureTitlePrefixes.some((prefix) => title.startsWith(prefix));
  if (!isFeature) return null;
  const markers = specMarkers.filter((pattern) => pattern.test(issue.body)).length;
  const trusted = trustedAssociations.has(issue.authorAssociation.trim().toUpperCase());
  if (trusted && issue.body.trim().length >= minSpecBodyLength && markers >= 2) {
    return {
      classification: 'ANSWERABLE',
      reason: featureImplementationReason,
      confidence: 0.85,
      source: 'rule',
    };
  }
  return { classification: 'UNANSWERABLE', reason: 'new feature request', confidence: 0.85, source: 'rule' };
}

const llmAnswer = z.object({
  classification: z.string(),
  reason: z.string().optional(),
  confidence: z.number().optional(),
});

/** The model's JSON answer, normalised: an unknown classification counts as UNANSWERABLE. */
export type ParsedClassification = Omit<ClassificationResult, 'source'>;

/**
 * Parses the classifier's answer: the ```json fence, else the first fence, else the whole text,
 * else the first flat `{...}` anywhere. `null` when none of them is a JSON object with a classification.
 */
export function parseClassificationOutput(text: string): ParsedClassification | null {
  const candidates = [
    /```json\s*\n?([\s\S]*?)```/i.exec(text)?.[1],
    /```[a-z]*\s*\n?([\s\S]*?)```/i.exec(text)?.[1],
    text,
    /\{[^{}]*\}/.exec(text)?.[0],
  ];
  for (const candidate of candidates) {
    const parsed = candidate === undefined ? null : parseJsonObject(candidate.trim());
    if (parsed === null) continue;
    const upper = parsed.classification.trim().toUpperCase();
    return {
      classification: upper === 'ANSWERABLE' ? 'ANSWERABLE' : 'UNANSWERABLE',
      reason: parsed.reason?.trim() || 'unknown',
      confidence: parsed.confidence ?? 0.5,
    };
  }
  return null;
}

function parseJsonObject(text: string): z.infer<typeof llmAnswer> | null {
  try {
    const result = llmAnswer.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** Inputs of {@link classifyIssue}. */
export interface ClassifyIssueInput {
  readonly agent: CodingAgent;
  /** The local repository the CLI runs in. */
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly model?: string;
  /** True when this is a follow-up (placeholder disallowed and discussion present). */
  readonly followUp: boolean;
  readonly prompt: ClassificationPromptInput;
  readonly signal?: AbortSignal;
}

/**
 * Classifies an issue (§5.4 steps 3-5): rules first, follow-ups are answerable without a CLI call,
 * otherwise the CLI answers JSON. A failed CLI call or unparseable answer is `degraded`.
 */
export async function classifyIssue(input: ClassifyIssueInput): Promise<ClassificationResult> {
  const { issue } = input.prompt;
  const ruled = quickClassify(issue);
  if (ruled !== null) return ruled;
  if (input.followUp) {
    return { classification: 'ANSWERABLE', reason: 'follow-up', confidence: 1, source: 'follow_up' };
  }
  const built = buildClassificationPrompt(input.prompt);
  const outcome = await input.agent.run(
    {
      prompt: built.prompt,
      systemPrompt: built.systemPrompt,
      cwd: input.cwd,
      mode: 'review',
      timeoutMs: input.timeoutMs,
      ...(input.model === undefined ? {} : { model: input.model }),
    },
    input.signal,
  );
  if (outcome.kind !== 'completed') {
    return degraded(`classifier CLI ${outcome.kind}`);
  }
  const parsed = parseClassificationOutput(outcome.output);
  return parsed === null ? degraded('classifier answer was not JSON') : { ...parsed, source: 'llm' };
}

function degraded(reason: string): ClassificationResult {
  return { classification: 'UNANSWERABLE', reason, confidence: 0, source: 'degraded' };
}
