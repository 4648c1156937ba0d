import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from './client.ts';
import { keys } from './keys.ts';

type RegionTree = InferResponseType<typeof api.api.regions.$get, 200>['county'];
/** A region and its children: the answer's tree, read at any depth. */
export type RegionNode = Omit<RegionTree, 'children'> & { children: RegionNode[] };

async function fetchRegions(): Promise<RegionNode> {
  return (await unwrap(await api.api.regions.$get())).county;
}

/** The region tree of one's jurisdiction (county → township → village → group). */
export function useRegions() {
  return useQuery({ queryKey: keys.regions, queryFn: fetchRegions, staleTime: Infinity });
}

/** The node with this code and the path of its ancestors, root first. */
export function findRegionPath<N extends { code: string; children: N[] }>(root: N, code: string): N[] | null {
  if (root.code === code) return [root];
  for (const child of root.children) {
    const path = findRegionPath(child, code);
    if (path) return [root, ...path];
  }
  return null;
}
