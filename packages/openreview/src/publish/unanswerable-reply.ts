import { withFooter } from './reply-footer.js';

/** The categories an UNANSWERABLE reason is mapped to for the canned reply. */
export type UnanswerableCategory =
  | 'new feature request'
  | 'architecture discussion'
  | 'project management'
  | 'insufficient information'
  | 'needs maintainer decision';

const categoryKeywords: readonly (readonly [UnanswerableCategory, RegExp])[] = [
  ['new feature request', /feature|enhancement|功能|需求|新增/i],
  ['architecture discussion', /architect|\brfc\b|design|架构|设计/i],
  ['project management', /project management|roadmap|release|planning|governance|项目管理|规划|发布/i],
  ['insufficient information', /insufficient|unclear|missing info|not enough|信息不足|不清楚|不明确/i],
];
const maxKeptLabelLength = 40;

/** Maps a classifier reason to its category; anything unknown needs a maintainer's decision. */
export function categorizeReason(reason: string): UnanswerableCategory {
  const found = categoryKeywords.find(([, pattern]) => pattern.test(reason));
  return found?.[0] ?? 'needs maintainer decision';
}

/**
 * The short label shown in the reply: a short reason without sentence punctuation is kept as it is,
 * anything longer is replaced by its category.
 */
export function summarizeReason(reason: string): string {
  const trimmed = reason.trim();
  const short =
    trimmed !== '' && trimmed.length <= maxKeptLabelLength && !/[.,;!?。，；！？\n]/.test(trimmed);
  return short ? trimmed : categorizeReason(trimmed);
}

/**
 * The canned reply to an UNANSWERABLE issue (§5.4 step 6), posted without an LLM call. A new feature
 * request gets the hand-off to PatchLoop's coding daemon; everything else gets the standard template.
 */
export function buildUnanswerableReply(reason: string): string {
  if (categorizeReason(reason) === 'new feature request') {
    return withFooter(
      [
        'Thanks for the suggestion. This reads as a **new feature request**, which needs a decision from the maintainers rather than an automated answer.',
        '',
        "If the maintainers accept it, PatchLoop's coding daemon may pick it up through its task queue and open a pull request; PatchLoop review will then review the related pull requests.",
      ].join('\n'),
    );
  }
  return withFooter(
    [
      `Thanks for opening this. It looks like a **${summarizeReason(reason)}** topic that an automated analysis cannot settle reliably.`,
      '',
      'A maintainer will look at it. Adding context (what you expected, what happened, versions and steps) helps them answer faster.',
    ].join('\n'),
  );
}
