/** A compiled OpenAPI path template such as `/repos/{owner}/{repo}/issues/{issue_number}`. */
export interface PathTemplate {
  readonly template: string;
  /** The decoded path parameters when `pathname` fits the template, else undefined. */
  match(pathname: string): Record<string, string> | undefined;
  /** One flag per segment (true = literal); literal segments win over parameters. */
  readonly literals: readonly boolean[];
}

/** Compiles a template; every `{name}` segment matches exactly one path segment. */
export function compilePathTemplate(template: string): PathTemplate {
  const segments = template.split('/');
  const literals = segments.map((segment) => !/^\{[^}]+\}$/.test(segment));
  return {
    template,
    literals,
    match: (pathname) => {
      const parts = pathname.split('/');
      if (parts.length !== segments.length) return undefined;
      const params: Record<string, string> = {};
      for (const [index, segment] of segments.entries()) {
        const part = parts[index] ?? '';
        if (literals[index]) {
          if (part !== segment) return undefined;
          continue;
        }
        const decoded = safeDecode(part);
        if (decoded === undefined || decoded === '') return undefined;
        params[segment.slice(1, -1)] = decoded;
      }
      return params;
    },
  };
}

/**
 * Picks the most specific template matching `pathname`, comparing segment by segment so
 * `/issues/comments` beats `/issues/{issue_number}` as it does on GitHub.
 */
export function findBestTemplate<T extends { readonly path: PathTemplate }>(
  candidates: readonly T[],
  pathname: string,
): { readonly candidate: T; readonly params: Record<string, string> } | undefined {
  let best: { candidate: T; params: Record<string, string> } | undefined;
  for (const candidate of candidates) {
    const params = candidate.path.match(pathname);
    if (params === undefined) continue;
    if (best === undefined || isMoreSpecific(candidate.path, best.candidate.path))
      best = { candidate, params };
  }
  return best;
}

function isMoreSpecific(a: PathTemplate, b: PathTemplate): boolean {
  for (const [index, literal] of a.literals.entries()) {
    const other = b.literals[index] ?? false;
    if (literal !== other) return literal;
  }
  return false;
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
