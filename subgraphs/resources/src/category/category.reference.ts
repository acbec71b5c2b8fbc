import type { ResourcesContext } from '../context';
import type { Category } from './category.entity';
import { categoryById, categoryByCode } from './category.loaders';

/** The keys other subgraphs refer to a category by: its id, or its stable code. */
export type CategoryKey = { id: string; code?: never } | { code: string; id?: never };

/**
 * A category another subgraph refers to, by id or by code: each kind of key goes through its own
 * loader, so a request costs at most one statement per kind whatever the number of references.
 */
export function resolveCategoryReference(reference: CategoryKey, ctx: ResourcesContext): Promise<Category | null> {
  if (typeof reference.id === 'string') return categoryById(ctx).load(reference.id);
  if (typeof reference.code === 'string') return categoryByCode(ctx).load(reference.code);
  return Promise.resolve(null);
}
