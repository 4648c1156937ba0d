// Disaster damage (灾损上报, seed 002): events and the houses reported damaged after them, within 3 days.
// Reports go online only (with their photos uploaded first): unlike a patrol result they are not queued
// on the phone.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { uploadPhoto } from './photos.ts';
import { api, unwrap } from './client.ts';
import { queries } from './queries.ts';

/** The events one sees with their damage counts; `recent`: only those the field view still offers. */
export const useDisasters = (recent = false) => useQuery(queries.disasters.list(recent));

export type DisasterEvent = NonNullable<ReturnType<typeof useDisasters>['data']>['events'][number];

/** One event with its damaged houses (latest report each; late ones first). */
export const useDisaster = (id: number | null) => useQuery(queries.disasters.detail(id));

export type DamageReport = NonNullable<ReturnType<typeof useDisaster>['data']>['reports'][number];

export type NewDisaster = InferRequestType<typeof api.api.disasters.$post>['json'];

export function useCreateDisaster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (json: NewDisaster) => unwrap(await api.api.disasters.$post({ json })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queries.disasters.all }),
  });
}

export type NewDamageReport = Omit<InferRequestType<(typeof api.api.disasters)[':id']['reports']['$post']>['json'], 'photos'> & { eventId: number; photos: Blob[] };

/**
 * Uploads the photos (each by its owner: the server attaches only one's own), then reports the house.
 * Serious damage makes the house suspected: the stops and the map that show its state are fetched again.
 */
export function useReportDamage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ eventId, photos, ...json }: NewDamageReport) => {
      const shas: string[] = [];
      for (const [i, blob] of photos.entries()) shas.push(await uploadPhoto(blob, `damage-${i + 1}.jpg`));
      return unwrap(await api.api.disasters[':id'].reports.$post({ param: { id: String(eventId) }, json: { ...json, photos: shas } }));
    },
    onSuccess: () =>
      Promise.all([queries.disasters.all, queries.tasks.all, queries.households.all].map((queryKey) => qc.invalidateQueries({ queryKey }))),
  });
}
