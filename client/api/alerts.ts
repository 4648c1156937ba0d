// Warnings (预警): the list with exposure counts, one alert's ranked exposure, the season badge, and
// the editors' changes (create, import, extend, cancel, dispatch patrols).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { AlertLevel, AlertType, ZoneGeometry } from '../../server/domain/alerts.ts';
import { api, unwrap } from './client.ts';
import { queries } from './queries.ts';

export type { AlertLevel, AlertType, ZoneGeometry };
export { EXPOSURE_LIMIT } from './queries.ts';

/** Every alert, active first, then by severity and recency (the server's order); refreshed each minute. */
export const useAlerts = () => useQuery(queries.alerts.list());

export type AlertCollection = NonNullable<ReturnType<typeof useAlerts>['data']>;
export type AlertFeature = AlertCollection['features'][number];
/** The exposure counts the list carries for active alerts (null for expired and cancelled ones). */
export type ExposureCounts = NonNullable<AlertFeature['properties']['exposure']>;

/** One alert as GET /api/alerts/:id answers it: its texts in every language and its history. */
export const useAlert = (id: number | null) => useQuery(queries.alerts.detail(id));

export type AlertRecord = NonNullable<ReturnType<typeof useAlert>['data']>;
export type AlertVersion = AlertRecord['properties']['history'][number];
export type AlertInfo = AlertFeature['properties']['infos'][number];

/** The households in one alert's zone (and the caller's jurisdiction), ranked by risk, highest first. */
export const useAlertExposure = (id: number | null) => useQuery(queries.alerts.exposure(id));

export type AlertExposure = NonNullable<ReturnType<typeof useAlertExposure>['data']>;
export type ExposedHousehold = AlertExposure['households'][number];

/** Which seasons (汛期, 冻融 …) the county is in today and how many alerts are active. */
export const useSeasons = () => useQuery(queries.alerts.seasons());

export type SeasonsNow = NonNullable<ReturnType<typeof useSeasons>['data']>;

/**
 * Fetches the list and the badge again now: for when the reader asks to see the list (back to 全部预警,
 * the sheet opened), so a warning imported elsewhere since the last poll shows without waiting for it.
 */
export function useRefreshAlerts() {
  const qc = useQueryClient();
  return useCallback(() => {
    void qc.invalidateQueries({ queryKey: queries.alerts.list().queryKey });
    void qc.invalidateQueries({ queryKey: queries.alerts.seasons().queryKey });
  }, [qc]);
}

/** After any change to alerts: the list, the badge, the exposure and the households' own alert lists. */
function useInvalidateAlerts() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: queries.alerts.all });
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
