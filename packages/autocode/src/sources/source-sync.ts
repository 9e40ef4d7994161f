import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sourceTaskRequest } from '../tasks/autocode-tasks.js';
import { issueLinkOf } from './backlog-issue-link.js';
import { scanIdleFindings } from './idle-scan.js';
import { readBacklogSources } from './markdown-backlog.js';
import type { SourceSyncDeps } from './source-deps.js';
import type { SourceItem } from './source-item.js';

/** What one discovery pass found and queued. */
export interface SourceSyncReport {
  readonly fetched: number;
  readonly queued: number;
  readonly closing: number;
}

/** Reads the configured Markdown backlog files with every item, open and ticked. */
export function readBacklog(deps: Pick<SourceSyncDeps, 'settings'>): Promise<SourceItem[]> {
  const { backlog } = deps.settings;
  return readBacklogSources({
    root: backlog.root,
    filePaths: backlog.filePaths,
    keyPrefix: 'backlog',
    titlePrefix: backlog.titlePrefix,
    labels: backlog.labels,
  });
}

/**
 * The backlog discovery (spec autocode-adapters §6.2 with the convergence fixes of issue 5): an
 * open item never synced becomes one `create` task (at most `maxItemsPerCycle` a pass); an item
 * whose file already links an issue is adopted; an item that was synced stays synced whatever
 * happens to its issue (closing the issue on GitHub creates no replacement); a ticked item whose
 * issue PatchLoop created becomes one `close` task.
 */
export async function syncBacklog(deps: SourceSyncDeps): Promise<SourceSyncReport> {
  const items = await readBacklog(deps);
  let queued = 0;
  let closing = 0;
  const requireRealIssue = !deps.settings.dryRun;
  for (const item of items) {
    const record = deps.items.get(item.key);
    if (item.checked) {
      if (record?.status === 'created' && record.issueNumber !== null && !record.checked) {
        deps.items.markChecked(item.key);
        if (deps.queue.enqueue(sourceTaskRequest({ action: 'close', item }, deps.settings)).created)
          closing += 1;
      }
      continue;
    }
    // A dry-run record does not count once live: that item still needs a real issue.
    if (record !== undefined && !(requireRealIssue && record.status === 'dry_run')) continue;
    const link = await linkInFile(deps, item);
    if (link !== null) {
      deps.items.upsert({
        itemKey: item.key,
        source: item.source,
        sourcePath: item.sourcePath,
        lineNumber: item.lineNumber,
        title: item.title,
        issueNumber: link.number,
        issueUrl: link.url,
        status: 'created',
        reason: 'link found in the backlog file',
      });
      continue;
    }
    if (queued >= deps.settings.backlog.maxItemsPerCycle) continue;
    if (deps.queue.enqueue(sourceTaskRequest({ action: 'create', item }, deps.settings)).created) queued += 1;
  }
  return { fetched: items.length, queued, closing };
}

/**
 * The idle scan (spec autocode-adapters §4, service §5.9): TODO/FIXME comments (and long functions
 * once those are clear) become `create` tasks, at most `maxItemsPerCycle` new findings per pass and
 * each finding once ever (its record survives the issue being closed).
 */
export async function scanIdle(deps: SourceSyncDeps): Promise<SourceSyncReport> {
  const { idle } = deps.settings;
  const findings = await scanIdleFindings({
    root: idle.root,
    titlePrefix: idle.titlePrefix,
    labels: idle.labels,
    // 0 = the heuristic is off (EXECUTION_IDLE_ENABLE_HEURISTIC_ANALYSIS=false).
    ...(idle.longFunctionLines > 0 ? { longFunctionLines: idle.longFunctionLines } : {}),
    heuristicsOnlyWhenTodoClear: idle.heuristicsOnlyWhenTodoClear,
  });
  let queued = 0;
  for (const finding of findings) {
    if (queued >= idle.maxItemsPerCycle) break;
    if (deps.items.get(finding.key) !== undefined) continue;
    if (deps.queue.enqueue(sourceTaskRequest({ action: 'create', item: finding }, deps.settings)).created) {
      queued += 1;
    }
  }
  return { fetched: findings.length, queued, closing: 0 };
}

async function linkInFile(deps: Pick<SourceSyncDeps, 'settings'>, item: SourceItem) {
  try {
    const text = await readFile(path.join(deps.settings.backlog.root, item.sourcePath), 'utf8');
    return issueLinkOf({ text, relPath: item.sourcePath }, item.key);
  } catch {
    return null;
  }
}
