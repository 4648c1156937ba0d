// Warnings (预警): the list with exposure counts, one alert's ranked exposure, the season badge, and
// the editors' changes (create, import, extend, cancel, dispatch patrols).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { AlertLevel, AlertType, ZoneGeometry } from '../../server/domain/alerts.ts';
import { api, unwrap } from './client.ts';
import { keys } from './keys.ts';

export type { AlertLevel, AlertType, ZoneGeometry };

async function fetchAlerts(signal: AbortSignal) {
  return unwrap(await api.api.alerts.$get({ query: { status: 'all' } }, { init: { signal } }));
}

export type AlertCollection = Awaited<ReturnType<typeof fetchAlerts>>;
export type AlertFeature = AlertCollection['features'][number];

/** The exposure counts the list carries for active alerts (null for expired and cancelled ones). */
export type ExposureCounts = NonNullable<AlertFeature['properties']['exposure']>;

/** Every alert, active first, then by severity and recency (the server's order); refreshed each minute. */
export function useAlerts() {
  return useQuery({
    queryKey: keys.alerts.list,
    queryFn: ({ signal }) => fetchAlerts(signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

/** How many exposed households the panel and the map ask for: enough to highlight them all. */
export const EXPOSURE_LIMIT = 20_000;

async function fetchExposure(id: number, signal: AbortSignal) {
  return unwrap(
    await api.api.alerts[':id'].exposure.$get({ param: { id: String(id) }, query: { limit: String(EXPOSURE_LIMIT) } }, { init: { signal } }),
  );
}

export type AlertExposure = Awaited<ReturnType<typeof fetchExposure>>;
export type ExposedHousehold = AlertExposure['households'][number];

/** The households in one alert's zone (and the caller's jurisdiction), ranked by risk, highest first. */
export function useAlertExposure(id: number | null) {
  return useQuery({
    queryKey: keys.alerts.exposure(id ?? 0),
    queryFn: ({ signal }) => fetchExposure(id!, signal),
    enabled: id !== null,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

async function fetchSeasons(signal: AbortSignal) {
  return unwrap(await api.api.seasons.$get({ query: {} }, { init: { signal } }));
}
export type SeasonsNow = Awaited<ReturnType<typeof fetchSeasons>>;

/** Which seasons (汛期, 冻融 …) the county is in today and how many alerts are active. */
export function useSeasons() {
  return useQuery({ queryKey: keys.alerts.seasons, queryFn: ({ signal }) => fetchSeasons(signal), staleTime: 60_000, refetchInterval: 60_000 });
}

/**
 * Fetches the list and the badge again now: for when the reader asks to see the list (back to 全部预警,
 * the sheet opened), so a warning imported elsewhere since the last poll shows without waiting for it.
 */
export function useRefreshAlerts() {
  const qc = useQueryClient();
  return useCallback(() => {
    void qc.invalidateQueries({ queryKey: keys.alerts.list });
    void qc.invalidateQueries({ queryKey: keys.alerts.seasons });
  }, [qc]);
}

/** After any change to alerts: the list, the badge, the exposure and the households' own alert lists. */
function useInvalidateAlerts() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: keys.alerts.all });
}

type CreateBody = Parameters<typeof api.api.alerts.$post>[0]['json'];
export type NewAlert = CreateBody;

/** POST /api/alerts: a zone drawn on the map (polygon or circle) with its form. */
export function useCreateAlert() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: async (body: NewAlert) => unwrap(await api.api.alerts.$post({ json: body })),
    onSuccess: () => invalidate(),
  });
}

/** The media type the import route expects for a file: CAP XML or GeoJSON, by name, type, or first character. */
export function importContentType(file: { name: string; type: string }, text: string): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xml') || name.endsWith('.cap') || /xml/.test(file.type)) return 'application/xml';
  if (name.endsWith('.geojson')) return 'application/geo+json';
  if (name.endsWith('.json') || /json/.test(file.type)) return 'application/json';
  const first = text.trimStart()[0];
  if (first === '<') return 'application/xml';
  if (first === '{' || first === '[') return 'application/geo+json';
  return null;
}

/** POST /api/alerts/import: the file as it is (its bytes, in its own encoding) with the Content-Type the server reads it by. */
export function useImportAlerts() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: async ({ body, contentType }: { body: Blob | string; contentType: string }) =>
      unwrap(await api.api.alerts.import.$post({}, { headers: { 'content-type': contentType }, init: { body } })),
    onSuccess: () => invalidate(),
  });
}

type PatchBody = Parameters<(typeof api.api.alerts)[':id']['$patch']>[0]['json'];

/** PATCH /api/alerts/:id: extend (a later expiresAt) or cancel. */
export function usePatchAlert() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: async ({ id, change }: { id: number; change: PatchBody }) =>
      unwrap(await api.api.alerts[':id'].$patch({ param: { id: String(id) }, json: change })),
    onSuccess: () => invalidate(),
  });
}

/** POST /api/alerts/:id/dispatch: patrol tasks for the houses the rule selects (idempotent). */
export function useDispatchAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => unwrap(await api.api.alerts[':id'].dispatch.$post({ param: { id: String(id) } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
}
