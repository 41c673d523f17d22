import { createMemoryStorage, type KeyValueStorage } from '../core/storage.js';

/**
 * localStorage when the browser lets us use it; memory otherwise (storage disabled, some private
 * modes, sandboxed iframes), so that tracking still works for the page's lifetime.
 */
export function createBrowserStorage(): KeyValueStorage {
  try {
    const storage = window.localStorage;
    const probe = 'recograph.probe';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return createMemoryStorage();
  }
}
