import { badInput } from '@practice/common';
import DataLoader from 'dataloader';
import type { Category } from '../category/category.entity';
import type { ResourcesContext } from '../context';

/** The taxonomy's root of service domains: coverage asks about its children unless told otherwise. */
export const SERVICE_DOMAINS = 'SERVICE';
export const MAX_COVERAGE_CATEGORIES = 20;

/** The codes asked for, checked for their number; none means the service domains. */
export function coverageCodes(codes: readonly string[] | null | undefined, field = 'categoryCodes'): string[] {
  const asked = codes ?? [];
  if (asked.length > MAX_COVERAGE_CATEGORIES) throw badInput(field, `names at most ${MAX_COVERAGE_CATEGORIES} categories`, 'TOO_MANY_CATEGORIES');
  return [...new Set(asked)];
}

/**
 * The categories a coverage question is about, once per request for every site asking the same:
 * the codes asked for (each known, else UNKNOWN_CATEGORY at its index), or every term right below
 * SERVICE — the nine service domains and any a county added, which `forCounty` keeps apart.
 */
export function coverageCategories(ctx: ResourcesContext, codes: readonly string[], field = 'categoryCodes'): Promise<Category[]> {
  const loader = ctx.loaders.get(
    `coverageCategories:${field}`,
    () =>
      new DataLoader<string, Category[]>((keys) =>
        Promise.all(
          keys.map((key) => (key ? ctx.categories.byCodes(key.split(','), field) : ctx.categories.list(SERVICE_DOMAINS)).catch((error: Error) => error)),
        ),
      ),
  );
  return loader.load(codes.join(','));
}

/** The default domains valid in a county: the province's and the county's own, not another county's. */
export const forCounty = (categories: readonly Category[], regionCode: string | null | undefined): Category[] =>
  categories.filter((category) => category.regionCode === null || category.regionCode === regionCode?.slice(0, 6));

/** Whether a resource filed under `code` is in `category`: the category itself or a term below it (codes extend their parents'). */
export const isWithin = (code: string, category: Pick<Category, 'code'>): boolean => code === category.code || code.startsWith(`${category.code}.`);
