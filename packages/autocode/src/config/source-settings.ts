import type { ConfigContext, ConfigSection } from '@patchloop/core';
import { booleanVar, csvVar, integerVar, pathVar, secondsVar, stringVar, whenValid } from '@patchloop/core';
import { z } from 'zod';

/** How items found by a source become GitHub issues. */
export interface IssueDraftSettings {
  readonly labels: readonly string[];
  /** Prepended to every created issue title; empty = none. */
  readonly titlePrefix: string;
  readonly maxItemsPerCycle: number;
}

/** A Markdown file source (backlog or plan): checkbox items become issues. */
export interface MarkdownSourceSettings extends IssueDraftSettings {
  readonly enabled: boolean;
  /** Repository-relative Markdown files. */
  readonly filePaths: readonly string[];
}

/** The backlog source may read another checkout than the local repository. */
export interface BacklogSourceSettings extends MarkdownSourceSettings {
  /** Root the backlog files are read from; defaults to the local repository. */
  readonly repoPath: string;
}

/** The idle scanner: looks for TODOs and code smells while nothing else is queued. */
export interface IdleScannerSettings extends IssueDraftSettings {
  readonly enabled: boolean;
  readonly intervalMs: number;
  readonly heuristicAnalysis: boolean;
  readonly llmEnrichment: boolean;
  readonly advancedOnlyWhenTodoClear: boolean;
  readonly longFunctionLines: number;
  readonly llmMaxContextFiles: number;
}

/** Everything that turns repository content into issues. */
export interface SourceSettings {
  readonly backlog: BacklogSourceSettings;
  readonly plan: MarkdownSourceSettings;
  readonly idleScanner: IdleScannerSettings;
}

/** The sources before the backlog root falls back to the local repository. */
export type SourceValues = Omit<SourceSettings, 'backlog'> & {
  readonly backlog: Omit<BacklogSourceSettings, 'repoPath'> & { readonly repoPath: string | undefined };
};

// Repository-relative: no leading `/`, no `..` segment.
const relativePathPattern = /^(?!\/)(?!(?:.*\/)?\.\.(?:\/|$)).+$/;
const fileList = () => csvVar({ itemPattern: relativePathPattern, expected: 'repository-relative paths' });
const labelList = (labels: readonly string[]) => csvVar({ default: labels });
const perCycle = (value: number) => integerVar({ min: 1, max: 100, default: value });

/** Defaults where the original's example and code disagree; PatchLoop marks created issues visibly. */
export const sourceDefaults = {
  backlogLabels: ['autocode', 'backlog'],
  backlogTitlePrefix: '[Backlog]',
} as const;

