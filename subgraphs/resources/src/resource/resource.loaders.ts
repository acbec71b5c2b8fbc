import { groupLoader, rowLoader } from '@practice/common';
import type DataLoader from 'dataloader';
import type { ResourcesContext } from '../context';
import type { ResourceArea, ResourceChange, ResourceFacet } from './resource-profile.entities';
import type { Resource } from './resource.entity';

export const resourceById = (ctx: ResourcesContext): DataLoader<string, Resource | null> =>
  ctx.loaders.get('resourceById', () =>
    rowLoader(
      (ids) => ctx.resourceQueries.byIds(ids),
      (resource) => resource.id,
    ),
  );

export const resourceFacets = (ctx: ResourcesContext): DataLoader<string, ResourceFacet[]> =>
  ctx.loaders.get('resourceFacets', () =>
    groupLoader(
      (ids) => ctx.resourceQueries.facetsOf(ids),
      (facet) => facet.resourceId,
    ),
  );

export const resourceAreas = (ctx: ResourcesContext): DataLoader<string, ResourceArea[]> =>
  ctx.loaders.get('resourceAreas', () =>
    groupLoader(
      (ids) => ctx.resourceQueries.areasOf(ids),
      (area) => area.resourceId,
    ),
  );

export const resourceChanges = (ctx: ResourcesContext): DataLoader<string, ResourceChange[]> =>
  ctx.loaders.get('resourceChanges', () =>
    groupLoader(
      (ids) => ctx.resourceQueries.changesOf(ids),
      (change) => change.resourceId,
    ),
  );
