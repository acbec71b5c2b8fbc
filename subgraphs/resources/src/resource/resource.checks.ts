import { Caller, FieldProblem, SiteDirectory, SiteFacts, badInput, findSites, invalidFields } from '@practice/common';
import type { CategoryService } from '../category/category.service';
import { PUBLISHER_KINDS, Publisher, SECTOR_SUBCENTER } from '../shared/ownership';
import { contentProblems } from './resource.rules';
import type { ResourceContentInput } from './resource.inputs';
import type { ResourceContent } from './resource.content';
import type { Resource } from './resource.entity';

/** A publisher as its resources copy it. */
export interface PublisherFacts extends Publisher {
  regionCode: string;
  /** Known when the sites subgraph was just asked; not copied onto rows. */
  name?: string;
}

/** An input to check, with the path of its fields in the request. */
export interface ContentToCheck {
  content: ResourceContentInput;
  path: string;
  creating: boolean;
  line?: number;
}

/**
 * The publisher a new resource or menu names: an ACTIVE center, institute, station or sector
 * sub-center the caller may see, asked of the sites subgraph before any transaction.
 */
export async function findPublisher(sites: SiteDirectory, caller: Caller, publisherId: string, field: string): Promise<PublisherFacts> {
  const site = (await findSites(sites, caller, [{ id: publisherId, field, active: true }])).get(publisherId)!;
  if (!(PUBLISHER_KINDS as readonly string[]).includes(site.kind)) {
    throw badInput(field, `${site.name} is a ${site.kind.toLowerCase()}, which publishes no catalogue`, 'NOT_A_PUBLISHER');
  }
  return publisherOf(site);
}

const publisherOf = (site: SiteFacts): PublisherFacts => ({ id: site.id, kind: site.kind, path: site.path, regionCode: site.regionCode, name: site.name });

/** The publisher of a stored resource or menu, from its copies. */
export const publisherOfRow = (row: Pick<Resource, 'publisherId' | 'publisherKind' | 'publisherPath' | 'publisherRegionCode'>): PublisherFacts => ({
  id: row.publisherId,
  kind: row.publisherKind,
  path: row.publisherPath,
  regionCode: row.publisherRegionCode,
});

/** Where a resource is offered when its publisher says nothing: a site's subtree, a sector sub-center's county. */
export function defaultArea(publisher: PublisherFacts): ResourceContent['serviceArea'] {
  return publisher.kind === SECTOR_SUBCENTER
    ? { regionCodePrefixes: [publisher.regionCode.slice(0, 6)], siteIds: [] }
    : { regionCodePrefixes: [], siteIds: [publisher.id] };
}

/** Throws BAD_USER_INPUT listing every problem of `contentsProblems`. */
export async function checkContents(categories: CategoryService, sites: SiteDirectory, caller: Caller, inputs: ContentToCheck[]): Promise<void> {
  const problems = await contentsProblems(categories, sites, caller, inputs);
  if (problems.length) throw invalidFields(problems);
}

/**
 * Every problem of the inputs at once: the rules across fields, unknown categories and service-area
 * sites that do not exist or that the caller may not see (one statement and one call to the sites
 * subgraph whatever the number of inputs).
 */
export async function contentsProblems(categories: CategoryService, sites: SiteDirectory, caller: Caller, inputs: ContentToCheck[]): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const add = (input: ContentToCheck, found: FieldProblem[]) =>
    problems.push(...found.map((problem) => (input.line ? { ...problem, line: input.line } : problem)));
  for (const input of inputs) add(input, contentProblems(input.content, input.path, input.creating));
  const unknown = await categories.unknownCodes(inputs.flatMap((input) => input.content.categoryCodes ?? []));
  const siteIds = inputs.flatMap((input) => input.content.serviceArea?.siteIds ?? []);
  const found = siteIds.length ? await sites.lookup(siteIds, caller.authorization) : new Map<string, SiteFacts>();
  for (const input of inputs) {
    input.content.categoryCodes?.forEach((code, index) => {
      if (unknown.has(code)) add(input, [{ field: `${input.path}.categoryCodes[${index}]`, message: `Unknown category ${code}` }]);
    });
    input.content.serviceArea?.siteIds?.forEach((id, index) => {
      if (!found.has(id)) add(input, [{ field: `${input.path}.serviceArea.siteIds[${index}]`, message: `Site ${id} does not exist` }]);
    });
  }
  return problems;
}
