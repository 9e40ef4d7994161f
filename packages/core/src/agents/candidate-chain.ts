/**
 * One backend's models as configured. Structurally the relevant part of config's `CliProfile`,
 * so `buildCandidateChain(settings.primary, settings.fallbacks)` works directly.
 */
export interface BackendProfile {
  readonly backend: string;
  /** The first model; undefined means the CLI's default model. */
  readonly model: string | undefined;
  /** Models tried next with the same backend, in order. */
  readonly fallbackModels: readonly string[];
}

/** One (backend, model) pair to try. */
export interface ChainEntry {
  readonly backend: string;
  readonly model: string | undefined;
}

/**
 * The failover order of the original (spec §1.7): the primary backend with its primary model, then
 * its fallback models, then each fallback backend with its models in order. Duplicate
 * (backend, model) pairs are dropped, so a repeated name never causes a pointless identical retry.
 */
export function buildCandidateChain(
  primary: BackendProfile,
  fallbacks: readonly BackendProfile[] = [],
): readonly ChainEntry[] {
  const chain: ChainEntry[] = [];
  const seen = new Set<string>();
  for (const profile of [primary, ...fallbacks]) {
    const backend = profile.backend.trim().toLowerCase();
    const models = [profile.model ?? '', ...profile.fallbackModels].map((m) => m.trim());
    // A blank first model is the CLI default; blank fallback names are dropped.
    const entries = [models[0] === '' ? undefined : models[0], ...models.slice(1).filter((m) => m !== '')];
    for (const model of entries) {
      const key = `${backend}\u0000${model ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      chain.push({ backend, model });
    }
  }
  return chain;
}
