import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { api } from './client.ts';
import { queries } from './queries.ts';

type RegionTree = InferResponseType<typeof api.api.regions.$get, 200>['county'];
/** A region and its children: the answer's tree, read at any depth. */
export type RegionNode = Omit<RegionTree, 'children'> & { children: RegionNode[] };

/** The region tree of one's jurisdiction (county → township → village → group). */
export const useRegions = () => useQuery(queries.geography.regions());

/** The node with this code and the path of its ancestors, root first. */
export function findRegionPath<N extends { code: string; children: N[] }>(root: N, code: string): N[] | null {
  if (root.code === code) return [root];
  for (const child of root.children) {
    const path = findRegionPath(child, code);
    if (path) return [root, ...path];
  }
  return null;
}
