import { SiteFacts, badInput, pathIds } from '@practice/common';
import type { EntityManager } from 'typeorm';
import { minutesOf } from '../shared/patterns';
import type { Skill } from '../skill/skill.entity';
import { VolunteerAvailability, VolunteerCategory, VolunteerScope, VolunteerServiceArea, VolunteerSkill } from './volunteer-profile.entities';
import { ServiceAreaKind } from './volunteer.enums';
import type { AvailabilityInput, ServiceAreaInput } from './volunteer.inputs';

/** The parts of a profile an input replaces; absent parts stay as they are. */
export interface ProfileParts {
  skills?: Skill[];
  categoryCodes?: string[];
  serviceArea?: ServiceAreaInput;
  availability?: AvailabilityInput[];
}

/** Windows must end after they start and not overlap on the same day. */
export function checkAvailability(windows: AvailabilityInput[] | undefined, field: string): void {
  if (!windows) return;
  windows.forEach((window, index) => {
    if (minutesOf(window.to) <= minutesOf(window.from)) throw badInput(`${field}[${index}].to`, 'must be after from', 'WINDOW_ENDS_BEFORE_START');
  });
  const sorted = windows.map((window, index) => ({ ...window, index })).sort((a, b) => a.day - b.day || minutesOf(a.from) - minutesOf(b.from));
  for (let i = 1; i < sorted.length; i++) {
    const [previous, current] = [sorted[i - 1], sorted[i]];
    if (previous.day === current.day && minutesOf(current.from) < minutesOf(previous.to)) {
      throw badInput(`${field}[${current.index}]`, 'overlaps another window of the same day', 'WINDOWS_OVERLAP');
    }
  }
}

/** Replaces the given parts of a volunteer's profile. */
export async function writeProfile(manager: EntityManager, volunteerId: string, parts: ProfileParts): Promise<void> {
  if (parts.skills) {
    await manager.delete(VolunteerSkill, { volunteerId });
    if (parts.skills.length)
      await manager.insert(
        VolunteerSkill,
        parts.skills.map((skill) => ({ volunteerId, skillId: skill.id })),
      );
  }
  if (parts.categoryCodes) {
    await manager.delete(VolunteerCategory, { volunteerId });
    if (parts.categoryCodes.length)
      await manager.insert(
        VolunteerCategory,
        parts.categoryCodes.map((categoryCode) => ({ volunteerId, categoryCode })),
      );
  }
  if (parts.serviceArea) {
    await manager.delete(VolunteerServiceArea, { volunteerId });
    const rows = [
      ...(parts.serviceArea.siteIds ?? []).map((value) => ({ volunteerId, kind: ServiceAreaKind.SITE, value })),
      ...(parts.serviceArea.regionCodePrefixes ?? []).map((value) => ({ volunteerId, kind: ServiceAreaKind.REGION, value })),
    ];
    if (rows.length) await manager.insert(VolunteerServiceArea, rows);
  }
  if (parts.availability) {
    await manager.delete(VolunteerAvailability, { volunteerId });
    const rows = parts.availability.map((window) => ({
      volunteerId,
      dayOfWeek: window.day,
      startsMinute: minutesOf(window.from),
      endsMinute: minutesOf(window.to),
    }));
    if (rows.length) await manager.insert(VolunteerAvailability, rows);
  }
}

/** One scope row for the home site and each of its ancestors. */
export async function writeScope(manager: EntityManager, volunteerId: string, home: SiteFacts): Promise<void> {
  await manager.delete(VolunteerScope, { volunteerId });
  await manager.insert(
    VolunteerScope,
    pathIds(home.path).map((siteId) => ({ siteId, volunteerId })),
  );
}
