import type { EntityManager } from 'typeorm';
import { ResourceArea, ResourceFacet } from './resource-profile.entities';
import { AreaKind, Audience, DeliveryMode, FacetKind, ResourceKind } from './resource.enums';
import type { Resource } from './resource.entity';
import type { FormFieldInput, ResourceContentInput, ScheduleRuleInput } from './resource.inputs';
import type { FormField, ScheduleRule } from './resource.values';

/** Everything that describes a resource, normalized so that two descriptions compare equal when they mean the same. */
export interface ResourceContent {
  kind: ResourceKind;
  title: string;
  description: string;
  categoryCodes: string[];
  audiences: Audience[];
  deliveryModes: DeliveryMode[];
  serviceArea: { regionCodePrefixes: string[]; siteIds: string[] };
  capacityPerMonth: number | null;
  leadTimeDays: number;
  schedule: ScheduleRule[];
  contactName: string | null;
  contactPhone: string | null;
  orderForm: FormField[];
  externalKey: string | null;
}

export type ContentChanges = Record<string, { from: unknown; to: unknown }>;

const scheduleRule = (rule: ScheduleRuleInput | ScheduleRule): ScheduleRule => ({
  days: [...rule.days].sort((a, b) => a - b),
  opensAt: rule.opensAt,
  closesAt: rule.closesAt,
  validFrom: rule.validFrom ?? null,
  validTo: rule.validTo ?? null,
  note: rule.note ?? null,
});

const formField = (field: FormFieldInput | FormField): FormField => ({
  key: field.key,
  label: field.label,
  type: field.type,
  required: field.required ?? false,
  hint: field.hint ?? null,
  options: field.options?.length ? field.options.map(({ value, label }) => ({ value, label })) : null,
  min: field.min ?? null,
  max: field.max ?? null,
  maxLength: field.maxLength ?? null,
});

/** The content of a stored resource, from its row and its facet and area rows. */
export function storedContent(resource: Resource, facets: ResourceFacet[], areas: ResourceArea[]): ResourceContent {
  const values = (facet: FacetKind) => facets.filter((row) => row.facet === facet).map((row) => row.value);
  return {
    kind: resource.kind,
    title: resource.title,
    description: resource.description,
    categoryCodes: values(FacetKind.CATEGORY).sort(),
    audiences: (values(FacetKind.AUDIENCE) as Audience[]).sort(),
    deliveryModes: (values(FacetKind.DELIVERY) as DeliveryMode[]).sort(),
    serviceArea: {
      regionCodePrefixes: areas
        .filter((row) => row.kind === AreaKind.REGION)
        .map((row) => row.value)
        .sort(),
      siteIds: areas
        .filter((row) => row.kind === AreaKind.SITE)
        .map((row) => row.value)
        .sort(),
    },
    capacityPerMonth: resource.capacityPerMonth,
    leadTimeDays: resource.leadTimeDays,
    schedule: resource.schedule.map(scheduleRule),
    contactName: resource.contactName,
    contactPhone: resource.contactPhone,
    orderForm: resource.orderForm.map(formField),
    externalKey: resource.externalKey,
  };
}

