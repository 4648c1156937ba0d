// Grouping a dispatch into patrol tasks: one per village, split when too long for one inspector.

export interface PlannedStop {
  houseId: number;
  householdId: number;
  lon: number;
  lat: number;
}

/** At most this many houses per task: about a day's walk for one village inspector. */
export const MAX_STOPS_PER_TASK = 40;

/**
 * Cuts a village's stops, already in optimised tour order, into consecutive chunks of at most
 * `maxStops`. Consecutive stops on a good tour lie close together, so each part stays compact.
 */
export function splitTour<T>(ordered: readonly T[], maxStops = MAX_STOPS_PER_TASK): T[][] {
  if (ordered.length === 0) return [];
  const parts = Math.ceil(ordered.length / maxStops);
  const size = Math.ceil(ordered.length / parts); // even parts, not 40 + 1
  const chunks: T[][] = [];
  for (let i = 0; i < ordered.length; i += size) chunks.push(ordered.slice(i, i + size));
  return chunks;
}

export function groupByVillage<T extends { villageCode: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.villageCode);
    if (list) list.push(item);
    else groups.set(item.villageCode, [item]);
  }
  return groups;
}
