import type { GraphQLRequest } from '@practice/common/testing';
import type { DataSource } from 'typeorm';
import { expectNoErrors } from './fixture';

export const CREATE_RESOURCE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id status version title externalKey } }`;

/** A valid resource input for a publisher, with overrides. */
export function resourceInput(publisherId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    publisherId,
    kind: 'SERVICE',
    title: '居民健康体检进村',
    description: '每月第二个周六上午，在村卫生室为六十五岁以上老人免费体检。\n请携带身份证。',
    categoryCodes: ['SERVICE.HEALTH.CHECKUP'],
    audiences: ['ELDERLY'],
    deliveryModes: ['ON_SITE'],
    capacityPerMonth: 40,
    leadTimeDays: 3,
    schedule: [{ days: [6], opensAt: '08:30', closesAt: '11:30' }],
    contactName: '卫健服务中心',
    contactPhone: '0512-52731234',
    orderForm: [
      { key: 'attendees', label: '参加人数', type: 'NUMBER', required: true, min: 1, max: 50 },
      { key: 'wanted_on', label: '期望日期', type: 'DATE', required: false },
    ],
    ...overrides,
  };
}

/** Creates (and by default publishes) a resource through the API; answers its id. */
export async function createResource(
  request: GraphQLRequest,
  token: string,
  publisherId: string,
  overrides: Record<string, unknown> = {},
  publish = true,
): Promise<string> {
  const created = await request<{ createResource: { id: string } }>(CREATE_RESOURCE, { input: resourceInput(publisherId, overrides) }, { token });
  expectNoErrors(created);
  const id = created.data!.createResource.id;
  if (publish) expectNoErrors(await request(`mutation($id: ID!) { publishResource(id: $id) { id } }`, { id }, { token }));
  return id;
}

/** Row counts of every catalogue table, to prove that a refused write left nothing. */
export async function catalogueCounts(db: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['resource', 'resource_facet', 'resource_area', 'resource_change', 'menu', 'menu_item']) {
    counts[table] = Number((await db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  }
  return counts;
}
