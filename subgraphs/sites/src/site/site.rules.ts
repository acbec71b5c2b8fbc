import { badInput, isWithinRegion } from '@practice/common';
import { ALLOWED_PARENT_KINDS, Sector, SiteKind, SiteStatus } from './site.enums';
import type { Site } from './site.entity';
import type { OpeningHoursInput } from './site.inputs';

/** The tree rules: which kind may hang under which, never under an archived site, no cycles. */
export function checkParent(kind: SiteKind, parent: Site | null, field: string, moving?: Site): void {
  const allowed = ALLOWED_PARENT_KINDS[kind];
  if (allowed === null) {
    if (parent) throw badInput(field, 'A center is a root and has no parent', 'INVALID_PARENT_KIND');
    return;
  }
  if (!parent) throw badInput(field, `A ${kind} needs a parent site`, 'PARENT_REQUIRED');
  if (!allowed.includes(parent.kind)) {
    throw badInput(field, `A ${kind} can be placed only under ${allowed.join(' or ')}, not under a ${parent.kind}`, 'INVALID_PARENT_KIND');
  }
  if (parent.status === SiteStatus.ARCHIVED) throw badInput(field, 'The parent site is archived', 'PARENT_ARCHIVED');
  if (moving && parent.path.includes(`/${moving.id}/`)) {
    throw badInput(field, 'A site cannot be moved under itself or one of its descendants', 'CYCLE');
  }
}

export function checkRegion(regionCode: string, parent: Site | null, field: string): void {
  if (parent && !isWithinRegion(regionCode, parent.regionCode)) {
    throw badInput(field, `Region ${regionCode} is outside the parent's region ${parent.regionCode}`, 'REGION_OUTSIDE_PARENT');
  }
}

export function checkSector(kind: SiteKind, sector: Sector | null | undefined, field: string): void {
  if (kind === SiteKind.SECTOR_SUBCENTER && !sector) throw badInput(field, 'A sector sub-center needs its sector', 'SECTOR_REQUIRED');
  if (kind !== SiteKind.SECTOR_SUBCENTER && sector) throw badInput(field, 'Only sector sub-centers have a sector', 'SECTOR_NOT_ALLOWED');
}

export function checkOpeningHours(hours: OpeningHoursInput[] | undefined, field: string): void {
  hours?.forEach((rule, index) => {
    if (rule.opens >= rule.closes) throw badInput(`${field}[${index}].closes`, 'must be after opens', 'CLOSES_BEFORE_OPENS');
  });
}
