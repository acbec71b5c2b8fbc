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

/**
 * Makes a volunteer's rows of one table equal to `rows`: deletes the rows that go by their primary
 * key and inserts the new ones. Deleting "every row of the volunteer" instead would take gap locks
 * on MySQL, and two registrations at the same moment would deadlock on the inserts that follow.
 */
async function replaceRows<T extends { volunteerId: string }>(manager: EntityManager, entity: new () => T, volunteerId: string, rows: T[]): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const keyOf = (row: T) => JSON.stringify(metadata.columns.map((column) => column.getEntityValue(row)));
  const existing = (await manager.getRepository(entity).findBy({ volunteerId } as never)) as T[];
  const wanted = new Map(rows.map((row) => [keyOf(Object.assign(new entity(), row)), row]));
  const gone = existing.filter((row) => !wanted.delete(keyOf(row)));
  if (gone.length) await manager.getRepository(entity).remove(gone);
  if (wanted.size) await manager.insert(entity, [...wanted.values()] as never);
}

/** Replaces the given parts of a volunteer's profile. */
export async function writeProfile(manager: EntityManager, volunteerId: string, parts: ProfileParts): Promise<void> {
  if (parts.skills) {
    await replaceRows(
      manager,
      VolunteerSkill,
      volunteerId,
      parts.skills.map((skill) => Object.assign(new VolunteerSkill(), { volunteerId, skillId: skill.id })),
    );
  }
  if (parts.categoryCodes) {
    await replaceRows(
      manager,
      VolunteerCategory,
      volunteerId,
      parts.categoryCodes.map((categoryCode) => Object.assign(new VolunteerCategory(), { volunteerId, categoryCode })),
    );
  }
  if (parts.serviceArea) {
    const area = [
      ...(parts.serviceArea.siteIds ?? []).map((value) => ({ kind: ServiceAreaKind.SITE, value })),
      ...(parts.serviceArea.regionCodePrefixes ?? []).map((value) => ({ kind: ServiceAreaKind.REGION, value })),
    ];
    await replaceRows(
      manager,
      VolunteerServiceArea,
      volunteerId,
      area.map((row) => Object.assign(new VolunteerServiceArea(), { volunteerId, ...row })),
    );
  }
  if (parts.availability) {
    await replaceRows(
      manager,
      VolunteerAvailability,
      volunteerId,
      parts.availability.map((window) =>
        Object.assign(new VolunteerAvailability(), {
          volunteerId,
          dayOfWeek: window.day,
          startsMinute: minutesOf(window.from),
          endsMinute: minutesOf(window.to),
        }),
      ),
    );
  }
}

/** One scope row for the home site and each of its ancestors. */
export async function writeScope(manager: EntityManager, volunteerId: string, home: SiteFacts): Promise<void> {
  await replaceRows(
    manager,
    VolunteerScope,
    volunteerId,
    pathIds(home.path).map((siteId) => Object.assign(new VolunteerScope(), { siteId, volunteerId })),
  );
}
