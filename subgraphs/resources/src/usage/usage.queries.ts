import type { LoaderRegistry } from '@practice/common';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { ResourceMonthUsage } from './resource-usage.entity';

/** The key of a resource's month in the orders loader. */
export const usageKey = (resourceId: string, period: string): string => `${resourceId}/${period}`;

/** Reading the counts of orders. */
export class UsageQueries {
  constructor(private readonly db: DataSource) {}

  /**
   * Orders by `<resource id>/<period>` (0 for a month without orders): every key a request asks
   * for, whichever fields ask, in one statement.
   */
  orders(loaders: LoaderRegistry): DataLoader<string, number> {
    return loaders.get('resourceOrders', () => new DataLoader((keys: readonly string[]) => this.load(keys), { maxBatchSize: 1000 }));
  }

  private async load(keys: readonly string[]): Promise<number[]> {
    const pairs = keys.map((key) => key.split('/'));
    const rows = await this.db.getRepository(ResourceMonthUsage).find({
      select: { resourceId: true, period: true, orders: true },
      where: { resourceId: In([...new Set(pairs.map(([id]) => id))]), period: In([...new Set(pairs.map(([, period]) => period))]) },
    });
    const orders = new Map(rows.map((row) => [usageKey(row.resourceId, row.period), Number(row.orders)]));
    return keys.map((key) => orders.get(key) ?? 0);
  }
}
