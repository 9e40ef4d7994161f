import type { Issue, TaskHandler, TaskOutcome } from '@patchloop/core';
import { ensureIssueComment, renderMarker } from '@patchloop/core';
import { SourceTaskPayload } from '../tasks/autocode-tasks.js';
import { draftIssue } from './draft-issue.js';
import type { SourceSyncDeps } from './source-deps.js';
import type { SourceItem } from './source-item.js';
import { readBacklog } from './source-sync.js';
import { writeIssueLink } from './write-issue-link.js';

/**
 * The `source_issue_create` handler (spec autocode-service §7.3 drain, autocode-adapters §6.3):
 * `create` re-reads a backlog item (a deleted or ticked item is skipped), drafts the issue, adopts
 * an issue that already carries the item's marker (a crash after creating never creates twice),
 * defers while the open-issue cap is reached, creates the issue and writes its link back under the
 * item. `close` closes the issue of an item that was ticked, with a comment saying why.
 */
export function createSourceTask(deps: SourceSyncDeps): TaskHandler {
  return async (task) => {
    const payload = SourceTaskPayload.parse(task.payload);
    const done = (summary: string): TaskOutcome => ({
      kind: 'done',
      result: { summary, item: payload.item.key },
    });
    if (payload.action === 'close') return done(await closeTickedItem(deps, payload.item));

    const record = deps.items.get(payload.item.key);
    if (record !== undefined && !(record.status === 'dry_run' && !deps.settings.dryRun))
      return done('skipped_existing');
    const item =
      payload.item.source === 'backlog' ? await currentBacklogItem(deps, payload.item.key) : payload.item;
    if (item === undefined) return done('skipped_missing_source');
    if (item.checked) return done('skipped_checked');

    const draft = draftIssue(item);
    const remember = (
      status: 'created' | 'skipped' | 'dry_run',
      issue?: Pick<Issue, 'number' | 'htmlUrl'>,
      reason?: string,
    ) =>
      deps.items.upsert({
        itemKey: item.key,
        source: item.source,
        sourcePath: item.sourcePath,
        lineNumber: item.lineNumber,
        title: item.title,
        issueTitle: draft.title,
        issueNumber: issue?.number ?? null,
        issueUrl: issue?.htmlUrl ?? null,
        status,
        reason: reason ?? draft.reason,
      });
    if (draft.action === 'skip') {
      remember('skipped');
      return done('skipped_non_actionable');
    }

    const marker = renderMarker({ service: 'autocode', kind: 'source-item', key: item.key });
    const known = await deps.reader.listIssues({
      state: 'all',
      labels: ['autocode'],
      perPage: 100,
      maxPages: 10,
    });
    const existing = known.find((issue) => !issue.isPullRequest && issue.body.includes(marker));
    if (existing !== undefined) {
      remember('created', existing, 'adopted the issue that already carries this item');
      await linkBack(deps, item, existing);
      return done(`existing_issue:${existing.number}`);
    }
    const cap = deps.settings.maxOpenIssues;
    const openCount = known.filter((issue) => !issue.isPullRequest && issue.state === 'open').length;
    if (cap > 0 && openCount >= cap) {
      return {
        kind: 'defer',
        reason: `${openCount} open autocode issues reach the cap of ${cap} (EXECUTION_MAX_OPEN_AUTOCODE_ISSUES)`,
        until: deps.clock.now() + deps.settings.capDeferMs,
      };
    }
    const created = await deps.writer.createIssue({
      title: draft.title,
      body: draft.body,
      labels: draft.labels,
    });
    if (created.dryRun === true) {
      remember('dry_run');
      return done('dry_run');
    }
    remember('created', created);
    await linkBack(deps, item, created);
    deps.eventLog.append({
      category: 'source_task_queue',
      level: 'info',
      message: `Opened issue #${created.number} for ${item.source} item "${item.title}"`,
      data: { source: item.source, issue: created.number, item: item.key },
    });
    return done(`issue:${created.number}`);
  };
}

async function currentBacklogItem(deps: SourceSyncDeps, key: string): Promise<SourceItem | undefined> {
  return (await readBacklog(deps)).find((candidate) => candidate.key === key);
}

/** Writes `issue: [#n](url)` under a backlog item; other sources have no file to annotate. */
async function linkBack(deps: SourceSyncDeps, item: SourceItem, issue: Pick<Issue, 'number' | 'htmlUrl'>) {
  if (item.source !== 'backlog') return;
  const outcome = await writeIssueLink({
    root: deps.settings.backlog.root,
    relPath: item.sourcePath,
    key: item.key,
    link: { number: issue.number, url: issue.htmlUrl },
  });
  if (outcome !== 'written' && outcome !== 'unchanged') {
    deps.logger.warn({ item: item.key, outcome }, 'Could not write the issue link into the backlog file');
  }
}

/** Closes the issue of a ticked item (once), with a marked comment saying it was ticked. */
async function closeTickedItem(deps: SourceSyncDeps, item: SourceTaskPayload['item']): Promise<string> {
  const record = deps.items.get(item.key);
  if (record?.issueNumber == null) return 'skipped_unlinked';
  const issue = await deps.reader.getIssue(record.issueNumber);
  if (issue.state === 'open') {
    await ensureIssueComment({
      reader: deps.reader,
      writer: deps.writer,
      issueNumber: issue.number,
      marker: renderMarker({ service: 'autocode', kind: 'source-item-ticked', key: item.key }),
      body: `The item \`${item.title.replace(/`/g, "'")}\` was ticked in \`${item.sourcePath}\`, so PatchLoop closes this issue.`,
    });
    await deps.writer.updateIssue({ issueNumber: issue.number, state: 'closed' });
  }
  deps.items.setStatus(item.key, 'closed_by_tick');
  return `closed_issue:${issue.number}`;
}
