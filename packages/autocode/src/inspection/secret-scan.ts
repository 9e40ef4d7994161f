import { parseUnifiedDiff } from './unified-diff.js';

/** Where a secret-looking value was added. Never carries the value itself. */
export interface SecretHit {
  readonly path: string;
  /** Line number in the new file. */
  readonly line: number;
  /** What it looks like, e.g. `github_token`, `private_key`, `generic_secret`. */
  readonly kind: string;
}

interface Detector {
  readonly kind: string;
  readonly pattern: RegExp;
  /** Checks the captured value (group 1) before reporting; absent = the shape alone is enough. */
  readonly accept?: (value: string) => boolean;
}

/**
 * Words that mark a documentation value rather than a credential. Real tokens are random, so
 * the chance of one containing these is negligible, while docs and tests use them all the time.
 */
const placeholderWords =
  /example|sample|placeholder|dummy|fake|changeme|change_me|replace|your|redacted|secret|password|token|test|xxxx|\*\*\*|0000000/i;
/** References to a value kept elsewhere: `${VAR}`, `<token>`, `{{ secret }}`, `%(x)s`, `$VAR`. */
const referencePattern = /\$\{|\{\{|<[^>]*>|%\(|^\$[A-Za-z_]/;

function isPlaceholder(value: string): boolean {
  return placeholderWords.test(value) || referencePattern.test(value);
}

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

/** A value random enough to be a credential: no placeholder, no spaces, mixed classes, high entropy. */
function looksRandom(value: string): boolean {
  if (isPlaceholder(value) || /\s/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
  return classes >= 2 && entropy(value) >= 3;
}

const notPlaceholder = (value: string): boolean => !isPlaceholder(value);

/** Key names that end in a secret word: `password`, `db_password`, `apiKey`, `"client_secret"`. */
const secretKey = '[A-Za-z0-9_.-]*(?:password|passwd|secret|token|api[_-]?key|apikey)';

const detectors: readonly Detector[] = [
  { kind: 'private_key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'github_token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36})(?![A-Za-z0-9])/, accept: notPlaceholder },
  { kind: 'github_token', pattern: /\b(github_pat_[A-Za-z0-9_]{22,})/, accept: notPlaceholder },
  {
    kind: 'aws_access_key_id',
    pattern: /\b((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9])/,
    accept: notPlaceholder,
  },
  {
    kind: 'aws_secret_access_key',
    pattern: /aws_secret_access_key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/i,
    accept: notPlaceholder,
  },
  { kind: 'slack_token', pattern: /\b(xox[abprs]-[A-Za-z0-9-]{10,})/, accept: notPlaceholder },
  { kind: 'google_api_key', pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/, accept: notPlaceholder },
  { kind: 'stripe_live_key', pattern: /\b((?:sk|rk)_live_[0-9A-Za-z]{16,})/, accept: notPlaceholder },
  { kind: 'anthropic_api_key', pattern: /\b(sk-ant-[A-Za-z0-9_-]{20,})/, accept: looksRandom },
  { kind: 'openai_api_key', pattern: /\b(sk-(?!ant-)[A-Za-z0-9_-]{20,})/, accept: looksRandom },
  {
    kind: 'generic_secret',
    pattern: new RegExp(String.raw`\b${secretKey}["']?\s*[:=]\s*["']([^"'\s]{12,})["']`, 'i'),
    accept: looksRandom,
  },
];

/** The kinds of secrets `line` seems to contain, each at most once. */
function detect(line: string): string[] {
  const kinds: string[] = [];
  for (const detector of detectors) {
    if (kinds.includes(detector.kind)) continue;
    const match = detector.pattern.exec(line);
    if (match === null) continue;
    if (detector.accept !== undefined && !detector.accept(match[1] ?? match[0])) continue;
    kinds.push(detector.kind);
  }
  return kinds;
}

/**
 * Scans the lines a unified diff adds (tracked and untracked files alike) for credentials:
 * private keys, GitHub/AWS/Slack/Google/Stripe/OpenAI/Anthropic tokens and high-entropy values
 * assigned to secret-named keys. Removed and context lines are ignored.
 */
export function scanAddedLines(patch: string): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const file of parseUnifiedDiff(patch)) {
    for (const { line, text } of file.added) {
      for (const kind of detect(text)) hits.push({ path: file.path, line, kind });
    }
  }
  return hits;
}
