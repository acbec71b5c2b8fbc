import { LoaderRegistry, badInput, checkPageSize } from '@practice/common';
import DataLoader from 'dataloader';
import type { ResourcesContext } from '../context';
import type { LiveItemRow, MenuQueries } from '../menu/menu.queries';
import { SiteCoverage } from '../resource/resource-coverage';
import type { Resource } from '../resource/resource.entity';
import { ResourceStatus } from '../resource/resource.enums';
import { resourceById } from '../resource/resource.loaders';
import { thisMonth } from '../shared/period';
import type { TicketReference } from '../ticket/ticket.reference';
import { usageKey, type UsageQueries } from '../usage/usage.queries';
import { capacityLeft, hasRoom } from '../usage/usage.rules';
import type { CandidateRow, SuggestionQueries } from './suggestion.queries';
import { Candidate, CategoryMatch, Proximity, RankedCandidate, betterMatch, categoryMatch, rank } from './suggestion.ranking';
import { ResourceSuggestion } from './suggestion.types';

export const DEFAULT_SUGGESTIONS = 10;
export const MAX_SUGGESTIONS = 50;

/** A ticket as the suggestions read it: its category, where it is served and the month it wants. */
interface TicketAsk {
  categoryCode: string | null;
  site: SiteCoverage;
  period: string;
}

/** A ticket's ranked candidates, before `first` is applied, with the month their room was counted in. */
interface TicketSuggestions {
  period: string;
  ranked: RankedCandidate[];
}

/** Per resource of a ticket: whether any of its areas reaches the site, and its best category. */
interface Reach {
  row: CandidateRow;
  reaches: boolean;
  category: CategoryMatch | null;
}

const published = (resource: Resource | null | Error): resource is Resource =>
  resource !== null && !(resource instanceof Error) && resource.status === ResourceStatus.PUBLISHED;

/**
 * Which published resources could serve a ticket. A resource qualifies when its service area
 * covers the serving site by the rule of `Site.menu` (its publisher being the site, a site above it
 * or a sector sub-center), one of its categories is the ticket's, a term below it or a term above
 * it, and its month has room: its capacity, and on a menu of the month its quota there, above the
 * orders of the month. Every ticket of a request is worked out together, in a constant number of
 * statements: the candidates, their menu listings and their orders.
 */
export class SuggestionService {
  constructor(
    private readonly queries: SuggestionQueries,
    private readonly menus: MenuQueries,
    private readonly usage: UsageQueries,
  ) {}

  async suggest(ctx: ResourcesContext, ticket: TicketReference, first?: number | null): Promise<ResourceSuggestion[]> {
    const size = checkPageSize(first ?? DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS);
    const { period, ranked } = await this.forTickets(ctx.loaders).load(ticket);
    const top = ranked.slice(0, size);
    const resources = await resourceById(ctx).loadMany(top.map((candidate) => candidate.resourceId));
    // A resource withdrawn since the candidates were read is left out.
    return top.flatMap((candidate, index) => {
      const resource = resources[index];
      return published(resource) ? [toSuggestion(candidate, resource, period)] : [];
    });
  }

  private forTickets(loaders: LoaderRegistry): DataLoader<TicketReference, TicketSuggestions, string> {
    return loaders.get(
      'ticketSuggestions',
      () => new DataLoader((tickets: readonly TicketReference[]) => this.load(loaders, tickets), { cacheKeyFn: ticketKey, maxBatchSize: 500 }),
    );
  }

  private async load(loaders: LoaderRegistry, tickets: readonly TicketReference[]): Promise<(TicketSuggestions | Error)[]> {
    const asks = tickets.map(askOrError);
    const valid = asks.filter((ask): ask is TicketAsk & { categoryCode: string } => !(ask instanceof Error) && ask.categoryCode !== null);
    const rows = await this.queries.candidates(
      valid.map((ask) => ask.site),
      [...new Set(valid.map((ask) => ask.categoryCode))],
    );
    const reaches = new Map<TicketAsk, Reach[]>(valid.map((ask) => [ask, reachOf(ask.categoryCode, ask.site, rows)]));
    const keys = [...new Set(valid.flatMap((ask) => reaches.get(ask)!.map((reach) => usageKey(reach.row.resourceId, ask.period))))];
    const [listings, orders] = await Promise.all([
      this.menus.liveItemsOf([...new Set(keys.map((key) => key.split('/')[0]))], [...new Set(valid.map((ask) => ask.period))]),
      this.usage.orders(loaders).loadMany(keys),
    ]);
    const ordersOf = new Map(keys.map((key, index) => [key, orders[index]]));
    const listingOf = new Map(listings.map((item) => [usageKey(item.resourceId, item.period), item]));
    return asks.map((ask) =>
      ask instanceof Error
        ? ask
        : { period: ask.period, ranked: rank((reaches.get(ask) ?? []).flatMap((reach) => candidateOf(ask, reach, listingOf, ordersOf))) },
    );
  }
}

