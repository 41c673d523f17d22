export interface CategoryNode {
  path: string;
  name: string;
  parent: string | null;
}

/** Every category of the given paths with its ancestors, parents before children, each once. */
export function expandCategoryPaths(paths: readonly string[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  for (const path of paths) {
    const segments = path.split('/').slice(1);
    segments.forEach((name, index) => {
      const current = `/${segments.slice(0, index + 1).join('/')}`;
      if (!nodes.has(current))
        nodes.set(current, {
          path: current,
          name,
          parent: index === 0 ? null : `/${segments.slice(0, index).join('/')}`,
        });
    });
  }
  return [...nodes.values()].sort((a, b) => depthOf(a.path) - depthOf(b.path));
}

/** `/shoes/running` → `/shoes`. */
export function rootOf(path: string): string {
  const second = path.indexOf('/', 1);
  return second === -1 ? path : path.slice(0, second);
}

/** True when `path` is `category` or lies below it. */
export function isWithinCategory(path: string, category: string): boolean {
  return path === category || path.startsWith(`${category}/`);
}

function depthOf(path: string): number {
  return path.split('/').length;
}
