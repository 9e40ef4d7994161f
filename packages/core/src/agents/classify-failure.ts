/** The failure classes PatchLoop reads from a CLI's error text; they drive failover cooldowns. */
export type ClassifiedFailure = 'auth' | 'quota' | 'rate_limit';

// Patterns come from the real CLIs' messages on 401/403, exhausted quota and 429 (spec §2.5):
// codex "unexpected status 401 Unauthorized", copilot "Authentication failed ... (HTTP 401)",
// claude "Failed to authenticate. API Error: 401" (on stdout), gemini "status: 401",
// codex "exceeded retry limit, last status: 429 Too Many Requests", claude "Request rejected (429)".
const authPatterns: readonly RegExp[] = [
  /\b40[13]\b[^\n]{0,20}(?:unauthori[sz]ed|forbidden)/i,
  /\b(?:status|http|code|api error)\b[\s:=(]*40[13]\b/i,
  /\bunauthori[sz]ed\b/i,
  /authentication (?:failed|required|error)/i,
  /authentication_error/i,
  /failed to authenticate/i,
  /not (?:logged|signed) in/i,
  /\b(?:invalid|incorrect|missing)[\s_-]*(?:x-)?(?:api|auth)[\s_-]*key\b/i,
  /invalid auth method/i,
  /(?:please|you must) (?:log ?in|sign ?in|run [\w-]+ login)/i,
  /\btoken (?:has )?expired\b/i,
];

const quotaPatterns: readonly RegExp[] = [
  /insufficient[\s_]quota/i,
  /quota (?:exceeded|exhausted)/i,
  /exceeded (?:your|the) (?:current )?quota/i,
  /\bbilling\b/i,
  /credit balance (?:is )?too low/i,
  /out of credits/i,
  /payment required/i,
  /\b(?:status|http|code)\b[\s:=(]*402\b/i,
  /hit your usage limit/i,
  /usage limit (?:reached|exceeded)/i,
];

const rateLimitPatterns: readonly RegExp[] = [
  /\b429\b/,
  /too many requests/i,
  /rate[\s_-]?limit/i,
  /exceeded retry limit/i,
  /\boverloaded\b/i,
  /resource[\s_]exhausted/i,
];

/**
 * Reads a CLI's failure text (both streams, ANSI removed) and names an auth, quota or rate-limit
 * failure; undefined for anything else. Quota is checked before rate limit because providers
 * report an exhausted quota with HTTP 429 too.
 */
export function classifyFailure(text: string): ClassifiedFailure | undefined {
  if (authPatterns.some((pattern) => pattern.test(text))) return 'auth';
  if (quotaPatterns.some((pattern) => pattern.test(text))) return 'quota';
  if (rateLimitPatterns.some((pattern) => pattern.test(text))) return 'rate_limit';
  return undefined;
}
