import DataLoader from 'dataloader';

/**
 * Per-request cache of DataLoaders, created on first use. Each loader batches every key asked for
 * in one tick into one SQL statement, so lists resolve their relations in a constant number of
 * statements whatever their length.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = create() as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** A loader of one row per key; keys without a row load as null. */
export function rowLoader<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(
    async (keys) => {
      const rows = await load(keys);
      const byKey = new Map(rows.map((row) => [keyOf(row), row]));
      return keys.map((key) => byKey.get(key) ?? null);
    },
    { maxBatchSize: 1000 },
  );
}

/** A loader of the rows belonging to each key (one-to-many); keys without rows load as []. */
export function groupLoader<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(
    async (keys) => {
      const rows = await load(keys);
      const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
      for (const row of rows) byKey.get(keyOf(row))?.push(row);
      return keys.map((key) => byKey.get(key)!);
    },
    { maxBatchSize: 1000 },
  );
}
