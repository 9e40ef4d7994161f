// Paths whose content must never reach a prompt (weakness 15: the original indexed `.env*` files
// and could quote them into public comments). Only the basename is checked, so the rule holds in
// every directory, and every read of the local context goes through it.

const allowedEnvTemplates: ReadonlySet<string> = new Set(['.env.example', '.env.sample', '.env.template']);
const secretNames: ReadonlySet<string> = new Set(['.npmrc', '.netrc', '.pypirc', '.git-credentials']);
const secretExtensions = /\.(pem|key|p12|pfx)$/;
const secretPrefixes = /^(id_rsa|id_dsa|id_ecdsa|id_ed25519|credentials|secrets)/;

/**
 * Whether a repository path names a credential-like file: `.env*` (except the example,
 * sample and template), `*.pem`, `*.key`, SSH keys, `.npmrc`, `.netrc`, `credentials*`, `secrets*`.
 */
export function isSecretPath(path: string): boolean {
  const name = (path.split(/[\\/]/).pop() ?? path).toLowerCase();
  // `.envrc` (direnv) and `.env.local` hold the same kind of values as `.env`.
  if (name.startsWith('.env')) {
    return !allowedEnvTemplates.has(name);
  }
  return secretNames.has(name) || secretExtensions.test(name) || secretPrefixes.test(name);
}