/** Reads the representation: missing required fields or a bad desiredFrom fail this ticket's field only. */
function askOrError(ticket: TicketReference): TicketAsk | Error {
  try {
    return ticketAsk(ticket);
  } catch (error) {
    return error as Error;
  }
}

function ticketAsk(ticket: TicketReference): TicketAsk {
  if (!ticket.servingSiteId) throw badInput('servingSiteId', 'The ticket must come with the fields suggestedResources requires', 'REQUIRED_FIELD_MISSING');
  let period = thisMonth();
  if (ticket.desiredFrom) {
    const desired = new Date(ticket.desiredFrom);
    if (Number.isNaN(desired.getTime())) throw badInput('desiredFrom', 'must be an ISO 8601 time', 'INVALID_DATE');
    period = thisMonth(desired);
  }
  const site = new SiteCoverage({
    id: ticket.servingSiteId,
    ancestorIds: ticket.servingSiteAncestorIds ?? [],
    regionCode: ticket.servingSiteRegionCode ?? null,
  });
  return { categoryCode: ticket.categoryCode ?? null, site, period };
}

const ticketKey = (ticket: TicketReference): string =>
  JSON.stringify([ticket.id, ticket.categoryCode, ticket.servingSiteId, ticket.servingSiteRegionCode, ticket.servingSiteAncestorIds, ticket.desiredFrom]);

/** The rows are one per area and category of each resource: a resource reaches the site through any area and fits by its best category. */
function reachOf(categoryCode: string, site: SiteCoverage, rows: CandidateRow[]): Reach[] {
  const byResource = new Map<string, Reach>();
  for (const row of rows) {
    const reach = byResource.get(row.resourceId) ?? { row, reaches: false, category: null };
    reach.reaches ||= site.reaches(row);
    reach.category = betterMatch(reach.category, categoryMatch(categoryCode, row.categoryCode));
    byResource.set(row.resourceId, reach);
  }
  return [...byResource.values()].filter((reach) => reach.reaches && reach.category);
}

/**
 * A menu's items are its publisher's own resources, so a listing of a resource that reaches the
 * site is on a menu that reaches it: the same conclusion as `Site.menu`, without its statement per month.
 */
function candidateOf(ask: TicketAsk, reach: Reach, listingOf: Map<string, LiveItemRow>, ordersOf: Map<string, number | Error>): Candidate[] {
  const { resourceId, publisherId, capacityPerMonth } = reach.row;
  const key = usageKey(resourceId, ask.period);
  const listing = listingOf.get(key);
  const onMenu = listing !== undefined && listing.publisherId === publisherId;
  const orders = ordersOf.get(key) ?? 0;
  // Without its orders a resource's room is unknown: fail rather than suggest a full one.
  if (orders instanceof Error) throw orders;
  const left = capacityLeft(capacityPerMonth, orders, onMenu ? listing.quota : null);
  if (!hasRoom(left)) return [];
  const distance = ask.site.distanceOf(publisherId);
  // Only the site, the sites above it and sector sub-centers reach it (SiteCoverage.fromAbove).
  const proximity = distance === 0 ? Proximity.OWN_SITE : distance < ask.site.chain.length ? Proximity.ABOVE : Proximity.SECTOR_SUBCENTER;
  return [{ resourceId, distance, proximity, category: reach.category!, onMenu, quota: onMenu ? listing.quota : null, orders, capacityLeft: left }];
}

function toSuggestion(candidate: RankedCandidate, resource: Resource, period: string): ResourceSuggestion {
  return Object.assign(new ResourceSuggestion(), {
    resource,
    score: candidate.score,
    reasons: candidate.reasons,
    publisherDistance: candidate.distance,
    categoryFit: candidate.category.fit,
    matchedCategoryCode: candidate.category.code,
    period,
    onMenu: candidate.onMenu,
    quota: candidate.quota,
    ordersThisMonth: candidate.orders,
    capacityLeft: candidate.capacityLeft,
  });
}
