import { Principal, forbidden, notFound, uuidv7 } from '@practice/common';
import type { DataSource, EntityManager } from 'typeorm';
import { managesFromAbove } from '../site/site.access';
import type { Site } from '../site/site.entity';
import type { SiteService } from '../site/site.service';
import { Designation } from './designation.entity';
import type { DesignationInput, DesignationKeyInput } from '../site/site.inputs';

/**
 * Demonstration designations are conferred from above: by managers of an ancestor site (the
 * civilization office of the county or township) or admins, never by a site on itself.
 */
export class DesignationService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SiteService,
  ) {}

  async designate(principal: Principal, input: DesignationInput): Promise<Site> {
    return this.sites.transaction(async (manager) => {
      const site = await this.loadFromAbove(manager, principal, input.siteId);
      const repository = manager.getRepository(Designation);
      const existing = await repository.findOneBy({ siteId: site.id, level: input.level, year: input.year });
      if (existing) {
        // Designating again is a retry or a title correction, never a second row.
        if (input.title !== undefined && existing.title !== input.title) await repository.update(existing.id, { title: input.title });
      } else {
        await repository.insert({
          id: uuidv7(),
          siteId: site.id,
          level: input.level,
          year: input.year,
          title: input.title ?? null,
          designatedBy: principal.subject!,
        });
      }
      return site;
    });
  }

  async revoke(principal: Principal, input: DesignationKeyInput): Promise<Site> {
    return this.sites.transaction(async (manager) => {
      const site = await this.loadFromAbove(manager, principal, input.siteId);
      const result = await manager.getRepository(Designation).delete({ siteId: site.id, level: input.level, year: input.year });
      if (!result.affected) throw notFound('Designation', `${input.level} ${input.year} of site ${site.code}`, 'input.year');
      return site;
    });
  }

  private async loadFromAbove(manager: EntityManager, principal: Principal, siteId: string): Promise<Site> {
    const site = await this.sites.loadManaged(manager, principal, siteId, 'input.siteId', true);
    if (!managesFromAbove(principal, site)) {
      throw forbidden('Demonstration designations are conferred by a manager of a higher-level site', 'NOT_FROM_ABOVE');
    }
    return site;
  }

  loadBySites(siteIds: readonly string[]): Promise<Designation[]> {
    return this.db
      .getRepository(Designation)
      .createQueryBuilder('d')
      .where('d.site_id IN (:...siteIds)', { siteIds })
      .orderBy('d.year', 'DESC')
      .addOrderBy('d.level', 'ASC')
      .getMany();
  }
}
