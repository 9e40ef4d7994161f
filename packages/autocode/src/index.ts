// Public surface of @patchloop/autocode. Named exports only.

export type {
  AgentTimeoutValues,
  AutocodeCliSettings,
  SimpleExecutorSettings,
  TodoRefactorExecutorSettings,
} from './config/agent-timeout-settings.js';
export type { AutocodeConfig, ExecutionSettings } from './config/autocode-config.js';
export {
  autocodeDefaults,
  createAutocodeConfigSchema,
  loadAutocodeConfig,
} from './config/autocode-config.js';
export type {
  ApproverPermission,
  CommitUser,
  ExecutionCoreSettings,
  ExecutionMode,
} from './config/execution-settings.js';
export { approverPermissionLevels, executionModes } from './config/execution-settings.js';
export type { LimitSettings } from './config/limit-settings.js';
export type { DocumentationScope, PolicySettings, TaskType } from './config/policy-settings.js';
export { taskTypes } from './config/policy-settings.js';
export type {
  DeadLetterSettings,
  QueueCycleSettings,
  QueueSettings,
  ReviewFeedbackSettings,
} from './config/queue-settings.js';
export type {
  BacklogSourceSettings,
  IdleScannerSettings,
  IssueDraftSettings,
  MarkdownSourceSettings,
  SourceSettings,
} from './config/source-settings.js';
export type { ValidationCommand, ValidationSettings } from './config/validation-settings.js';

export type { AutocodeDependencies, AutocodeDependencyOptions } from './dependencies.js';
export { autocodeTaskTypeList, createAutocodeDependencies } from './dependencies.js';
export type { IssuePlan } from './planning/issue-plan.js';
export { buildAutocodeServer } from './server.js';
export type { RunningAutocode, StartAutocodeOptions } from './start.js';
export { startAutocode } from './start.js';
export { loadAutocodeMigrations } from './store/autocode-migrations.js';
export { createAutocodeSnapshotSections } from './store/autocode-snapshot-sections.js';
export type { AutocodeTaskType } from './tasks/autocode-tasks.js';
export { autocodeTaskTypes } from './tasks/autocode-tasks.js';
