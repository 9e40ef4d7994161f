import type { RouteDefinition } from '../server/route-types.js';
import { accountRoutes } from './account-routes.js';
import { checkRoutes } from './check-routes.js';
import { gitRoutes } from './git-routes.js';
import { issueCommentRoutes } from './issue-comment-routes.js';
import { issueRoutes } from './issue-routes.js';
import { labelRoutes } from './label-routes.js';
import { pullRoutes } from './pull-routes.js';
import { reviewRoutes } from './review-routes.js';
import { searchRoutes } from './search-routes.js';

/** Every operation the fake GitHub serves; each path is a template of GitHub's REST description. */
export const fakeGitHubRoutes: readonly RouteDefinition[] = [
  ...accountRoutes,
  ...issueRoutes,
  ...issueCommentRoutes,
  ...labelRoutes,
  ...pullRoutes,
  ...reviewRoutes,
  ...checkRoutes,
  ...gitRoutes,
  ...searchRoutes,
];
