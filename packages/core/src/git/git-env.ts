/** An environment record as passed to a child process. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/**
 * Variables that point git at a particular repository, index or object store
 * (`git rev-parse --local-env-vars`, plus tracing that rewrites error output). Inherited
 * from a hook or a shell they would make PatchLoop operate on the wrong repository.
 */
const repositoryLocalKeys = new Set([
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_EXEC_PATH',
  'GIT_TEMPLATE_DIR',
  'GIT_EXTERNAL_DIFF',
]);

/**
 * Settings that keep git from ever waiting for a human and keep its messages stable:
 * PatchLoop matches on error texts, so the locale is pinned to C.
 */
const fixedEnv: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_ASKPASS: '',
  GCM_INTERACTIVE: 'never',
  GIT_PAGER: 'cat',
  PAGER: 'cat',
  GIT_EDITOR: 'true',
  GIT_MERGE_AUTOEDIT: 'no',
  LC_ALL: 'C',
};

/**
 * Configuration every PatchLoop git command gets at command scope (it beats repository
 * config): hooks off, because a coding agent could plant one in the shared `.git` and
 * commit/push would run it; no signing prompts.
 */
const fixedConfig: ReadonlyArray<readonly [string, string]> = [
  ['core.hooksPath', '/dev/null'],
  ['commit.gpgSign', 'false'],
  ['core.quotePath', 'false'],
];

/**
 * Builds the environment for git: the injected base env without repository-pointing
 * variables, the fixed no-prompt settings, and command-scope config carried in
 * GIT_CONFIG_COUNT (never argv, so values such as an auth header stay out of `ps`).
 */
export function buildGitEnv(
  baseEnv: EnvRecord,
  config: Readonly<Record<string, string>> = {},
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  const inheritedConfig = readConfigEntries(baseEnv);
  for (const [key, value] of Object.entries(baseEnv)) {
    if (value === undefined || repositoryLocalKeys.has(key) || isConfigEntryKey(key)) continue;
    if (isLocaleKey(key) || key.startsWith('GIT_TRACE')) continue;
    env[key] = value;
  }
  Object.assign(env, fixedEnv);
  // ssh remotes must fail rather than ask for a passphrase or a host-key confirmation.
  if (env['GIT_SSH_COMMAND'] === undefined && env['GIT_SSH'] === undefined) {
    env['GIT_SSH_COMMAND'] = 'ssh -o BatchMode=yes';
  }
  // Later entries win in git, so PatchLoop's fixed settings come after the operator's.
  const entries = [...inheritedConfig, ...Object.entries(config), ...fixedConfig];
  env['GIT_CONFIG_COUNT'] = String(entries.length);
  entries.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return { ...env, ...extra };
}

function isLocaleKey(key: string): boolean {
  return key === 'LANG' || key === 'LANGUAGE' || key.startsWith('LC_');
}

function isConfigEntryKey(key: string): boolean {
  return (
    key === 'GIT_CONFIG_COUNT' || key.startsWith('GIT_CONFIG_KEY_') || key.startsWith('GIT_CONFIG_VALUE_')
  );
}

/** Reads `GIT_CONFIG_COUNT` entries from the base env so they survive the rebuild. */
function readConfigEntries(baseEnv: EnvRecord): Array<[string, string]> {
  const count = Number.parseInt(baseEnv['GIT_CONFIG_COUNT'] ?? '0', 10);
  const entries: Array<[string, string]> = [];
  for (let index = 0; index < (Number.isFinite(count) ? count : 0); index += 1) {
    const key = baseEnv[`GIT_CONFIG_KEY_${index}`];
    const value = baseEnv[`GIT_CONFIG_VALUE_${index}`];
    if (key !== undefined && value !== undefined) entries.push([key, value]);
  }
  return entries;
}
