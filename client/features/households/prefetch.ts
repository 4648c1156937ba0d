// What the household map asks the server for on opening, asked for as soon as the session is known
// (screens.ts), while the screen's code — MapLibre is most of it — is still loading and compiling: the
// screen then finds the answers in the query cache, or on their way. The same query options, the same
// filters from the URL and the same tiles-or-GeoJSON decision as the screen's own, so the keys match.
import type { QueryClient } from '@tanstack/react-query';
import type { HouseholdFilters } from '../../api/households.ts';
import { queries } from '../../api/queries.ts';
import { mapQueryFilters, parseUrlState } from './url-state.ts';

type TileDoc = Awaited<ReturnType<NonNullable<ReturnType<typeof queries.households.tiles>['queryFn']>>>;

/**
 * Whether the map draws these filters' houses from vector tiles: the server says the region is large
 * enough (its TileJSON), and the filters can match something (else GeoJSON, empty).
 */
export function drawsFromTiles(doc: Pick<TileDoc, 'tiled'> | undefined, filters: HouseholdFilters): boolean {
  const matchesNothing = filters.grades?.length === 0 || filters.structures?.length === 0;
  return doc?.tiled === true && !matchesNothing;
}

/** Settles once the opening map's household requests are out (or failed); at once when there were none. */
let requestsOut: Promise<void> = Promise.resolve();

/** The longest the map waits for them: a slow TileJSON must not hold the map back. */
const MAX_WAIT_MS = 500;

/**
 * When the household map may start (MapView `startAfter`): once the household requests it opens with
 * are out. Creating a map lays out the whole screen and starts WebGL, ~0.2 s of main thread on a slow
 * machine; done first, it held back the TileJSON's answer and so the start of the households' download.
 */
export const householdRequestsOut = (): Promise<void> =>
  Promise.race([requestsOut, new Promise<void>((resolve) => setTimeout(resolve, MAX_WAIT_MS))]);

export function prefetchHouseholdMap(queryClient: QueryClient): void {
  const filters = mapQueryFilters(parseUrlState(location.search));
  // The TileJSON first: a region below the tile threshold is then loaded whole, as the screen would.
  requestsOut = queryClient.fetchQuery(queries.households.tiles(filters)).then(
    (doc) => {
      if (!drawsFromTiles(doc, filters)) void queryClient.prefetchQuery(queries.households.list(filters));
    },
    () => undefined, // the screen asks again and shows the error
  );
  void queryClient.prefetchQuery(queries.geography.basemap());
  void queryClient.prefetchQuery(queries.geography.regions());
}
