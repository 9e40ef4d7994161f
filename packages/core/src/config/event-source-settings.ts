import { z } from 'zod';
import type { ConfigSection } from './config-schema.js';
import { whenValid } from './config-schema.js';
import { booleanVar, durationVar, enumVar, integerVar, secondsVar, secretVar } from './env-parsers.js';

/** Polling: the recovery path that never misses anything, on by default. */
export interface PollingSettings {
  readonly enabled: boolean;
  /** Pause between the end of one cycle and the start of the next. */
  readonly intervalMs: number;
  /** `per_page` of list calls (1-100). */
  readonly itemsPerPage: number;
  /** On a fresh state database, how far back the first poll looks; 0 = start from now. */
  readonly backfillMs: number;
}

/** The webhook: the fast path, off by default. Deliveries are verified, stored, answered 202. */
export interface WebhookSettings {
  readonly enabled: boolean;
}

/** How events reach a daemon. Unlike the original, polling and webhook can run together. */
export interface EventSourceSettings {
  readonly polling: PollingSettings;
  readonly webhook: WebhookSettings;
}

/** Per-daemon defaults of the event source section. */
export interface EventSourceDefaults {
  readonly pollIntervalSeconds: number;
}

const eventSources = ['polling', 'webhook', 'both'] as const;

type Resolution =
  | { readonly ok: true; readonly polling: boolean; readonly webhook: boolean }
  | { readonly ok: false; readonly problem: string };

/**
 * Resolves EVENT_SOURCE and ENABLE_WEBHOOK into what runs:
 * - `polling` → polling only; `webhook` → webhook only (no recovery path); `both` → both;
 * - unset → polling, plus the webhook when ENABLE_WEBHOOK=true (polling stays on to recover
 *   missed deliveries; the original switched polling off here).
 * Contradictions (EVENT_SOURCE=polling with ENABLE_WEBHOOK=true, or a webhook source with
 * ENABLE_WEBHOOK=false) are errors; the original silently overrode ENABLE_WEBHOOK.
 */
export function resolveEventSource(
  source: (typeof eventSources)[number] | undefined,
  enableWebhook: boolean | undefined,
): Resolution {
  if (source === undefined) return { ok: true, polling: true, webhook: enableWebhook === true };
  if (source === 'polling' && enableWebhook === true) {
    return {
      ok: false,
      problem:
        'true conflicts with EVENT_SOURCE=polling — set EVENT_SOURCE=both to run polling and the webhook, or remove ENABLE_WEBHOOK',
    };
  }
  if (source !== 'polling' && enableWebhook === false) {
    return {
      ok: false,
      problem: `false conflicts with EVENT_SOURCE=${source} — remove ENABLE_WEBHOOK or set EVENT_SOURCE=polling`,
    };
  }
  return { ok: true, polling: source !== 'webhook', webhook: source !== 'polling' };
}

/** EVENT_SOURCE, ENABLE_WEBHOOK, POLL_INTERVAL_SECONDS, POLL_ITEMS_PER_PAGE, POLL_BACKFILL_HOURS. */
export function eventSourceSettings(defaults: EventSourceDefaults): ConfigSection<EventSourceSettings> {
  return (
    z
      .object({
        EVENT_SOURCE: enumVar(eventSources, {}),
        ENABLE_WEBHOOK: booleanVar({}),
        POLL_INTERVAL_SECONDS: secondsVar({ min: 1, max: 86_400, default: defaults.pollIntervalSeconds }),
        POLL_ITEMS_PER_PAGE: integerVar({ min: 1, max: 100, default: 30 }),
        POLL_BACKFILL_HOURS: durationVar({ unit: 'hours', min: 0, max: 8_760, default: 0 }),
        // Read here too (the GitHub section owns it) to check it is set once the webhook is on.
        GITHUB_WEBHOOK_SECRET: secretVar({}),
      })
      .superRefine(
        (env, ctx) => {
          const resolution = resolveEventSource(env.EVENT_SOURCE, env.ENABLE_WEBHOOK);
          if (!resolution.ok) {
            ctx.addIssue({ code: 'custom', path: ['ENABLE_WEBHOOK'], message: resolution.problem });
          } else if (resolution.webhook && env.GITHUB_WEBHOOK_SECRET === undefined) {
            const message =
              'required when the webhook is enabled (EVENT_SOURCE=webhook|both or ENABLE_WEBHOOK=true) — set the secret configured in the GitHub webhook settings';
            ctx.addIssue({ code: 'custom', path: ['GITHUB_WEBHOOK_SECRET'], message });
          }
        },
        { when: whenValid(['EVENT_SOURCE', 'ENABLE_WEBHOOK', 'GITHUB_WEBHOOK_SECRET']) },
      )
      // Only reached when the refinement found no contradiction.
      .transform((env) => {
        const resolution = resolveEventSource(env.EVENT_SOURCE, env.ENABLE_WEBHOOK);
        const enabled = resolution.ok ? resolution : { polling: true, webhook: false };
        return {
          polling: {
            enabled: enabled.polling,
            intervalMs: env.POLL_INTERVAL_SECONDS,
            itemsPerPage: env.POLL_ITEMS_PER_PAGE,
            backfillMs: env.POLL_BACKFILL_HOURS,
          },
          webhook: { enabled: enabled.webhook },
        };
      })
  );
}
