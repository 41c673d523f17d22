import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, whether running from `src/` (tsx) or from `dist/src/` (node). */
export function findProjectRoot(): string {
  const here = fileURLToPath(import.meta.url);
  const marker = `${sep}src${sep}config${sep}`;
  return here.slice(0, here.lastIndexOf(marker)).replace(new RegExp(`\\${sep}dist$`), '');
}
