import type {
  Clock,
  EventLogRepository,
  GitHubReader,
  GitHubRepositoryWriter,
  Logger,
  RateLimitBudget,
} from '@patchloop/core';
import { createCodeGitHubClients, createDryRunRepositoryWriter } from '@patchloop/core';
import type { AutocodeConfig } from './config/autocode-config.js';

/** The coding daemon's GitHub access. */
export interface AutocodeGitHub {
  readonly reader: GitHubReader;
  /** Records intended writes instead of sending them under DRY_RUN. */
  readonly writer: GitHubRepositoryWriter;
  /** The undecorated writer, for looking up the write token's own login. */
  readonly account: Pick<GitHubRepositoryWriter, 'getAuthenticatedUser'>;
}

/**
 * Builds the reader (GITHUB_TOKEN) and the writer (GITHUB_WRITE_TOKEN): issues, comments and pull
 * requests, never a merge. Under DRY_RUN every write goes to the event log as "Would ..." instead.
 */
export function createAutocodeGitHub(input: {
  readonly config: AutocodeConfig;
  readonly eventLog: Pick<EventLogRepository, 'append'>;
  /** Receives the rate-limit budget of every answer (the dashboard and /metrics show it). */
  readonly onRateLimit: (budget: RateLimitBudget) => void;
  readonly logger: Logger;
  readonly clock: Clock;
}): AutocodeGitHub {
  const { config, logger, clock } = input;
  const clients = createCodeGitHubClients({
    owner: config.github.repo.owner,
    repo: config.github.repo.name,
    apiUrl: config.github.apiUrl,
    token: config.github.token,
    ...(config.github.writeToken === undefined ? {} : { writeToken: config.github.writeToken }),
    logger,
    clock,
    onRateLimit: input.onRateLimit,
  });
  const writer = config.dryRun
    ? createDryRunRepositoryWriter(clients.writer, {
        logger,
        clock,
        onIntendedWrite: (write) =>
          input.eventLog.append({
            category: 'dry_run',
            level: 'info',
            message: `Would ${write.kind} on ${write.target}`,
            data: { kind: write.kind, target: write.target },
          }),
      })
    : clients.writer;
  return { reader: clients.reader, writer, account: clients.writer };
}
