import { Principal, notFound, uuidv7 } from '@practice/common';
import type { DataSource } from 'typeorm';
import type { Site } from '../site/site.entity';
import type { AssignManagerInput, RemoveManagerInput } from '../site/site.inputs';
import type { SiteService } from '../site/site.service';
import { SiteManager } from './manager.entity';

/**
 * The register of who manages which site. The identity provider issues the `sites` claim of a
 * manager's tokens from it; whoever manages a site may assign and remove its managers.
 */
export class ManagerService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SiteService,
  ) {}

  async assign(principal: Principal, input: AssignManagerInput): Promise<Site> {
    return this.sites.transaction(async (manager) => {
      const site = await this.sites.loadManaged(manager, principal, input.siteId, 'input.siteId', true);
      const repository = manager.getRepository(SiteManager);
      const existing = await repository.findOneBy({ siteId: site.id, subject: input.subject });
      if (existing) {
        await repository.update(existing.id, { name: input.name, phone: input.phone ?? null });
      } else {
        await repository.insert({
          id: uuidv7(),
          siteId: site.id,
          subject: input.subject,
          name: input.name,
          phone: input.phone ?? null,
          assignedBy: principal.subject!,
        });
      }
      return site;
    });
  }

  async remove(principal: Principal, input: RemoveManagerInput): Promise<Site> {
    return this.sites.transaction(async (manager) => {
      const site = await this.sites.loadManaged(manager, principal, input.siteId, 'input.siteId', true);
      const result = await manager.getRepository(SiteManager).delete({ siteId: site.id, subject: input.subject });
      if (!result.affected) throw notFound('Manager', `${input.subject} of site ${site.code}`, 'input.subject');
      return site;
    });
  }

  loadBySites(siteIds: readonly string[]): Promise<SiteManager[]> {
    return this.db
      .getRepository(SiteManager)
      .createQueryBuilder('m')
      .where('m.site_id IN (:...siteIds)', { siteIds })
      .orderBy('m.assigned_at', 'ASC')
      .getMany();
  }
}
