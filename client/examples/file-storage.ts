import { readFile, rename, writeFile } from 'node:fs/promises';
import type { KeyValueStorage } from '../src/core/index.js';

/**
 * A KeyValueStorage in one JSON file, for Node processes (a CLI, a kiosk, a test): the anonymous
 * id and the unsent events survive a restart. Writes go one at a time, through a temporary file
 * and a rename, so a crash never leaves half a file.
 */
export function createFileStorage(path: string): KeyValueStorage {
  let entries: Promise<Map<string, string>> | undefined;
  let writing: Promise<void> = Promise.resolve();

  function load(): Promise<Map<string, string>> {
    entries ??= readFile(path, 'utf8').then(
      (text) => new Map(Object.entries(JSON.parse(text) as Record<string, string>)),
      () => new Map<string, string>(),
    );
    return entries;
  }

  function save(map: Map<string, string>): Promise<void> {
    const text = JSON.stringify(Object.fromEntries(map));
    writing = writing.then(async () => {
      await writeFile(`${path}.tmp`, text);
      await rename(`${path}.tmp`, path);
    });
    return writing;
  }

  return {
    getItem: async (key) => (await load()).get(key) ?? null,
    async setItem(key, value) {
      const map = await load();
      map.set(key, value);
      await save(map);
    },
    async removeItem(key) {
      const map = await load();
      if (map.delete(key)) await save(map);
    },
  };
}
