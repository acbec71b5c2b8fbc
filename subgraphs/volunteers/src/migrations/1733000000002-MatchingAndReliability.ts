import { MigrationInterface, QueryRunner, Table, TableCheck, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

const toVolunteer = (name: string) =>
  new TableForeignKey({
    name,
    columnNames: ['volunteer_id'],
    referencedTableName: 'volunteer',
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
    onUpdate: 'RESTRICT',
  });
const count = (name: string): TableColumnOptions => ({ name, type: 'int', default: 0 });

/**
 * What matching tickets to volunteers needs: the home site's location copied onto the volunteer
 * (indexed for bounding boxes), and the reliability counters and per-ticket assignments the
 * tickets subgraph's events keep. Volunteers registered before keep a null location until their
 * home site is set again. A CHECK keeps every counter at 0 or more.
 */
export class MatchingAndReliability1733000000002 implements MigrationInterface {
  name = 'MatchingAndReliability1733000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const sqlite = queryRunner.connection.driver.options.type === 'better-sqlite3';
    const updated = (name: string): TableColumnOptions =>
      sqlite
        ? { name, type: 'datetime', default: "(datetime('now'))" }
        : { name, type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)', onUpdate: 'CURRENT_TIMESTAMP(6)' };
    const moment = (name: string): TableColumnOptions =>
      sqlite ? { name, type: 'datetime', isNullable: true } : { name, type: 'datetime', precision: 6, isNullable: true };

    // Plain ADD COLUMN: TypeORM would rebuild the table on SQLite, and dropping the old copy would
    // cascade to every row that references a volunteer.
    for (const column of ['home_latitude', 'home_longitude']) await queryRunner.query(`ALTER TABLE volunteer ADD COLUMN ${column} double NULL`);
    await queryRunner.createIndex('volunteer', new TableIndex({ name: 'ix_volunteer_home_location', columnNames: ['home_latitude', 'home_longitude'] }));

    const counts = new TableCheck({
      name: 'chk_volunteer_reliability_counts',
      expression: 'open_assignments >= 0 AND accepted >= 0 AND completed >= 0 AND declined >= 0 AND released >= 0 AND rating_sum >= 0 AND rating_count >= 0',
    });
    await queryRunner.createTable(
      new Table({
        name: 'volunteer_reliability',
        columns: [
          { name: 'volunteer_id', type: 'varchar', length: '36', isPrimary: true },
          count('open_assignments'),
          count('accepted'),
          count('completed'),
          count('declined'),
          count('released'),
          count('rating_sum'),
          count('rating_count'),
          updated('updated_at'),
        ],
        foreignKeys: [toVolunteer('fk_reliability_volunteer')],
        // TypeORM writes no CHECK constraints for MySQL: added below with plain SQL.
        checks: sqlite ? [counts] : [],
      }),
    );
    if (!sqlite) await queryRunner.query(`ALTER TABLE \`volunteer_reliability\` ADD CONSTRAINT \`${counts.name}\` CHECK (${counts.expression})`);

    await queryRunner.createTable(
      new Table({
        name: 'volunteer_assignment',
        columns: [
          { name: 'volunteer_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'ticket_id', type: 'varchar', length: '64', isPrimary: true },
          moment('accepted_at'),
          moment('released_at'),
          moment('declined_at'),
          moment('completed_at'),
          { name: 'rating', type: 'smallint', isNullable: true },
          moment('rated_at'),
        ],
        foreignKeys: [toVolunteer('fk_assignment_volunteer')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('volunteer_assignment');
    await queryRunner.dropTable('volunteer_reliability');
    await queryRunner.dropIndex('volunteer', 'ix_volunteer_home_location');
    for (const column of ['home_latitude', 'home_longitude']) await queryRunner.query(`ALTER TABLE volunteer DROP COLUMN ${column}`);
  }
}
