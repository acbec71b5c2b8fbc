import {
  Caller,
  SiteDirectory,
  badInput,
  conflict,
  forUpdate,
  invalidFields,
  isUniqueViolation,
  notFound,
  requireSignedIn,
  runTransaction,
  uuidv7,
} from '@practice/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { PublisherFacts, findPublisher, publisherOfRow } from '../resource/resource.checks';
import { Resource } from '../resource/resource.entity';
import { requireCatalogueOwner } from '../shared/ownership';
import { Menu, MenuItem } from './menu.entity';
import { MenuLevel, MenuStatus } from './menu.enums';
import type { CreateMenuInput, MenuItemInput, SupersedeMenuInput, UpdateMenuInput } from './menu.inputs';
import { checkOpenPeriod, itemProblems, seesMenu, slotOf } from './menu.rules';

type ItemRow = Pick<MenuItem, 'resourceId' | 'quota' | 'note'>;

const itemRows = (items: readonly MenuItemInput[]): ItemRow[] => items.map(({ resourceId, quota, note }) => ({ resourceId, quota, note: note ?? null }));
const sameItems = (a: readonly ItemRow[], b: readonly ItemRow[]): boolean =>
  a.length === b.length && a.every((item, i) => item.resourceId === b[i].resourceId && item.quota === b[i].quota && item.note === b[i].note);

/**
 * The monthly menus: a publisher's owners prepare a DRAFT edition for a month, publish it (it then
 * never changes), correct it by a new edition that supersedes it once published, and archive it.
 * At most one draft and one published edition per publisher and month, kept by unique slots.
 */
