import { AppError } from '../errors/app-error.js';

/** Result of checking a branch name against git's ref rules. */
export type BranchNameCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Input for {@link issueBranchName}. */
export interface IssueBranchNameInput {
  /** `EXECUTION_BRANCH_PREFIX`; surrounding slashes are trimmed. */
  readonly prefix: string;
  readonly issueNumber: number;
  readonly title: string;
}

/** The prefix used when `EXECUTION_BRANCH_PREFIX` is empty (the documented default). */
export const defaultBranchPrefix = 'autocode';

const slugMaxLength = 32;
const slugFallback = 'task';
/** Most file systems cap a path component (and so a ref component) at 255 bytes. */
const componentMaxBytes = 255;

/**
 * The slug of an issue title: lowercase ASCII letters and digits joined by `-`, at most 32
 * characters, `task` when nothing is left. Accents are folded first ("Crème" → `creme`).
 */
export function toBranchSlug(title: string): string {
  const folded = title.normalize('NFKD').replace(/\p{M}+/gu, '');
  const dashed = folded
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = dashed.slice(0, slugMaxLength).replace(/-+$/, '');
  return cut === '' ? slugFallback : cut;
}

/** The prefix with surrounding slashes trimmed; empty becomes {@link defaultBranchPrefix}. */
export function normalizeBranchPrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? defaultBranchPrefix : trimmed;
}

/**
 * The branch for an issue run: `<prefix>/issue-<n>-<slug>`. Throws BRANCH_NAME_INVALID when
 * the number is not positive or the prefix makes the name an illegal ref.
 */
export function issueBranchName(input: IssueBranchNameInput): string {
  if (!Number.isSafeInteger(input.issueNumber) || input.issueNumber < 1) {
    throw new AppError(
      'BRANCH_NAME_INVALID',
      `Issue number must be a positive integer, got ${input.issueNumber}.`,
    );
  }
  const name = `${normalizeBranchPrefix(input.prefix)}/issue-${input.issueNumber}-${toBranchSlug(input.title)}`;
  const check = checkBranchName(name);
  if (!check.ok) {
    throw new AppError(
      'BRANCH_NAME_INVALID',
      `Branch "${name}" is not a legal git branch (${check.reason}); fix EXECUTION_BRANCH_PREFIX.`,
    );
  }
  return name;
}

/** True when `branch` is one of PatchLoop's task branches (`<prefix>/...`), e.g. to track its PR. */
export function isTaskBranch(branch: string, prefix: string): boolean {
  return branch.startsWith(`${normalizeBranchPrefix(prefix)}/`);
}

/**
 * Checks `name` as `git check-ref-format --branch` would (implemented purely, no git
 * process), plus a 255-byte limit per component that file-backed refs impose.
 */
export function checkBranchName(name: string): BranchNameCheck {
  const problem = findProblem(name);
  return problem === undefined ? { ok: true } : { ok: false, reason: problem };
}

/** Shorthand for `checkBranchName(name).ok`. */
export function isValidBranchName(name: string): boolean {
  return findProblem(name) === undefined;
}

function findProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name === '@') return 'it is the single character "@"';
  if (name === 'HEAD') return 'HEAD is reserved';
  if (name.startsWith('-')) return 'it starts with "-"';
  if (name.startsWith('/') || name.endsWith('/')) return 'it starts or ends with "/"';
  if (name.includes('//')) return 'it contains "//"';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name.endsWith('.')) return 'it ends with "."';
  const forbidden = [...name].find((char) => isForbiddenCharacter(char));
  if (forbidden !== undefined) return `it contains the character ${describeCharacter(forbidden)}`;
  for (const component of name.split('/')) {
    if (component.startsWith('.')) return `the component "${component}" starts with "."`;
    if (component.endsWith('.lock')) return `the component "${component}" ends with ".lock"`;
    if (Buffer.byteLength(component, 'utf8') > componentMaxBytes) {
      return `a component is longer than ${componentMaxBytes} bytes`;
    }
  }
  return undefined;
}

/** Control characters are shown as code points so the reason stays printable in logs. */
function describeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${char}"`;
}

/** Control characters, space and `~ ^ : ? * [ \` are never allowed in a ref. */
function isForbiddenCharacter(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || ' ~^:?*[\\'.includes(char);
}
