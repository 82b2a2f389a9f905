import { z } from "zod";
import { type Link, link, linkOf } from "./links.js";

export const DEFAULT_LIMIT = 20;
/** Larger pages are served at this size (and say so in pagination.limit) rather than refused. */
export const MAX_LIMIT = 100;

export const pagination = z.object({ total: z.number().int(), offset: z.number().int(), limit: z.number().int() });
export type Pagination = z.infer<typeof pagination>;

/** ?limit= (default 20) and ?offset= (default 0) of every list. */
export const pagingQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_LIMIT)
    .transform((n) => Math.min(n, MAX_LIMIT)),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type Paging = z.infer<typeof pagingQuery>;

/** One page of a whole list, with its pagination object. */
export function pageOf<T>(items: readonly T[], paging: Paging): { items: T[]; pagination: Pagination } {
  return {
    items: items.slice(paging.offset, paging.offset + paging.limit),
    pagination: { total: items.length, offset: paging.offset, limit: paging.limit },
  };
}

/** The offset of the last page: 6 items by 1 → 5; none → 0. */
export function lastOffsetOf(p: Pagination): number {
  return p.total === 0 ? 0 : Math.floor((p.total - 1) / p.limit) * p.limit;
}

/** first and last always; next and prev only where such a page exists. Other parameters of `url` are kept. */
export function pageLinksOf(url: URL, p: Pagination): Link[] {
  const at = (offset: number) => {
    const target = new URL(url);
    target.searchParams.set("limit", String(p.limit));
    target.searchParams.set("offset", String(offset));
    return target.toString();
  };
  const links = [linkOf(at(0), "first", "First"), linkOf(at(lastOffsetOf(p)), "last", "Last")];
  if (p.offset + p.limit < p.total) links.push(linkOf(at(p.offset + p.limit), "next", "Next"));
  if (p.offset > 0) links.push(linkOf(at(Math.max(0, p.offset - p.limit)), "prev", "Previous"));
  return links;
}

/** The envelope of every list: the links (self, then paging), the pagination object, and the items. */
export function listBodyOf<T>(url: URL, items: T[], p: Pagination, extraLinks: Link[] = []) {
  return { links: [linkOf(url.toString(), "self", "Self"), ...extraLinks, ...pageLinksOf(url, p)], pagination: p, data: items };
}

export const listBody = <T extends z.ZodType>(item: T) =>
  z.object({ links: z.array(link), pagination, data: z.array(item) });
