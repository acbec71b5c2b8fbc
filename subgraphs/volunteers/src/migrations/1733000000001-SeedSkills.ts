import { uuidv7 } from '@practice/common';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { catalogRows } from '../skill/skill.catalog';

/** The skills tree every deployment starts with (reference data, not demo data). */
export class SeedSkills1733000000001 implements MigrationInterface {
  name = 'SeedSkills1733000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const byCode = new Map<string, { id: string; path: string }>();
    for (const row of catalogRows()) {
      const id = uuidv7();
      const parent = row.parentCode ? byCode.get(row.parentCode)! : null;
      const path = `${parent?.path ?? '/'}${id}/`;
      byCode.set(row.code, { id, path });
      await queryRunner.query('INSERT INTO skill (id, code, name, parent_id, path) VALUES (?, ?, ?, ?, ?)', [id, row.code, row.name, parent?.id ?? null, path]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const codes = catalogRows().map((row) => row.code);
    // Children first, for the parent foreign key.
    for (const code of codes.reverse()) await queryRunner.query('DELETE FROM skill WHERE code = ?', [code]);
  }
}
