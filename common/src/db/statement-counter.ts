import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from '../server/logger';

/**
 * A TypeORM logger that counts the SQL statements a data source sends, so tests can prove that a
 * query issues a constant number of statements whatever its page size. Debug level logs each one.
 */
export class StatementCounter implements TypeOrmLogger {
  count = 0;
  readonly statements: string[] = [];
  recording = false;

  constructor(private readonly logger?: Logger) {}

  /** Counts the statements `work` causes. Only meaningful when nothing else runs meanwhile. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const before = this.statements.length;
    this.recording = true;
    try {
      const result = await work();
      return { result, statements: this.statements.slice(before) };
    } finally {
      this.recording = false;
      this.statements.length = before;
    }
  }

  logQuery(query: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.count++;
    if (this.recording) this.statements.push(query);
    this.logger?.debug('sql', { sql: query, parameters: parameters?.length });
  }

  logQueryError(error: string | Error, query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.logger?.warn('sql failed', { sql: query, error: String(error) });
  }

  logQuerySlow(time: number, query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.logger?.warn('sql slow', { sql: query, ms: time });
  }

  logSchemaBuild(message: string, _queryRunner?: QueryRunner): void {
    this.logger?.debug('schema', { message });
  }

  logMigration(message: string, _queryRunner?: QueryRunner): void {
    this.logger?.info('migration', { message });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown, _queryRunner?: QueryRunner): void {
    if (level === 'warn') this.logger?.warn(String(message));
    else this.logger?.debug(String(message));
  }
}
