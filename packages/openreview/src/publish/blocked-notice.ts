import { withFooter } from './reply-footer.js';

/** Inputs of {@link buildBlockedNotice}. */
export interface BlockedNoticeInput {
  /** Why the local comparison could not be prepared (a git error, an unresolvable base branch...). */
  readonly reason: string;
  /** Login to @-mention (`GITHUB_NOTIFY_LOGIN` or the token's own login); omitted when absent or invalid. */
  readonly mention?: string | undefined;
}

const loginPattern = /^[a-z\d](?:[a-z\d-]{0,38})$/i;
const maxReasonLength = 300;

/**
 * The "automatic review skipped" issue comment of §5.5 step 12. The reason is flattened to one line
 * and cut, and absolute paths in it are shortened to their last segment so the notice leaks no host layout.
 */
export function buildBlockedNotice(input: BlockedNoticeInput): string {
  const login = input.mention?.trim().replace(/^@/, '') ?? '';
  const mention = loginPattern.test(login) ? `@${login} ` : '';
  const reason = input.reason
    .replace(/\s+/g, ' ')
    .replace(/(?:\/[\w.-]+){2,}\/([\w.-]+)/g, '…/$1')
    .trim()
    .slice(0, maxReasonLength);
  return withFooter(
    [
      `${mention}Automatic review skipped for this pull request: PatchLoop could not prepare a reliable local comparison between the pull request head and its base branch.`,
      '',
      `Reason: ${reason === '' ? 'unknown' : reason}`,
      '',
      'Please check that the local repository is in sync with GitHub, that the base branch can be fetched, and that Git credentials work. The review is retried automatically.',
    ].join('\n'),
  );
}
