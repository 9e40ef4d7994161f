import type { RouteContext } from './route-types.js';

/** One page of a list plus the `Link` header pointing at the fake's own absolute URLs. */
export interface Page<T> {
  readonly items: T[];
  readonly headers: Record<string, string>;
}

const defaultPerPage = 30;
const maxPerPage = 100;

/** Slices `items` by `per_page` (default 30, max 100) and `page`, GitHub style. */
export function paginate<T>(context: RouteContext, items: readonly T[]): Page<T> {
  const perPage = clamp(positiveInt(context.query['per_page']) ?? defaultPerPage, 1, maxPerPage);
  const page = positiveInt(context.query['page']) ?? 1;
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = linkHeader(context, page, lastPage);
  return { items: slice, headers: link === undefined ? {} : { link } };
}

function linkHeader(context: RouteContext, page: number, lastPage: number): string | undefined {
  if (lastPage <= 1) return undefined;
  const at = (target: number): string => {
    const params = new URLSearchParams(context.query);
    params.set('page', String(target));
    return `${context.baseUrl}${context.pathname}?${params.toString()}`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${at(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(lastPage)}>; rel="last"`);
  if (page > 1) links.push(`<${at(1)}>; rel="first"`);
  return links.join(', ');
}

function positiveInt(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= 1 ? value : undefined;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
