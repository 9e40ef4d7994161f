import { execFileSync } from 'node:child_process';

/**
 * Command-scope git config that authenticates pushes and fetches to an HTTPS remote with the write
 * token (an `http.<origin>/.extraheader`), or nothing for SSH and local remotes. The header lives only
 * in the environment of PatchLoop's own git commands; the coding CLI never sees it.
 */
export function remoteAuthConfig(input: {
  readonly remoteUrl: string | undefined;
  readonly login: string | undefined;
  readonly token: string;
}): Record<string, string> {
  if (input.remoteUrl === undefined) return {};
  let url: URL;
  try {
    url = new URL(input.remoteUrl);
  } catch {
    return {};
  }
  // Never over plain http: the header carries the token.
  if (url.protocol !== 'https:') return {};
  const credentials = Buffer.from(`${input.login ?? 'x-access-token'}:${input.token}`).toString('base64');
  return { [`http.${url.origin}/.extraheader`]: `AUTHORIZATION: basic ${credentials}` };
}

/** `git remote get-url <remote>` in the operator's clone, or undefined when there is no such remote. */
export function readRemoteUrl(repoPath: string, remote: string): string | undefined {
  try {
    return execFileSync('git', ['-C', repoPath, 'remote', 'get-url', remote], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
  } catch {
    return undefined;
  }
}
