import { CHINA_OFFSET_MS } from '@practice/common';
export { todayInChina } from '@practice/common';
import type { MenuItem, Menu } from '../menu/menu.entity';
import type { ResourceArea, ResourceChange, ResourceFacet } from '../resource/resource-profile.entities';
import type { Resource } from '../resource/resource.entity';
import type { ResourceMonthUsage } from '../usage/resource-usage.entity';

/** Rows as the entities name their properties; the seeder writes them as they are. */
export type ResourceRow = Resource;
export type FacetRow = Omit<ResourceFacet, 'resource'>;
export type AreaRow = Omit<ResourceArea, 'resource'>;
export type ChangeRow = Omit<ResourceChange, 'resource'>;
export type MenuRow = Omit<Menu, 'supersedes'>;
export type MenuItemRow = Omit<MenuItem, 'menu' | 'resource'>;
export type UsageRow = Omit<ResourceMonthUsage, 'resource'>;

/** Some publishers with every row that belongs to them: their resources, audits and menus. */
export interface CatalogueChunk {
  resources: ResourceRow[];
  facets: FacetRow[];
  areas: AreaRow[];
  changes: ChangeRow[];
  /** Editions a menu supersedes come before the menu that supersedes them. */
  menus: MenuRow[];
  items: MenuItemRow[];
  /** Orders per resource of last month and this month so far. */
  usage: UsageRow[];
}

export const emptyChunk = (): CatalogueChunk => ({ resources: [], facets: [], areas: [], changes: [], menus: [], items: [], usage: [] });

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
export const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** The instant of a minute of a day in China (UTC+8). */
export const chinaTime = (day: number, minute: number): Date => new Date(day * DAY_MS + minute * 60_000 - CHINA_OFFSET_MS);

/** A month as menus name it (YYYY-MM) with its first day. */
export interface Period {
  period: string;
  firstDay: number;
  year: number;
  month: number;
}

/** The month `offset` months from the month of `date`. */
export function periodOf(date: string, offset = 0): Period {
  const [year, month] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + offset;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const period = `${y}-${String(m).padStart(2, '0')}`;
  return { period, firstDay: dayNumber(`${period}-01`), year: y, month: m };
}
