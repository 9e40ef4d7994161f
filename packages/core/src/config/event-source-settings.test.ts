import { describe, expect, it } from 'vitest';
import type { EnvRecord } from './config-schema.js';
import { eventSourceSettings, resolveEventSource } from './event-source-settings.js';

const section = eventSourceSettings({ pollIntervalSeconds: 60 });

function problemsOf(env: EnvRecord): string[] {
  const result = section.safeParse(env);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${String(issue.path.at(-1))}: ${issue.message}`);
}

describe('resolveEventSource', () => {
  it.each([
    [undefined, undefined, { polling: true, webhook: false }],
    [undefined, false, { polling: true, webhook: false }],
    [undefined, true, { polling: true, webhook: true }],
    ['polling', undefined, { polling: true, webhook: false }],
    ['polling', false, { polling: true, webhook: false }],
    ['webhook', undefined, { polling: false, webhook: true }],
    ['webhook', true, { polling: false, webhook: true }],
    ['both', undefined, { polling: true, webhook: true }],
    ['both', true, { polling: true, webhook: true }],
  ] as const)('runs EVENT_SOURCE=%s with ENABLE_WEBHOOK=%s as %o', (source, enableWebhook, expected) => {
    expect(resolveEventSource(source, enableWebhook)).toEqual({ ok: true, ...expected });
  });

  it.each([
    ['polling', true],
    ['webhook', false],
    ['both', false],
  ] as const)('treats EVENT_SOURCE=%s with ENABLE_WEBHOOK=%s as a contradiction', (source, enableWebhook) => {
    expect(resolveEventSource(source, enableWebhook)).toMatchObject({ ok: false });
  });
});

describe('eventSourceSettings', () => {
  it('polls every minute with webhooks off by default', () => {
    const settings = section.parse({});

    expect(settings).toEqual({
      polling: { enabled: true, intervalMs: 60_000, itemsPerPage: 30, backfillMs: 0 },
      webhook: { enabled: false },
    });
  });

  it('runs polling and the webhook together when ENABLE_WEBHOOK=true', () => {
    const settings = section.parse({
      ENABLE_WEBHOOK: 'true',
      GITHUB_WEBHOOK_SECRET: 'hook-secret',
      POLL_BACKFILL_HOURS: '24',
    });

    expect(settings).toEqual({
      polling: { enabled: true, intervalMs: 60_000, itemsPerPage: 30, backfillMs: 86_400_000 },
      webhook: { enabled: true },
    });
  });

  it.each([{ EVENT_SOURCE: 'webhook' }, { EVENT_SOURCE: 'both' }, { ENABLE_WEBHOOK: 'true' }])(
    'requires GITHUB_WEBHOOK_SECRET once the webhook is enabled by %o',
    (env) => {
      expect(problemsOf(env)).toEqual([
        'GITHUB_WEBHOOK_SECRET: required when the webhook is enabled (EVENT_SOURCE=webhook|both or ENABLE_WEBHOOK=true) — set the secret configured in the GitHub webhook settings',
      ]);
    },
  );

  it('reports a contradiction instead of silently overriding ENABLE_WEBHOOK', () => {
    expect(problemsOf({ EVENT_SOURCE: 'polling', ENABLE_WEBHOOK: 'true' })).toEqual([
      'ENABLE_WEBHOOK: true conflicts with EVENT_SOURCE=polling — set EVENT_SOURCE=both to run polling and the webhook, or remove ENABLE_WEBHOOK',
    ]);
  });

  it('reports a bad key and the missing secret together', () => {
    expect(problemsOf({ EVENT_SOURCE: 'webhook', POLL_ITEMS_PER_PAGE: '500' })).toEqual([
      'POLL_ITEMS_PER_PAGE: expected a whole number from 1 to 100, got "500"',
      expect.stringMatching(/^GITHUB_WEBHOOK_SECRET: required when the webhook is enabled/),
    ]);
  });

  it('rejects an unknown EVENT_SOURCE', () => {
    expect(problemsOf({ EVENT_SOURCE: 'push' })).toEqual([
      'EVENT_SOURCE: expected one of polling, webhook, both, got "push"',
    ]);
  });
});
