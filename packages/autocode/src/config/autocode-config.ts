import path from 'node:path';
import type {
  ConfigContext,
  ContextBudget,
  EnvRecord,
  GitHubSettings,
  LoadConfigOptions,
  LocalRepoSettings,
  LogLevel,
  PollingSettings,
  ServerSettings,
  StoreSettings,
  WebhookSettings,
} from '@patchloop/core';
import {
  codingCliSettings,
  composeSections,
  contextBudgetSettings,
  eventSourceSettings,
  githubSettings,
  loadConfig,
  localRepoSettings,
  runtimeSettings,
  serverSettings,
  storeSettings,
  whenValid,
} from '@patchloop/core';
import type { z } from 'zod';
import type { AutocodeCliSettings } from './agent-timeout-settings.js';
import { agentTimeoutSettings, toAutocodeCliSettings } from './agent-timeout-settings.js';
import type { ExecutionCoreSettings } from './execution-settings.js';
import { executionCoreSettings } from './execution-settings.js';
import type { LimitSettings } from './limit-settings.js';
import { limitSettings } from './limit-settings.js';
import type { PolicySettings } from './policy-settings.js';
import { policySettings } from './policy-settings.js';
import type { QueueSettings } from './queue-settings.js';
import { queueSettings } from './queue-settings.js';
import type { SourceSettings } from './source-settings.js';
import { sourceSettings } from './source-settings.js';
import type { ValidationSettings } from './validation-settings.js';
import { validationSettings } from './validation-settings.js';
import { writeAccessSettings } from './write-access-settings.js';

/** Everything about turning an issue into a validated patch and a PR. */
export interface ExecutionSettings extends ExecutionCoreSettings {
  readonly policy: PolicySettings;
  readonly limits: LimitSettings;
  readonly validation: ValidationSettings;
}

/** The coding daemon's whole configuration, nested and camelCase. */
export interface AutocodeConfig {
  readonly github: GitHubSettings;
  readonly server: ServerSettings;
  readonly polling: PollingSettings;
  readonly webhook: WebhookSettings;
  readonly store: StoreSettings;
  readonly dryRun: boolean;
  readonly logLevel: LogLevel;
  readonly cli: AutocodeCliSettings;
  readonly localRepo: LocalRepoSettings;
  readonly context: ContextBudget;
  readonly execution: ExecutionSettings;
  readonly queues: QueueSettings;
  readonly sources: SourceSettings;
}

/** autocode's defaults where the daemons differ. */
export const autocodeDefaults = {
  serverPort: 8001,
  // The original's code polls every 60 s, its example every 300 s; PatchLoop takes the
  // conservative 300 s for the coding daemon (the webhook is the fast path).
  pollIntervalSeconds: 300,
  statePath: './.patchloop/autocode.db',
  cliTimeoutSeconds: 180,
} as const;

/** True when `child` is `parent` or lies below it. */
function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  const escapes = relative === '..' || relative.startsWith(`..${path.sep}`);
  return relative === '' || (!escapes && !path.isAbsolute(relative));
}

/** The autocode schema: core's shared sections plus the execution, queue and source sections. */
export function createAutocodeConfigSchema(context: ConfigContext): z.ZodType<AutocodeConfig> {
  return composeSections({
    github: githubSettings(),
    writeAccess: writeAccessSettings(),
    server: serverSettings({ port: autocodeDefaults.serverPort }),
    events: eventSourceSettings({ pollIntervalSeconds: autocodeDefaults.pollIntervalSeconds }),
    store: storeSettings(context, { path: autocodeDefaults.statePath }),
    runtime: runtimeSettings(),
    cli: codingCliSettings({ timeoutSeconds: autocodeDefaults.cliTimeoutSeconds }),
    agentTimeouts: agentTimeoutSettings({ cliTimeoutSeconds: autocodeDefaults.cliTimeoutSeconds }),
    localRepo: localRepoSettings(context),
    context: contextBudgetSettings(),
    execution: executionCoreSettings(context),
    policy: policySettings(),
    limits: limitSettings(),
    validation: validationSettings(),
    queues: queueSettings(),
    sources: sourceSettings(context),
  })
    .superRefine(
      (sections, ctx) => {
        const { execution, localRepo } = sections;
        // Worktrees inside the operator's clone would show up as untracked files there.
        if (isInside(execution.worktreeRoot, localRepo.path)) {
          const message = `${execution.worktreeRoot} is inside LOCAL_REPO_PATH — choose a directory outside the local clone`;
          ctx.addIssue({ code: 'custom', path: ['EXECUTION_WORKTREE_ROOT'], message });
        }
        const base = execution.prBaseBranch ?? localRepo.defaultBranch;
        if (execution.forbidMainBaseBranch && base === localRepo.defaultBranch) {
          const message = `true forbids PRs into ${base}, the PR base — set EXECUTION_PR_BASE_BRANCH to another branch`;
          ctx.addIssue({ code: 'custom', path: ['EXECUTION_FORBID_MAIN_BASE_BRANCH'], message });
        }
      },
      { when: whenValid(['execution', 'localRepo']) },
    )
    .transform(
      (sections): AutocodeConfig => ({
        github: sections.github,
        server: sections.server,
        polling: sections.events.polling,
        webhook: sections.events.webhook,
        store: sections.store,
        dryRun: sections.runtime.dryRun,
        logLevel: sections.runtime.logLevel,
        cli: toAutocodeCliSettings(sections.cli, sections.agentTimeouts),
        localRepo: sections.localRepo,
        context: sections.context,
        execution: {
          ...sections.execution,
          prBaseBranch: sections.execution.prBaseBranch ?? sections.localRepo.defaultBranch,
          policy: sections.policy,
          limits: sections.limits,
          validation: sections.validation,
        },
        queues: sections.queues,
        sources: {
          ...sections.sources,
          backlog: {
            ...sections.sources.backlog,
            repoPath: sections.sources.backlog.repoPath ?? sections.localRepo.path,
          },
        },
      }),
    );
}

/**
 * Loads autocode's configuration from a flat env (the `.env` file merged under the real
 * environment). Returns a deep-frozen config or throws one ConfigError listing every bad key.
 */
export function loadAutocodeConfig(env: EnvRecord, options: LoadConfigOptions): AutocodeConfig {
  return loadConfig(createAutocodeConfigSchema, env, options);
}
