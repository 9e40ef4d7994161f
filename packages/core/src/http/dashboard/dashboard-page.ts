import type { QueueSummary } from '../../queue/task-queue.js';
import type { EventLogEntry } from '../../store/event-log-repository.js';
import type { Task } from '../../store/task.js';
import { taskStatuses } from '../../store/task.js';
import { toIsoSeconds } from '../../time/clock.js';
import { dashboardScript, dashboardStyles } from './dashboard-assets.js';
import { describeOutcome, escapeHtml, formatDuration, truncate } from './dashboard-format.js';

/** GitHub's rate-limit budget as last seen by the daemon's client. */
export interface RateLimitBudget {
  readonly remaining: number;
  readonly limit: number;
  readonly resetAt: string;
}

/** Everything one render of the dashboard shows, read fresh for each request. Times are epoch ms. */
export interface DashboardData {
  readonly service: string;
  readonly version: string;
  readonly now: number;
  readonly startedAt: number;
  readonly summary: QueueSummary;
  readonly running: readonly Task[];
  /** Newest first; the page shows at most 20. */
  readonly recent: readonly Task[];
  readonly deadLetters: readonly Task[];
  /** Per poller, as `StandardMetrics.pollStatus` reports it; unknown fields are ignored. */
  readonly polls: Readonly<Record<string, unknown>>;
  /** Null when the daemon has no reading (yet). */
  readonly rateLimit: RateLimitBudget | null;
  /** Newest first; the page shows at most 20. */
  readonly events: readonly EventLogEntry[];
  /** CSP nonce for the inline script; omitted, the script tag carries none. */
  readonly scriptNonce?: string | undefined;
}

const RECENT_LIMIT = 20;
const EVENT_MESSAGE_LENGTH = 300;

/** Renders the whole dashboard as one self-contained HTML page (inline CSS and JS, no external assets). */
export function renderDashboard(data: DashboardData): string {
  const title = `${data.service} ${data.version}`;
  const nonce = data.scriptNonce === undefined ? '' : ` nonce="${escapeHtml(data.scriptNonce)}"`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="10">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · PatchLoop</title>
<style>${dashboardStyles}</style>
</head>
<body>
<header>
<h1>${escapeHtml(data.service)} <span class="meta">${escapeHtml(data.version)}</span></h1>
<p class="meta">Up ${formatDuration(data.now - data.startedAt)} (since ${toIsoSeconds(data.startedAt)}) · rendered ${toIsoSeconds(data.now)} · refreshes every 10 s</p>
<p id="dashboard-message" role="status"></p>
<form id="admin-token-form" hidden>
<label>ADMIN_TOKEN <input id="admin-token" type="password" autocomplete="off"></label>
<button type="submit">Save token</button>
</form>
</header>
${section('queues', 'Queues', queuesTable(data.summary))}
${section('running', 'Running tasks', runningTable(data.running, data.now))}
${section('dead-letters', 'Dead letters', deadLetterTable(data.deadLetters))}
${section('recent', 'Recent tasks', recentTable(data.recent.slice(0, RECENT_LIMIT)))}
${section('polls', 'Polls and GitHub budget', `${pollsTable(data.polls)}${rateLimitLine(data.rateLimit)}`)}
${section('events', 'Recent events', eventsTable(data.events.slice(0, RECENT_LIMIT)))}
<script${nonce}>${dashboardScript}</script>
</body>
</html>
`;
}

function section(id: string, heading: string, body: string): string {
  return `<section id="${id}">\n<h2>${heading}</h2>\n${body}\n</section>`;
}

// `rows` are already-escaped HTML; `headings` are literals of this file.
function table(headings: readonly string[], rows: readonly string[], emptyText: string): string {
  if (rows.length === 0) return `<p class="empty">${emptyText}</p>`;
  const head = headings.map((heading) => `<th>${heading}</th>`).join('');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

// `taskId` tags the row so a reader (or a test) can find one task's row.
function cells(values: readonly string[], taskId?: number): string {
  const tag = taskId === undefined ? '' : ` data-task-id="${taskId}"`;
  return `<tr${tag}>${values.map((value) => `<td>${value}</td>`).join('')}</tr>`;
}

function queuesTable(summary: QueueSummary): string {
  const headings = ['Queue', ...taskStatuses];
  const row = (name: string, counts: QueueSummary['total']): string =>
    `<tr><td>${name}</td>${taskStatuses.map((status) => `<td class="num">${counts[status]}</td>`).join('')}</tr>`;
  const rows = [
    row('<strong>all</strong>', summary.total),
    ...Object.entries(summary.byType)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, counts]) => row(escapeHtml(type), counts)),
  ];
  return table(headings, rows, '');
}

function taskLabel(task: Task): string {
  const target = task.targetKey === null ? '' : ` <span class="meta">${escapeHtml(task.targetKey)}</span>`;
  return `#${task.id} ${escapeHtml(task.type)}${target}`;
}

