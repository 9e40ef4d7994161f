import { toIsoSeconds } from '@patchloop/core';
import type { ModelState } from '../model/model-state.js';

/** A GitHub JSON object as served. */
export type JsonObject = Record<string, unknown>;

/** GitHub's legacy global node id: base64 of `0<len>:<Kind><id>`. */
export function nodeId(kind: string, id: number): string {
  return Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64');
}

/** An epoch-ms timestamp as GitHub prints it (UTC, seconds, `Z`). */
export function iso(ms: number): string {
  return toIsoSeconds(ms);
}

/** `iso` for optional timestamps. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : toIsoSeconds(ms);
}

/** API URL of the served repository, e.g. `<api>/repos/acme/widgets/issues/1`. */
export function repoApiUrl(state: ModelState, path = ''): string {
  return `${state.urls.api()}/repos/${state.owner}/${state.repo}${path}`;
}

/** Web URL of the served repository, e.g. `https://github.com/acme/widgets/pull/2`. */
export function repoWebUrl(state: ModelState, path = ''): string {
  return `${state.urls.web}/${state.owner}/${state.repo}${path}`;
}

/** How GitHub describes the author's relationship to the repository. */
export function authorAssociation(state: ModelState, login: string): string {
  if (login.toLowerCase() === state.owner.toLowerCase()) return 'OWNER';
  const permission = state.permissions.get(login.toLowerCase());
  if (permission === 'admin' || permission === 'maintain' || permission === 'write') return 'COLLABORATOR';
  return 'NONE';
}

/** A reactions rollup with no reactions, as GitHub attaches to issues and comments. */
export function emptyReactions(url: string): JsonObject {
  return {
    url: `${url}/reactions`,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}
