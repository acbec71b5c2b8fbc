import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

const timestamps = [
  { name: 'created_at', type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)' },
  { name: 'updated_at', type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)', onUpdate: 'CURRENT_TIMESTAMP(6)' },
];

/** The site tree, demonstration designations and the register of site managers. */
export class CreateSites1732000000000 implements MigrationInterface {
  name = 'CreateSites1732000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const sqlite = queryRunner.connection.driver.options.type === 'better-sqlite3';
    const now = (column: (typeof timestamps)[number]) =>
      sqlite ? { ...column, precision: undefined, onUpdate: undefined, default: "(datetime('now'))" } : column;
    await queryRunner.createTable(
      new Table({
        name: 'site',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'code', type: 'varchar', length: '32' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'parent_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'path', type: 'varchar', length: '400' },
          { name: 'region_code', type: 'varchar', length: '12' },
          { name: 'address', type: 'varchar', length: '200' },
          { name: 'latitude', type: 'double', isNullable: true },
          { name: 'longitude', type: 'double', isNullable: true },
          { name: 'contact_phone', type: 'varchar', length: '32', isNullable: true },
          { name: 'opening_hours', type: 'text' },
          { name: 'facilities', type: 'text' },
          { name: 'sector', type: 'varchar', length: '32', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          ...timestamps.map(now),
        ],
        indices: [
          new TableIndex({ name: 'uq_site_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'ix_site_parent', columnNames: ['parent_id'] }),
          new TableIndex({ name: 'ix_site_path', columnNames: ['path'] }),
          new TableIndex({ name: 'ix_site_region', columnNames: ['region_code'] }),
          new TableIndex({ name: 'ix_site_latitude', columnNames: ['latitude'] }),
          new TableIndex({ name: 'ix_site_status_kind', columnNames: ['status', 'kind'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_site_parent',
            columnNames: ['parent_id'],
            referencedTableName: 'site',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
            onUpdate: 'RESTRICT',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'site_designation',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'site_id', type: 'varchar', length: '36' },
          { name: 'level', type: 'varchar', length: '16' },
          { name: 'year', type: 'smallint' },
          { name: 'title', type: 'varchar', length: '100', isNullable: true },
          { name: 'designated_by', type: 'varchar', length: '64' },
          now(timestamps[0]),
        ],
        indices: [new TableIndex({ name: 'uq_site_designation', columnNames: ['site_id', 'level', 'year'], isUnique: true })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_designation_site',
            columnNames: ['site_id'],
            referencedTableName: 'site',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
            onUpdate: 'RESTRICT',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'site_manager',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'site_id', type: 'varchar', length: '36' },
          { name: 'subject', type: 'varchar', length: '64' },
          { name: 'name', type: 'varchar', length: '50' },
          { name: 'phone', type: 'varchar', length: '20', isNullable: true },
          { name: 'assigned_by', type: 'varchar', length: '64' },
          { ...now(timestamps[0]), name: 'assigned_at' },
        ],
        indices: [
          new TableIndex({ name: 'uq_site_manager', columnNames: ['site_id', 'subject'], isUnique: true }),
          new TableIndex({ name: 'ix_site_manager_subject', columnNames: ['subject'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_manager_site',
            columnNames: ['site_id'],
            referencedTableName: 'site',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
            onUpdate: 'RESTRICT',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('site_manager');
    await queryRunner.dropTable('site_designation');
    await queryRunner.dropTable('site');
  }
}
