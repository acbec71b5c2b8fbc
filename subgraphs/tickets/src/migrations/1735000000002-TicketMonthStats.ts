import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { MONTH_STATS_MEASURES, MONTH_STATS_REGION_DIGITS, MONTH_STATS_TABLE, rebuildMonthStats } from '../analytics/month-stats';

/**
 * The monthly summary ticketStats reads for a county's year (see analytics/month-stats.ts), filled
 * from the tickets already there. Its primary key starts with the month: a period is one range.
 */
export class TicketMonthStats1735000000002 implements MigrationInterface {
  name = 'TicketMonthStats1735000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const key = (name: string, length: number) => ({ name, type: 'varchar', length: String(length), isPrimary: true });
    await queryRunner.createTable(
      new Table({
        name: MONTH_STATS_TABLE,
        columns: [
          key('month', 7),
          key('region_code', MONTH_STATS_REGION_DIGITS),
          key('category_code', 40),
          key('channel', 16),
          key('kind', 16),
          ...MONTH_STATS_MEASURES.map((name) => ({ name, type: /_s(econds|\d\d)$/.test(name) ? 'bigint' : 'int', default: 0 })),
        ],
      }),
    );
    await rebuildMonthStats(queryRunner.manager);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(MONTH_STATS_TABLE);
  }
}
