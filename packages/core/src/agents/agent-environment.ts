/** Options for building a coding CLI's environment. */
export interface AgentEnvironmentOptions {
  /** Extra variable names to pass through, e.g. a custom CLI's own API key. Never overrides the deny list. */
  readonly passthrough?: readonly string[];
}

// PatchLoop's own secrets, and GitHub credentials under their common names: a coding CLI runs
// model-written commands, so it must never be able to read or push with these.
const deniedNames: ReadonlySet<string> = new Set([
  'GITHUB_TOKEN',
  'GITHUB_WRITE_TOKEN',
  'GITHUB_WEBHOOK_SECRET',
  'ADMIN_TOKEN',
  'GH_TOKEN',
  'GH_ENTERPRISE_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN',
]);
const deniedPattern = /^(?:GH|GITHUB)_(?:\w*_)?(?:TOKEN|PAT|SECRET|KEY|PASSWORD|CREDENTIALS?)(?:_\w*)?$/;

// What a CLI needs to run at all: the process basics, locale, proxies and CA bundles, git identity.
const allowedNames: ReadonlySet<string> = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TERM',
  'TMPDIR',
  'TZ',
  'LANG',
  'LANGUAGE',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'PATCHLOOP_FAKE_AGENT_SCENARIO',
]);

// The CLIs' own configuration and provider keys (codex, copilot, claude, gemini, opencode, cursor).
const allowedPrefixes: readonly string[] = [
  'LC_',
  'XDG_',
  'OPENAI_',
  'AZURE_OPENAI_',
  'CODEX_',
  'COPILOT_',
  'ANTHROPIC_',
  'CLAUDE_',
  'GEMINI_',
  'GOOGLE_',
  'OPENCODE_',
  'CURSOR_',
  'OPENROUTER_',
];

// Always set: git must never stop to ask for credentials, and colour only gets in the way of parsing.
const fixedVariables: Readonly<Record<string, string>> = { GIT_TERMINAL_PROMPT: '0', NO_COLOR: '1' };

/** True for a variable name that must never reach a coding CLI. */
export function isDeniedAgentVariable(name: string): boolean {
  return deniedNames.has(name) || deniedPattern.test(name);
}

/**
 * Builds a coding CLI's whole environment from the daemon's (passed in, never read globally): an
 * allow list of basics plus the CLIs' provider variables, minus every GitHub/PatchLoop secret.
 */
export function buildAgentEnvironment(
  parentEnv: Readonly<Record<string, string | undefined>>,
  options: AgentEnvironmentOptions = {},
): Record<string, string> {
  const passthrough = new Set(options.passthrough ?? []);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parentEnv)) {
    if (value === undefined || isDeniedAgentVariable(name)) continue;
    const allowed =
      allowedNames.has(name) || passthrough.has(name) || allowedPrefixes.some((p) => name.startsWith(p));
    if (allowed) env[name] = value;
  }
  return { ...env, ...fixedVariables };
}
