import type { Clock, GitHubReader, GitHubSettings, Logger, Permission, User } from '@patchloop/core';
import { AppError, createCodeGitHubClients, createReviewGitHubClients } from '@patchloop/core';
import type { DoctorDaemon } from './check-config.js';
import type { DoctorCheck } from './doctor-report.js';
import { skippedCheck } from './doctor-report.js';

/** What the GitHub checks need. */
export interface CheckGitHubInput {
  readonly daemon: DoctorDaemon;
  readonly github: GitHubSettings;
  readonly dryRun: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly fetch?: typeof globalThis.fetch;
}

const readTokenCheck = 'GitHub token';
const writeTokenCheck = 'GitHub write token';
const writeLevels: ReadonlySet<Permission> = new Set(['write', 'maintain', 'admin']);

// Doctor asks a handful of questions once: fail fast instead of the daemons' patient retries.
const doctorTuning = { requestTimeoutMs: 10_000, retries: 1, retryBaseDelayMs: 200, rateLimitRetries: 0 };

/**
 * Checks the tokens through PatchLoop's real GitHub clients: GITHUB_TOKEN must read the
 * repository; for `code` outside dry-run, GITHUB_WRITE_TOKEN's account needs write, maintain or admin.
 */
export async function checkGitHub(input: CheckGitHubInput): Promise<DoctorCheck[]> {
  const { github } = input;
  const settings = {
    owner: github.repo.owner,
    repo: github.repo.name,
    apiUrl: github.apiUrl,
    token: github.token,
    ...(github.writeToken === undefined ? {} : { writeToken: github.writeToken }),
    logger: input.logger,
    clock: input.clock,
    tuning: doctorTuning,
    ...(input.fetch === undefined ? {} : { fetch: input.fetch }),
  };
  const clients =
    input.daemon === 'code' ? createCodeGitHubClients(settings) : createReviewGitHubClients(settings);
  const readCheck = await checkReadToken(clients.reader, github);
  if (input.daemon === 'review') return [readCheck];
  if (!readCheck.ok) return [readCheck, skippedWriteCheck(input.dryRun)];
  return [readCheck, await checkWriteToken(clients.reader, clients.writer, input)];
}

function skippedWriteCheck(dryRun: boolean): DoctorCheck {
  return dryRun
    ? { name: writeTokenCheck, ok: true, detail: 'not needed while DRY_RUN=true' }
    : skippedCheck(writeTokenCheck, 'GITHUB_TOKEN cannot read the repository');
}

async function checkReadToken(reader: GitHubReader, github: GitHubSettings): Promise<DoctorCheck> {
  const fullName = github.repo.fullName;
  let user: User;
  try {
    user = await reader.getAuthenticatedUser();
    const repository = await reader.getRepository();
    const permission = await reader.getCollaboratorPermission(user.login);
    // A public repository is readable without being a collaborator.
    if (permission === 'none' && repository.isPrivate) {
      return {
        name: readTokenCheck,
        ok: false,
        detail: `${user.login} has no access to the private repository ${fullName}`,
        fix: `give ${user.login} read access to ${fullName}, or set GITHUB_TOKEN to a token of an account that has it`,
      };
    }
    return {
      name: readTokenCheck,
      ok: true,
      detail: `${user.login} can read ${fullName} (permission: ${permission})`,
    };
  } catch (error) {
    return {
      name: readTokenCheck,
      ok: false,
      detail: errorText(error),
      fix: fixFor(error, 'GITHUB_TOKEN', github),
    };
  }
}

async function checkWriteToken(
  reader: GitHubReader,
  writer: { getAuthenticatedUser(): Promise<User> },
  input: CheckGitHubInput,
): Promise<DoctorCheck> {
  const { github } = input;
  const tokenName = github.writeToken === undefined ? 'GITHUB_TOKEN' : 'GITHUB_WRITE_TOKEN';
  if (input.dryRun && github.writeToken === undefined) return skippedWriteCheck(true);
  try {
    const user = await writer.getAuthenticatedUser();
    const permission = await reader.getCollaboratorPermission(user.login);
    const detail = `${tokenName} acts as ${user.login} (permission on ${github.repo.fullName}: ${permission})`;
    if (writeLevels.has(permission)) return { name: writeTokenCheck, ok: true, detail };
    if (input.dryRun) {
      return {
        name: writeTokenCheck,
        ok: true,
        detail: `${detail}; enough while DRY_RUN=true, not for live mode`,
      };
    }
    return {
      name: writeTokenCheck,
      ok: false,
      detail: `${detail}; pushing branches and opening pull requests needs write, maintain or admin`,
      fix:
        `give ${user.login} write access to ${github.repo.fullName} (a fine-grained token needs Contents and ` +
        `Pull requests: read and write), set ${tokenName} to such a token, or keep DRY_RUN=true`,
    };
  } catch (error) {
    return {
      name: writeTokenCheck,
      ok: false,
      detail: errorText(error),
      fix: fixFor(error, tokenName, github),
    };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What to change for each way a GitHub question can fail. */
function fixFor(error: unknown, tokenName: string, github: GitHubSettings): string {
  const code = error instanceof AppError ? error.code : undefined;
  switch (code) {
    case 'GITHUB_UNAUTHORIZED':
      return `set ${tokenName} to a valid, unexpired token for ${github.apiUrl}`;
    case 'GITHUB_NOT_FOUND':
      return `check GITHUB_REPO (${github.repo.fullName}) and that the account behind ${tokenName} can see it`;
    case 'GITHUB_FORBIDDEN':
      return `grant ${tokenName} access to ${github.repo.fullName} (fine-grained tokens list the repositories they may use)`;
    case 'GITHUB_RATE_LIMITED':
      return 'wait for the rate limit to reset, then run doctor again';
    default:
      return `check GITHUB_API_URL (${github.apiUrl}) and that this machine can reach it`;
  }
}
