import type { ReviewState } from '@patchloop/core';
import { openReviewVerdict } from './bot-feedback.js';
import {
  actionableMarkers,
  backtickedToken,
  boilerplateSnippets,
  pathReference,
  summaryHeading,
  summaryLabels,
  trivialBodies,
} from './feedback-patterns.js';

/** The review whose body {@link shouldIncludeReviewBody} judges. */
export interface ReviewBodyInput {
  readonly body: string;
  readonly state: ReviewState;
  readonly reviewer: string;
  readonly prAuthor: string;
}

/**
 * Whether a review body is feedback to act on (spec §3.2 step 2): structured summaries that ask
 * for nothing are not; the PR author's own comment reviews count only when they point at
 * something concrete; anyone else's count unless they are a review tool's boilerplate.
 */
export function shouldIncludeReviewBody(input: ReviewBodyInput): boolean {
  if (isNonActionableSummary(input.body)) return false;
  const selfReview =
    input.state === 'COMMENTED' &&
    input.reviewer.trim().toLowerCase() === input.prAuthor.trim().toLowerCase() &&
    input.prAuthor.trim() !== '';
  if (selfReview) return isActionableSelfReview(input.body);
  return !isBoilerplate(input.body);
}

/** A request for change: an actionable phrase or a "not mergeable" verdict. */
export function hasActionableRequest(body: string): boolean {
  return actionableMarkers.test(body) || openReviewVerdict(body) === 'not_mergeable';
}

/** A review summary layout (heading and labels) that asks for no change. */
export function isNonActionableSummary(body: string): boolean {
  return summaryHeading.test(body) && summaryLabels.test(body) && !hasActionableRequest(body);
}

/** Text a review tool writes around its inline comments ("Copilot reviewed 3 files...", Codex's header). */
export function isBoilerplate(body: string): boolean {
  const text = body.toLowerCase().replace(/\s+/g, ' ');
  return boilerplateSnippets.some((snippet) => text.includes(snippet));
}

function isActionableSelfReview(body: string): boolean {
  if (isTrivial(body) || isBoilerplate(body)) return false;
  return hasActionableRequest(body) || backtickedToken.test(body) || pathReference.test(body);
}

function isTrivial(body: string): boolean {
  const text = body
    .toLowerCase()
    .replace(/[*_~`]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.!。！~,，:：]+|[\s.!。！~,，:：]+$/g, '');
  return trivialBodies.has(text);
}
