// Public surface of @patchloop/openreview. Named exports only.

export type {
  OpenReviewConfig,
  OpenReviewPollingSettings,
  ReviewSettings,
  TrackedPullRequestBudget,
} from './config.js';
export { createOpenReviewConfigSchema, loadOpenReviewConfig, openReviewDefaults } from './config.js';

export type { OpenReviewDependencies } from './dependencies.js';
export { createOpenReviewDependencies } from './dependencies.js';
export { buildOpenReviewServer } from './server.js';
export type { RunningOpenReview } from './start.js';
export { startOpenReview } from './start.js';
