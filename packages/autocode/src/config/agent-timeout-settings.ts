import type { CliProfile, CodingCliSettings, ConfigSection } from '@patchloop/core';
import { integerVar, secondsVar, stringVar } from '@patchloop/core';
import { z } from 'zod';

/** The todo/refactor executor: a longer budget and its own model preference. */
export interface TodoRefactorExecutorSettings {
  readonly timeoutMs: number;
  /** No output for this long ends the run. */
  readonly maxIdleMs: number;
  /** Resolved: explicit, else the primary's todo model, first fallback model, primary model. */
  readonly model: string | undefined;
}

/** The cheaper executor for simple review feedback (docs-like changes). */
export interface SimpleExecutorSettings {
  /** Resolved: explicit, else the primary profile's simple model; undefined = path disabled. */
  readonly model: string | undefined;
  /** Feedback items the simple path may take at once; 0 disables it. */
  readonly maxFeedbackItems: number;
}

/** autocode's coding CLI settings: the shared chain plus planner/executor budgets. */
export interface AutocodeCliSettings extends CodingCliSettings {
  /** Analysis calls: triage, plan, comment intent, issue drafting, idle narratives. */
  readonly plannerTimeoutMs: number;
  /** Code-writing calls. */
  readonly executorTimeoutMs: number;
  /** Idle watchdog of the executor (the original never applied it to ordinary runs). */
  readonly executorMaxIdleMs: number;
  readonly todoRefactor: TodoRefactorExecutorSettings;
  readonly simpleExecutor: SimpleExecutorSettings;
}

/** The timeouts and model overrides before the profile-dependent fallbacks are applied. */
export interface AgentTimeoutValues {
  readonly plannerTimeoutMs: number;
  readonly executorTimeoutMs: number;
  readonly executorMaxIdleMs: number;
  readonly todoRefactorTimeoutMs: number;
  readonly todoRefactorMaxIdleMs: number;
  readonly todoRefactorModel: string | undefined;
  readonly simpleExecutorModel: string | undefined;
  readonly simpleExecutorMaxFeedbackItems: number;
}

const day = 86_400;
const modelVar = () => stringVar({ pattern: /^\S+$/, expected: 'a model name without spaces' });

/**
 * PLANNER_CLI_TIMEOUT, EXECUTOR_CLI_TIMEOUT (both default to CLI_TIMEOUT), the idle limits and
 * the todo/simple executor overrides. `0` keeps the original's meaning of "derive it".
 */
export function agentTimeoutSettings(defaults: {
  readonly cliTimeoutSeconds: number;
}): ConfigSection<AgentTimeoutValues> {
  return z
    .object({
      // Read again (the coding CLI section owns it) because both timeouts default to it.
      CLI_TIMEOUT: secondsVar({ min: 1, max: day, default: defaults.cliTimeoutSeconds }),
      PLANNER_CLI_TIMEOUT: secondsVar({ min: 1, max: day }),
      EXECUTOR_CLI_TIMEOUT: secondsVar({ min: 1, max: day }),
      EXECUTOR_MAX_IDLE_SECONDS: secondsVar({ min: 0, max: day, default: 0 }),
      TODO_REFACTOR_EXECUTOR_CLI_TIMEOUT: secondsVar({ min: 0, max: day, default: 0 }),
      TODO_REFACTOR_EXECUTOR_MAX_IDLE_SECONDS: secondsVar({ min: 0, max: day, default: 0 }),
      TODO_REFACTOR_EXECUTOR_MODEL: modelVar(),
      SIMPLE_EXECUTOR_MODEL: modelVar(),
      SIMPLE_EXECUTOR_MAX_FEEDBACK_ITEMS: integerVar({ min: 0, max: 100, default: 1 }),
    })
    .transform((env) => {
      const executor = env.EXECUTOR_CLI_TIMEOUT ?? env.CLI_TIMEOUT;
      const todoTimeout =
        env.TODO_REFACTOR_EXECUTOR_CLI_TIMEOUT > 0
          ? env.TODO_REFACTOR_EXECUTOR_CLI_TIMEOUT
          : Math.min(executor, 900_000);
      return {
        plannerTimeoutMs: env.PLANNER_CLI_TIMEOUT ?? env.CLI_TIMEOUT,
        executorTimeoutMs: executor,
        executorMaxIdleMs: idleLimit(env.EXECUTOR_MAX_IDLE_SECONDS, executor, 300_000),
        todoRefactorTimeoutMs: todoTimeout,
        todoRefactorMaxIdleMs: idleLimit(env.TODO_REFACTOR_EXECUTOR_MAX_IDLE_SECONDS, todoTimeout, 180_000),
        todoRefactorModel: env.TODO_REFACTOR_EXECUTOR_MODEL,
        simpleExecutorModel: env.SIMPLE_EXECUTOR_MODEL,
        simpleExecutorMaxFeedbackItems: env.SIMPLE_EXECUTOR_MAX_FEEDBACK_ITEMS,
      };
    });
}

/** 0 → min(timeout, derived cap); otherwise the configured value, never above the timeout. */
function idleLimit(configuredMs: number, timeoutMs: number, derivedCapMs: number): number {
  return configuredMs > 0 ? Math.min(configuredMs, timeoutMs) : Math.min(timeoutMs, derivedCapMs);
}

/** Merges the shared chain with the budgets, resolving the model preferences against the primary profile. */
export function toAutocodeCliSettings(
  chain: CodingCliSettings,
  values: AgentTimeoutValues,
): AutocodeCliSettings {
  const primary: CliProfile = chain.primary;
  return {
    ...chain,
    plannerTimeoutMs: values.plannerTimeoutMs,
    executorTimeoutMs: values.executorTimeoutMs,
    executorMaxIdleMs: values.executorMaxIdleMs,
    todoRefactor: {
      timeoutMs: values.todoRefactorTimeoutMs,
      maxIdleMs: values.todoRefactorMaxIdleMs,
      model: values.todoRefactorModel ?? primary.todoModel ?? primary.fallbackModels[0] ?? primary.model,
    },
    simpleExecutor: {
      model: values.simpleExecutorModel ?? primary.simpleModel,
      maxFeedbackItems: values.simpleExecutorMaxFeedbackItems,
    },
  };
}
