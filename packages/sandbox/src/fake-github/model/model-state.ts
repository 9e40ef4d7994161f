import type { Clock } from '@patchloop/core';
import type { BareRepositoryReader } from './bare-repository.js';
import type {
  AccountType,
  CheckRunRecord,
  CommitStatusRecord,
  IssueCommentRecord,
  IssueEventRecord,
  IssueRecord,
  LabelRecord,
  Permission,
  ReviewCommentRecord,
  ReviewRecord,
  UserRecord,
} from './model-records.js';

/** Where the fake lives: builds the `url`/`html_url` fields of every shape. */
export interface ModelUrls {
  /** The fake's own base URL, e.g. `http://127.0.0.1:4123` (no trailing slash). */
  readonly api: () => string;
  readonly web: string;
}

/** Everything the fake GitHub stores, plus id/number sequences. */
export interface ModelState {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  readonly repositoryId: number;
  readonly createdAt: number;
  readonly clock: Clock;
  readonly urls: ModelUrls;
  readonly git: BareRepositoryReader | undefined;
  readonly users: Map<string, UserRecord>;
  readonly permissions: Map<string, Permission>;
  readonly labels: Map<string, LabelRecord>;
  readonly issues: Map<number, IssueRecord>;
  readonly issueComments: IssueCommentRecord[];
  readonly reviews: ReviewRecord[];
  readonly reviewComments: ReviewCommentRecord[];
  readonly checkRuns: CheckRunRecord[];
  readonly statuses: CommitStatusRecord[];
  readonly issueEvents: IssueEventRecord[];
  /** Branch heads used only when no bare repository backs the fake. */
  readonly branches: Map<string, string>;
  nextId(): number;
  nextNumber(): number;
  now(): number;
  /** The user record for `login`, created as a plain User on first mention. */
  ensureUser(login: string, type?: AccountType): UserRecord;
}

/** Options for {@link createModelState}. */
export interface ModelStateOptions {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  readonly clock: Clock;
  readonly urls: ModelUrls;
  readonly git: BareRepositoryReader | undefined;
}

/** Creates empty state; the repository owner exists and is an admin, as on GitHub. */
export function createModelState(options: ModelStateOptions): ModelState {
  let lastId = 1000;
  let lastNumber = 0;
  const users = new Map<string, UserRecord>();
  const ensureUser = (login: string, type?: AccountType): UserRecord => {
    const key = login.toLowerCase();
    const existing = users.get(key);
    if (existing !== undefined) {
      if (type !== undefined) existing.type = type;
      return existing;
    }
    lastId += 1;
    const user: UserRecord = { login, id: lastId, type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User') };
    users.set(key, user);
    return user;
  };
  const state: ModelState = {
    ...options,
    repositoryId: 700_000 + lastId,
    createdAt: options.clock.now(),
    users,
    permissions: new Map([[options.owner.toLowerCase(), 'admin']]),
    labels: new Map(),
    issues: new Map(),
    issueComments: [],
    reviews: [],
    reviewComments: [],
    checkRuns: [],
    statuses: [],
    issueEvents: [],
    branches: new Map(),
    nextId: () => {
      lastId += 1;
      return lastId;
    },
    nextNumber: () => {
      lastNumber += 1;
      return lastNumber;
    },
    now: () => options.clock.now(),
    ensureUser,
  };
  ensureUser(options.owner);
  return state;
}
