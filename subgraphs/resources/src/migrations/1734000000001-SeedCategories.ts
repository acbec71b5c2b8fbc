import { uuidv7 } from '@practice/common';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { categoryCatalogRows } from '../category/category.catalog';

/** The taxonomy every deployment starts with (reference data, not demo data). */
export class SeedCategories1734000000001 implements MigrationInterface {
  name = 'SeedCategories1734000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const byCode = new Map<string, { id: string; path: string }>();
    for (const row of categoryCatalogRows()) {
      const id = uuidv7();
      const parent = row.parentCode ? byCode.get(row.parentCode)! : null;
      const path = `${parent?.path ?? '/'}${id}/`;
      byCode.set(row.code, { id, path });
      await queryRunner.query(
        'INSERT INTO category (id, code, name, parent_id, path, region_code, sort_order, created_by) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)',
        [id, row.code, row.name, parent?.id ?? null, path, row.sortOrder, 'system'],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Children first, for the parent foreign key.
    for (const row of categoryCatalogRows().reverse()) await queryRunner.query('DELETE FROM category WHERE code = ?', [row.code]);
  }
}
