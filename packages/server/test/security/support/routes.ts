import type { FastifyInstance } from 'fastify';

/** A route as `METHOD /path/:param` (HEAD routes fastify adds for GETs are left out). */
export type RouteKey = `${string} /${string}`;

/**
 * Every route the app serves, read from fastify's own route tree (`printRoutes`): the tree prints
 * each node as the part of the path it adds, indented by depth, with the methods it answers.
 */
export function listRoutes(app: FastifyInstance): RouteKey[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes = new Set<RouteKey>();
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const methods = match[3]?.split(',').map((m) => m.trim()) ?? [];
    for (const method of methods) if (method !== 'HEAD') routes.add(`${method} ${stack.join('')}` as RouteKey);
  }
  return [...routes].sort();
}
