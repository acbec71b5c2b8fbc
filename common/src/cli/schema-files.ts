import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder upwards whose package.json declares workspaces. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).workspaces) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No workspace root above ${from}`);
    dir = parent;
  }
}

export const schemaDir = (): string => join(repoRoot(), 'schema');

/**
 * Writes a generated schema file, or with `check` compares it with the committed one and answers
 * whether it is current, so CI can fail on a stale file.
 */
export function writeOrCheck(file: string, content: string, check: boolean): boolean {
  if (!check) {
    writeFileSync(file, content);
    return true;
  }
  return existsSync(file) && readFileSync(file, 'utf8') === content;
}