/** The content after applying an input to the current content (or to nothing, at creation). */
export function mergedContent(
  current: ResourceContent | null,
  input: ResourceContentInput & { kind?: ResourceKind; externalKey?: string | null },
  defaultArea: ResourceContent['serviceArea'],
): ResourceContent {
  const pick = <K extends keyof ResourceContent>(key: K, value: ResourceContent[K] | undefined, fallback: ResourceContent[K]): ResourceContent[K] =>
    value !== undefined ? value : current ? current[key] : fallback;
  const area = input.serviceArea
    ? { regionCodePrefixes: [...(input.serviceArea.regionCodePrefixes ?? [])].sort(), siteIds: [...(input.serviceArea.siteIds ?? [])].sort() }
    : undefined;
  const emptyArea = area && !area.regionCodePrefixes.length && !area.siteIds.length;
  return {
    kind: pick('kind', input.kind, ResourceKind.SERVICE),
    title: pick('title', input.title, ''),
    description: pick('description', input.description, ''),
    categoryCodes: pick('categoryCodes', input.categoryCodes ? [...input.categoryCodes].sort() : undefined, []),
    audiences: pick('audiences', input.audiences ? [...input.audiences].sort() : undefined, []),
    deliveryModes: pick('deliveryModes', input.deliveryModes ? [...input.deliveryModes].sort() : undefined, []),
    // An empty area means the publisher's own, as when none is given at creation.
    serviceArea: pick('serviceArea', emptyArea ? defaultArea : area, defaultArea),
    capacityPerMonth: pick('capacityPerMonth', input.capacityPerMonth, null),
    leadTimeDays: pick('leadTimeDays', input.leadTimeDays, 0),
    schedule: pick('schedule', input.schedule?.map(scheduleRule), []),
    contactName: pick('contactName', input.contactName, null),
    contactPhone: pick('contactPhone', input.contactPhone, null),
    orderForm: pick('orderForm', input.orderForm?.map(formField), []),
    externalKey: pick('externalKey', input.externalKey, null),
  };
}

/** The fields that differ, with their old and new values; an empty object when nothing changes. */
export function contentChanges(before: ResourceContent | null, after: ResourceContent): ContentChanges {
  const changes: ContentChanges = {};
  for (const key of Object.keys(after) as (keyof ResourceContent)[]) {
    const from = before ? before[key] : null;
    if (JSON.stringify(from) !== JSON.stringify(after[key])) changes[key] = { from, to: after[key] };
  }
  return changes;
}

/** The columns of the resource row that hold content. */
export function contentColumns(content: ResourceContent): Partial<Resource> {
  const { kind, title, description, capacityPerMonth, leadTimeDays, schedule, contactName, contactPhone, orderForm, externalKey } = content;
  return { kind, title, description, capacityPerMonth, leadTimeDays, schedule, contactName, contactPhone, orderForm, externalKey };
}

/** The facet rows of a resource with this content. */
export const facetRows = (resourceId: string, content: ResourceContent | null): ResourceFacet[] =>
  content
    ? [
        ...content.categoryCodes.map((value) => ({ resourceId, facet: FacetKind.CATEGORY, value })),
        ...content.audiences.map((value) => ({ resourceId, facet: FacetKind.AUDIENCE, value })),
        ...content.deliveryModes.map((value) => ({ resourceId, facet: FacetKind.DELIVERY, value })),
      ]
    : [];

/** The area rows of a resource with this content. */
export const areaRows = (resourceId: string, content: ResourceContent | null): ResourceArea[] =>
  content
    ? [
        ...content.serviceArea.regionCodePrefixes.map((value) => ({ resourceId, kind: AreaKind.REGION, value })),
        ...content.serviceArea.siteIds.map((value) => ({ resourceId, kind: AreaKind.SITE, value })),
      ]
    : [];

export const facetKey = (row: ResourceFacet): string => `${row.facet}:${row.value}`;
export const areaKey = (row: ResourceArea): string => `${row.kind}:${row.value}`;

/**
 * Brings the facet and area rows of a resource (locked by the caller) to the content: rows that go
 * are deleted by primary key and new ones inserted, never a range delete that would lock gaps.
 */
export async function writeContentRows(manager: EntityManager, resourceId: string, before: ResourceContent | null, after: ResourceContent): Promise<void> {
  await replaceRows(manager, ResourceFacet, facetRows(resourceId, before), facetRows(resourceId, after), facetKey);
  await replaceRows(manager, ResourceArea, areaRows(resourceId, before), areaRows(resourceId, after), areaKey);
}

async function replaceRows<T extends ResourceFacet | ResourceArea>(
  manager: EntityManager,
  entity: typeof ResourceFacet | typeof ResourceArea,
  before: T[],
  after: T[],
  keyOf: (row: T) => string,
): Promise<void> {
  const kept = new Set(after.map(keyOf));
  const existing = new Set(before.map(keyOf));
  for (const row of before) if (!kept.has(keyOf(row))) await manager.delete(entity, row);
  const added = after.filter((row) => !existing.has(keyOf(row)));
  if (added.length) await manager.insert(entity, added);
}