export class MenuService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SiteDirectory,
  ) {}

  /** A first DRAFT for a month. A retry with the same content returns the draft it made. */
  async create(caller: Caller, input: CreateMenuInput): Promise<Menu> {
    requireSignedIn(caller.principal);
    checkOpenPeriod(input.period, 'input.period');
    const publisher = await findPublisher(this.sites, caller, input.publisherId, 'input.publisherId');
    requireCatalogueOwner(caller.principal, publisher);
    const [year, month] = input.period.split('-').map(Number);
    const title = input.title ?? `${publisher.name ?? ''}${year}年${month}月资源菜单`;
    const items = itemRows(input.items);
    const attempt = () =>
      runTransaction(this.db, async (manager) => {
        const existing = await this.editions(manager, publisher.id, input.period);
        const draft = existing.find((menu) => menu.status === MenuStatus.DRAFT);
        if (draft) return this.sameDraftOrConflict(manager, draft, { title, notes: input.notes ?? null, items, supersedesId: null });
        if (existing.some((menu) => menu.status === MenuStatus.PUBLISHED)) {
          throw conflict(`${input.period} already has a published menu: correct it with supersedeMenu`, { field: 'input.period', reason: 'ALREADY_PUBLISHED' });
        }
        await this.checkItems(manager, publisher.id, items, 'input.items');
        const edition = Math.max(0, ...existing.map((menu) => menu.edition)) + 1;
        return this.insertDraft(manager, caller, publisher, input.period, edition, { title, notes: input.notes ?? null, items, supersedesId: null });
      });
    return this.retryingSlotRace(attempt);
  }

  /** Changes a DRAFT; published editions never change. */
  async update(caller: Caller, input: UpdateMenuInput): Promise<Menu> {
    await this.owned(caller, input.id, 'input.id');
    return runTransaction(this.db, async (manager) => {
      const menu = await this.lock(manager, input.id);
      if (menu.status !== MenuStatus.DRAFT) {
        throw conflict('A published edition never changes: correct it with supersedeMenu', { field: 'input.id', reason: 'NOT_A_DRAFT' });
      }
      if (input.expectedVersion !== undefined && input.expectedVersion !== menu.version) {
        throw conflict(`The draft is at version ${menu.version}, not ${input.expectedVersion}: read it again`, {
          field: 'input.expectedVersion',
          reason: 'STALE_VERSION',
        });
      }
      const current = await manager.find(MenuItem, { where: { menuId: menu.id }, order: { position: 'ASC' } });
      const items = input.items ? itemRows(input.items) : current;
      const title = input.title ?? menu.title;
      const notes = input.notes !== undefined ? input.notes : menu.notes;
      if (title === menu.title && notes === menu.notes && sameItems(items, current)) return menu;
      if (input.items) {
        await this.checkItems(manager, menu.publisherId, items, 'input.items');
        await manager.delete(MenuItem, { menuId: menu.id });
        await this.insertItems(manager, menu.id, items);
      }
      await manager.update(Menu, { id: menu.id }, { title, notes, version: menu.version + 1, updatedBy: caller.principal.subject! });
      return manager.findOneByOrFail(Menu, { id: menu.id });
    });
  }

  /**
   * DRAFT → PUBLISHED, after checking that every listed resource is the publisher's and published,
   * with quotas within capacity. A correction turns the edition it corrects SUPERSEDED in the same
   * transaction. Publishing a published edition again changes nothing.
   */
  async publish(caller: Caller, id: string): Promise<Menu> {
    await this.owned(caller, id, 'id');
    const attempt = () =>
      runTransaction(this.db, async (manager) => {
        const menu = await this.lock(manager, id);
        if (menu.status === MenuStatus.PUBLISHED) return menu;
        if (menu.status !== MenuStatus.DRAFT)
          throw conflict(`A ${menu.status.toLowerCase()} edition cannot be published again`, { field: 'id', reason: 'INVALID_TRANSITION' });
        const items = await manager.find(MenuItem, { where: { menuId: id }, order: { position: 'ASC' } });
        if (!items.length) throw badInput('id', 'A menu without items cannot be published', 'EMPTY_MENU');
        const resources = await this.resourcesOf(manager, items);
        const problems = itemProblems(items, resources, menu.publisherId, 'items', true);
        if (problems.length) throw invalidFields(problems);
        const now = new Date();
        const by = caller.principal.subject!;
        const live = await manager.findOneBy(Menu, { liveSlot: slotOf(menu) });
        if (live && live.id !== menu.supersedesId) {
          throw conflict(`${menu.period} already has a published edition that this one does not correct`, { field: 'id', reason: 'ALREADY_PUBLISHED' });
        }
        if (live) {
          // The slot is freed before the correction takes it: the unique index sees one live edition at any time.
          await manager.update(
            Menu,
            { id: live.id },
            { status: MenuStatus.SUPERSEDED, liveSlot: null, closedAt: now, closedBy: by, version: live.version + 1 },
          );
        }
        await manager.update(
          Menu,
          { id },
          { status: MenuStatus.PUBLISHED, draftSlot: null, liveSlot: slotOf(menu), publishedAt: now, publishedBy: by, version: menu.version + 1 },
        );
        return manager.findOneByOrFail(Menu, { id });
      });
    return this.retryingSlotRace(attempt);
  }

  /**
   * A DRAFT correction of a PUBLISHED edition, with its items, as the next edition of the month;
   * the published one stays live until the correction is published. A retry returns the same draft.
   */
  async supersede(caller: Caller, input: SupersedeMenuInput): Promise<Menu> {
    const original = await this.owned(caller, input.id, 'input.id');
    checkOpenPeriod(original.period, 'input.id');
    const attempt = () =>
      runTransaction(this.db, async (manager) => {
        const published = await this.lock(manager, input.id);
        if (published.status !== MenuStatus.PUBLISHED) {
          throw conflict(`Only the published edition is corrected; this one is ${published.status.toLowerCase()}`, {
            field: 'input.id',
            reason: 'NOT_PUBLISHED',
          });
        }
        const existing = await this.editions(manager, published.publisherId, published.period);
        const draft = existing.find((menu) => menu.status === MenuStatus.DRAFT);
        if (draft) {
          if (draft.supersedesId === published.id) return draft;
          throw conflict(`${published.period} already has a draft edition: edit it instead`, { field: 'input.id', reason: 'DRAFT_EXISTS' });
        }
        const items = await manager.find(MenuItem, { where: { menuId: published.id }, order: { position: 'ASC' } });
        const edition = Math.max(...existing.map((menu) => menu.edition)) + 1;
        return this.insertDraft(manager, caller, publisherOfRow(published), published.period, edition, {
          title: published.title,
          notes: input.notes ?? published.notes,
          items,
          supersedesId: published.id,
        });
      });
    return this.retryingSlotRace(attempt);
  }

  /** PUBLISHED → ARCHIVED: off the sites' menus, still readable. Archiving again changes nothing. */
  async archive(caller: Caller, id: string): Promise<Menu> {
    await this.owned(caller, id, 'id');
    return runTransaction(this.db, async (manager) => {
      const menu = await this.lock(manager, id);
      if (menu.status === MenuStatus.ARCHIVED) return menu;
      if (menu.status !== MenuStatus.PUBLISHED) {
        throw conflict(`A ${menu.status.toLowerCase()} edition cannot be archived`, { field: 'id', reason: 'INVALID_TRANSITION' });
      }
      await manager.update(
        Menu,
        { id },
        { status: MenuStatus.ARCHIVED, liveSlot: null, closedAt: new Date(), closedBy: caller.principal.subject!, version: menu.version + 1 },
      );
      return manager.findOneByOrFail(Menu, { id });
    });
  }

  /** Deletes a DRAFT with its items; it was never public, so nothing else refers to it. */
  async discard(caller: Caller, id: string): Promise<string> {
    await this.owned(caller, id, 'id');
    return runTransaction(this.db, async (manager) => {
      const menu = await this.lock(manager, id);
      if (menu.status !== MenuStatus.DRAFT)
        throw conflict('Only a draft can be discarded; archive a published edition', { field: 'id', reason: 'NOT_A_DRAFT' });
      await manager.delete(MenuItem, { menuId: id });
      await manager.delete(Menu, { id });
      return id;
    });
  }

  /** A menu the caller may change: NOT_FOUND when it does not exist or is hidden from them, FORBIDDEN when it is not theirs. */
  private async owned(caller: Caller, id: string, field: string): Promise<Menu> {
    requireSignedIn(caller.principal);
    const menu = await this.db.getRepository(Menu).findOneBy({ id });
    if (!menu || !seesMenu(caller.principal, menu)) throw notFound('Menu', id, field);
    requireCatalogueOwner(caller.principal, publisherOfRow(menu));
    return menu;
  }

  private lock(manager: EntityManager, id: string): Promise<Menu> {
    return forUpdate(manager, manager.getRepository(Menu).createQueryBuilder('m').where('m.id = :id', { id })).getOneOrFail();
  }

  private editions(manager: EntityManager, publisherId: string, period: string): Promise<Menu[]> {
    return manager.find(Menu, { where: { publisherId, period }, order: { edition: 'ASC' } });
  }

  private async resourcesOf(manager: EntityManager, items: readonly ItemRow[]): Promise<Map<string, Resource>> {
    if (!items.length) return new Map();
    const resources = await manager.findBy(Resource, { id: In(items.map((item) => item.resourceId)) });
    return new Map(resources.map((resource) => [resource.id, resource]));
  }

  private async checkItems(manager: EntityManager, publisherId: string, items: readonly ItemRow[], path: string): Promise<void> {
    const problems = itemProblems(items, await this.resourcesOf(manager, items), publisherId, path);
    if (problems.length) throw invalidFields(problems);
  }

  private async insertDraft(
    manager: EntityManager,
    caller: Caller,
    publisher: PublisherFacts,
    period: string,
    edition: number,
    content: { title: string; notes: string | null; items: readonly ItemRow[]; supersedesId: string | null },
  ): Promise<Menu> {
    const id = uuidv7();
    await manager.insert(Menu, {
      id,
      publisherId: publisher.id,
      publisherKind: publisher.kind,
      publisherPath: publisher.path,
      publisherRegionCode: publisher.regionCode,
      level: publisher.kind as MenuLevel,
      period,
      edition,
      status: MenuStatus.DRAFT,
      title: content.title,
      notes: content.notes,
      supersedesId: content.supersedesId,
      draftSlot: `${publisher.id}/${period}`,
      liveSlot: null,
      createdBy: caller.principal.subject!,
      version: 1,
    });
    await this.insertItems(manager, id, content.items);
    return manager.findOneByOrFail(Menu, { id });
  }

  private async insertItems(manager: EntityManager, menuId: string, items: readonly ItemRow[]): Promise<void> {
    if (items.length)
      await manager.insert(
        MenuItem,
        items.map((item, index) => ({ menuId, resourceId: item.resourceId, quota: item.quota, note: item.note, position: index + 1 })),
      );
  }

  private async sameDraftOrConflict(
    manager: EntityManager,
    draft: Menu,
    content: { title: string; notes: string | null; items: readonly ItemRow[]; supersedesId: string | null },
  ): Promise<Menu> {
    const items = await manager.find(MenuItem, { where: { menuId: draft.id }, order: { position: 'ASC' } });
    if (draft.title === content.title && draft.notes === content.notes && draft.supersedesId === content.supersedesId && sameItems(items, content.items))
      return draft;
    throw conflict(`${draft.period} already has a draft edition (${draft.id}): edit it with updateMenu`, { field: 'input.period', reason: 'DRAFT_EXISTS' });
  }

  /**
   * Two writers racing for a slot: the loser's insert or update breaks a unique index. Its work is
   * rolled back; once more it then sees the winner's row and answers as a retry would.
   */
  private async retryingSlotRace<T>(attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      try {
        return await attempt();
      } catch (again) {
        if (isUniqueViolation(again)) throw conflict('The menu was changed concurrently; retry', { reason: 'CONCURRENT_CHANGE' });
        throw again;
      }
    }
  }
}
