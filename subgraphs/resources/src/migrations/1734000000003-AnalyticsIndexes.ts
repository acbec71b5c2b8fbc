import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * What the analytics need beyond the catalogue's indexes. `menuCoverage` (and the menus list's
 * region filter) reads the live editions of a month by their publisher's region: with
 * (period, status) alone it reads every edition of the month in the province and then checks
 * each one's region; with the region code third it is a range of the county or township asked.
 * The resource-side shapes of `resourceStats` are served by the indexes already there (EXPLAIN in
 * the README, "Analytics").
 */
export class AnalyticsIndexes1734000000003 implements MigrationInterface {
  name = 'AnalyticsIndexes1734000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('menu', new TableIndex({ name: 'ix_menu_period_region', columnNames: ['period', 'status', 'publisher_region_code'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('menu', 'ix_menu_period_region');
  }
}