/** EXECUTION_ENABLE_BACKLOG_SOURCE, EXECUTION_BACKLOG_*, EXECUTION_ENABLE_PLAN_SOURCE, EXECUTION_PLAN_*, EXECUTION_IDLE_*. */
export function sourceSettings(context: ConfigContext): ConfigSection<SourceValues> {
  return z
    .object({
      EXECUTION_ENABLE_BACKLOG_SOURCE: booleanVar({ default: false }),
      EXECUTION_BACKLOG_REPO_PATH: pathVar(context, {}),
      EXECUTION_BACKLOG_FILE_PATHS: fileList(),
      EXECUTION_BACKLOG_LABELS: labelList(sourceDefaults.backlogLabels),
      EXECUTION_BACKLOG_TITLE_PREFIX: stringVar({ default: sourceDefaults.backlogTitlePrefix }),
      EXECUTION_BACKLOG_MAX_ITEMS_PER_CYCLE: perCycle(10),
      EXECUTION_ENABLE_PLAN_SOURCE: booleanVar({ default: false }),
      EXECUTION_PLAN_FILE_PATHS: fileList(),
      EXECUTION_PLAN_LABELS: labelList(['autocode']),
      EXECUTION_PLAN_TITLE_PREFIX: stringVar({}),
      EXECUTION_PLAN_MAX_ITEMS_PER_CYCLE: perCycle(10),
      EXECUTION_ENABLE_IDLE_SCANNER: booleanVar({ default: false }),
      EXECUTION_IDLE_SCANNER_INTERVAL_SECONDS: secondsVar({ min: 60, max: 604_800, default: 1_800 }),
      EXECUTION_IDLE_ENABLE_HEURISTIC_ANALYSIS: booleanVar({ default: true }),
      EXECUTION_IDLE_ENABLE_LLM_ENRICHMENT: booleanVar({ default: true }),
      EXECUTION_IDLE_ADVANCED_ONLY_WHEN_TODO_CLEAR: booleanVar({ default: true }),
      EXECUTION_IDLE_LONG_FUNCTION_LINES: integerVar({ min: 1, max: 10_000, default: 80 }),
      EXECUTION_IDLE_LLM_MAX_CONTEXT_FILES: integerVar({ min: 1, max: 100, default: 4 }),
      EXECUTION_IDLE_SCANNER_LABELS: labelList(['autocode']),
      EXECUTION_IDLE_SCANNER_TITLE_PREFIX: stringVar({}),
      EXECUTION_IDLE_SCANNER_MAX_ITEMS_PER_CYCLE: perCycle(5),
    })
    .superRefine(
      (env, ctx) => {
        // An enabled source without files would run every cycle and never find anything.
        const sources = [
          [
            'EXECUTION_ENABLE_BACKLOG_SOURCE',
            'EXECUTION_BACKLOG_FILE_PATHS',
            env.EXECUTION_BACKLOG_FILE_PATHS,
          ],
          ['EXECUTION_ENABLE_PLAN_SOURCE', 'EXECUTION_PLAN_FILE_PATHS', env.EXECUTION_PLAN_FILE_PATHS],
        ] as const;
        for (const [switchKey, filesKey, files] of sources) {
          if (env[switchKey] && files.length === 0) {
            const message = `required when ${switchKey}=true — list the Markdown files to read, e.g. TODO.md,docs/BACKLOG.md`;
            ctx.addIssue({ code: 'custom', path: [filesKey], message });
          }
        }
      },
      {
        when: whenValid([
          'EXECUTION_ENABLE_BACKLOG_SOURCE',
          'EXECUTION_BACKLOG_FILE_PATHS',
          'EXECUTION_ENABLE_PLAN_SOURCE',
          'EXECUTION_PLAN_FILE_PATHS',
        ]),
      },
    )
    .transform((env) => ({
      backlog: {
        enabled: env.EXECUTION_ENABLE_BACKLOG_SOURCE,
        repoPath: env.EXECUTION_BACKLOG_REPO_PATH,
        filePaths: env.EXECUTION_BACKLOG_FILE_PATHS,
        labels: env.EXECUTION_BACKLOG_LABELS,
        titlePrefix: env.EXECUTION_BACKLOG_TITLE_PREFIX,
        maxItemsPerCycle: env.EXECUTION_BACKLOG_MAX_ITEMS_PER_CYCLE,
      },
      plan: {
        enabled: env.EXECUTION_ENABLE_PLAN_SOURCE,
        filePaths: env.EXECUTION_PLAN_FILE_PATHS,
        labels: env.EXECUTION_PLAN_LABELS,
        titlePrefix: env.EXECUTION_PLAN_TITLE_PREFIX ?? '',
        maxItemsPerCycle: env.EXECUTION_PLAN_MAX_ITEMS_PER_CYCLE,
      },
      idleScanner: {
        enabled: env.EXECUTION_ENABLE_IDLE_SCANNER,
        intervalMs: env.EXECUTION_IDLE_SCANNER_INTERVAL_SECONDS,
        heuristicAnalysis: env.EXECUTION_IDLE_ENABLE_HEURISTIC_ANALYSIS,
        llmEnrichment: env.EXECUTION_IDLE_ENABLE_LLM_ENRICHMENT,
        advancedOnlyWhenTodoClear: env.EXECUTION_IDLE_ADVANCED_ONLY_WHEN_TODO_CLEAR,
        longFunctionLines: env.EXECUTION_IDLE_LONG_FUNCTION_LINES,
        llmMaxContextFiles: env.EXECUTION_IDLE_LLM_MAX_CONTEXT_FILES,
        labels: env.EXECUTION_IDLE_SCANNER_LABELS,
        titlePrefix: env.EXECUTION_IDLE_SCANNER_TITLE_PREFIX ?? '',
        maxItemsPerCycle: env.EXECUTION_IDLE_SCANNER_MAX_ITEMS_PER_CYCLE,
      },
    }));
}
