import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';
import { keys } from './keys.ts';

type WireRegion = Awaited<ReturnType<typeof fetchWire>>['county'];
/** A region and its children; the wire type loses the recursion, so it is restored here. */
export type RegionNode = Omit<WireRegion, 'children'> & { children: RegionNode[] };

async function fetchWire() {
  return unwrap(await api.api.regions.$get());
}

async function fetchRegions(): Promise<RegionNode> {
  return (await fetchWire()).county as RegionNode;
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
