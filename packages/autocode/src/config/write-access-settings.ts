import type { ConfigSection } from '@patchloop/core';
import { booleanVar, secretVar, whenValid } from '@patchloop/core';
import { z } from 'zod';

/**
 * autocode's extra GitHub rule: live mode pushes branches and opens PRs, which needs
 * GITHUB_WRITE_TOKEN (the read token is never promoted to writes). Reads DRY_RUN and
 * GITHUB_WRITE_TOKEN again; the runtime and GitHub sections own them.
 */
export function writeAccessSettings(): ConfigSection<Record<string, never>> {
  return z
    .object({
      DRY_RUN: booleanVar({ default: true }),
      GITHUB_WRITE_TOKEN: secretVar({}),
    })
    .superRefine(
      (env, ctx) => {
        if (!env.DRY_RUN && env.GITHUB_WRITE_TOKEN === undefined) {
          const message =
            'required when DRY_RUN=false — set a token that can push branches and open pull requests, or keep DRY_RUN=true';
          ctx.addIssue({ code: 'custom', path: ['GITHUB_WRITE_TOKEN'], message });
        }
      },
      { when: whenValid(['DRY_RUN', 'GITHUB_WRITE_TOKEN']) },
    )
    .transform(() => ({}));
}