function statusCell(task: Task): string {
  return `<span class="status-${task.status}">${task.status}</span>`;
}

function runningTable(tasks: readonly Task[], now: number): string {
  const rows = tasks.map((task) => {
    const startedAt = task.lastStartedAt ?? task.updatedAt;
    return cells(
      [
        taskLabel(task),
        formatDuration(now - startedAt),
        `${task.attemptCount}/${task.maxAttempts}`,
        escapeHtml(task.leaseOwner ?? ''),
      ],
      task.id,
    );
  });
  return table(['Task', 'Age', 'Attempt', 'Worker'], rows, 'No task is running.');
}

function deadLetterTable(tasks: readonly Task[]): string {
  const rows = tasks.map((task) =>
    cells(
      [
        taskLabel(task),
        `<span class="error">${escapeHtml(truncate(task.lastError ?? 'no error recorded', 500))}</span>`,
        task.lastFinishedAt === null ? '' : toIsoSeconds(task.lastFinishedAt),
        `<button type="button" data-retry-task="${task.id}">Retry</button>`,
      ],
      task.id,
    ),
  );
  return table(['Task', 'Last error', 'Failed at', ''], rows, 'No dead letters.');
}

function recentTable(tasks: readonly Task[]): string {
  const rows = tasks.map((task) =>
    cells(
      [taskLabel(task), statusCell(task), toIsoSeconds(task.updatedAt), escapeHtml(describeOutcome(task))],
      task.id,
    ),
  );
  return table(['Task', 'Status', 'Updated', 'Outcome'], rows, 'No tasks yet.');
}

function pollsTable(polls: Readonly<Record<string, unknown>>): string {
  const rows = Object.entries(polls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, status]) =>
      cells([
        escapeHtml(name),
        escapeHtml(field(status, 'lastCycleAt') ?? 'never'),
        escapeHtml(field(status, 'lastResult') ?? ''),
        escapeHtml(field(status, 'lastSuccessAt') ?? 'never'),
        escapeHtml(field(status, 'failures') ?? '0'),
      ]),
    );
  return table(['Poller', 'Last cycle', 'Result', 'Last success', 'Failures'], rows, 'No poll cycle yet.');
}

// Poll status is JSON-safe but loosely typed at this boundary; show only scalar fields.
function field(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry: unknown = (value as Readonly<Record<string, unknown>>)[name];
  return typeof entry === 'string' || typeof entry === 'number' ? String(entry) : undefined;
}

function rateLimitLine(budget: RateLimitBudget | null): string {
  const text =
    budget === null
      ? 'unknown'
      : `${budget.remaining} of ${budget.limit} requests left, resets ${escapeHtml(budget.resetAt)}`;
  return `<p id="rate-limit">GitHub rate limit: ${text}</p>`;
}

function eventsTable(events: readonly EventLogEntry[]): string {
  const rows = events.map((event) =>
    cells([
      toIsoSeconds(event.at),
      `<span class="level-${event.level}">${event.level}</span>`,
      escapeHtml(event.category),
      escapeHtml(truncate(event.message, EVENT_MESSAGE_LENGTH)),
    ]),
  );
  return table(['Time', 'Level', 'Category', 'Message'], rows, 'No events yet.');
}
