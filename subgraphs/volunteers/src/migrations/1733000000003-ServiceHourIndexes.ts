import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const index = (name: string, columnNames: string[]) => new TableIndex({ name, columnNames });

/**
 * Indexes that let the database answer from the index alone what used to need a read of every
 * (wide) service record of a period, measured at 100,000 volunteers and 3.2 million records:
 *
 * - `ix_service_record_stats` takes over from `ix_service_record_status_day` (its first two
 *   columns): the records of a status and period with every column `serviceHourStats` groups or
 *   filters by but the site path, so the figures of a county's year are a range of this index;
 * - `ix_service_record_volunteer_hours` takes over from `ix_service_record_volunteer_day` (its first
 *   two columns): a volunteer's verified hours of a period without reading the records, which the
 *   leaderboards of a site sum for every volunteer below it;
 * - `ix_service_record_day`: the newest records first, a page without sorting all of them.
 *
 * The new indexes are built before the old ones go, so that the foreign key on volunteer_id and
 * the queries keep an index all along.
 */
export class ServiceHourIndexes1733000000003 implements MigrationInterface {
  name = 'ServiceHourIndexes1733000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'service_record',
      index('ix_service_record_stats', ['status', 'served_on', 'region_code', 'site_id', 'source_type', 'volunteer_id', 'hours_hundredths']),
    );
    await queryRunner.createIndex('service_record', index('ix_service_record_volunteer_hours', ['volunteer_id', 'served_on', 'status', 'hours_hundredths']));
    await queryRunner.createIndex('service_record', index('ix_service_record_day', ['served_on', 'id']));
    await queryRunner.dropIndex('service_record', 'ix_service_record_status_day');
    await queryRunner.dropIndex('service_record', 'ix_service_record_volunteer_day');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('service_record', index('ix_service_record_status_day', ['status', 'served_on']));
    await queryRunner.createIndex('service_record', index('ix_service_record_volunteer_day', ['volunteer_id', 'served_on']));
    await queryRunner.dropIndex('service_record', 'ix_service_record_day');
    await queryRunner.dropIndex('service_record', 'ix_service_record_volunteer_hours');
    await queryRunner.dropIndex('service_record', 'ix_service_record_stats');
  }
}
