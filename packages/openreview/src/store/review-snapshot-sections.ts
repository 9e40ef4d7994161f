import type { SnapshotSection } from '@patchloop/core';
import { createTableSnapshotSection } from '@patchloop/core';
import { z } from 'zod';
import { ReviewMetadataColumn } from './tracked-pull-request.js';

const epochMs = z.number().int().nonnegative();
const text = z.string().nullable();
const keyList = z.array(z.string());

const TrackedIssueSnapshotRow = z.strictObject({
  number: z.number().int().positive(),
  processed_at: epochMs,
  created_at: text,
  updated_at: text,
  source: z.string(),
  last_processed_key: z.string(),
  processed_keys: keyList,
  activity_at: z.number().int().nullable(),
});

const TrackedPullRequestSnapshotRow = z.strictObject({
  number: z.number().int().positive(),
  created_at: text,
  updated_at: text,
  last_seen_head_sha: text,
  last_seen_ci_state: text,
  last_seen_at: epochMs.nullable(),
  head_sha_first_seen_at: epochMs.nullable(),
  last_processed_head_sha: text,
  last_processed_review_key: text,
  processed_review_keys: keyList,
  last_processed_updated_at: text,
  last_processed_at: epochMs.nullable(),
  last_processed_source: text,
  last_processed_review_metadata: ReviewMetadataColumn.nullable(),
  last_review_submission_cursor_at: text,
  last_review_scan_at: epochMs.nullable(),
  last_blocked_head_sha: text,
  last_blocked_at: epochMs.nullable(),
  last_blocked_reason: text,
  last_blocked_source: text,
  last_blocked_notified_head_sha: text,
  last_blocked_notified_reason: text,
  last_blocked_notified_at: epochMs.nullable(),
  unreachable_count: z.number().int().nonnegative(),
  unreachable_at: epochMs.nullable(),
  activity_at: z.number().int().nullable(),
});

/**
 * The `/state/snapshot` sections of openreview's own tables, so an export carries what was
 * answered and a restore never re-posts it. Pass them to the daemon runtime's snapshot.
 */
export function createReviewSnapshotSections(): readonly SnapshotSection[] {
  return [
    createTableSnapshotSection({
      name: 'review_tracked_issues',
      table: 'review_tracked_issues',
      rowSchema: TrackedIssueSnapshotRow,
      jsonColumns: ['processed_keys'],
      orderBy: 'number',
    }),
    createTableSnapshotSection({
      name: 'review_tracked_pull_requests',
      table: 'review_tracked_pull_requests',
      rowSchema: TrackedPullRequestSnapshotRow,
      jsonColumns: ['processed_review_keys', 'last_processed_review_metadata'],
      orderBy: 'number',
    }),
  ];
}
