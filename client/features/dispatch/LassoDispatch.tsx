// Manual dispatch for a lasso selection (issue 6): an editor draws a polygon on the household map, the
// houses loaded on the map inside it are ringed, and a dialog sends them as patrol tasks — one per
// village, to its trained inspector, with a route (POST /api/dispatch/manual). Talks to the map only
// through MapApi, like the warnings feature.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { EDITORS, type Role } from '../../../server/domain/roles.ts';
import type { HouseholdCollection, HouseholdFeature } from '../../api/households.ts';
import type { ZoneDrawing } from '../../map/draw.ts';
import type { MapApi } from '../../map/MapView.tsx';
import { LassoDispatchDialog } from './LassoDispatchDialog.tsx';
import { housesWithin, zoneBBox } from './lasso.ts';
import './lasso.css';

/** The lasso's outline and fill: violet, apart from the grade colours and the warnings' brown. */
const LASSO_COLOR = '#6d28d9';

export interface LassoDispatchProps {
  map: RefObject<MapApi | null>;
  role: Role;
  /** The households loaded on the map (the current filters): what a lasso can select. */
  households: HouseholdCollection | undefined;
  /**
   * A map drawn from tiles has no households loaded: the lasso asks for those in its box (the current
   * filters) instead, then keeps the ones inside the polygon. `complete: false`: the box held more than
   * were sent, so the selection is too large to dispatch.
   */
  loadWithin?: ((bbox: [number, number, number, number]) => Promise<{ features: HouseholdFeature[]; complete: boolean }>) | undefined;
  /** Drawing starts (on a phone the screen closes its bottom sheet, which would cover the map). */
  onStart?(): void;
  /** The lasso is being drawn (true) or no longer (false): the screen clears the map for it. */
  onDrawing?(drawing: boolean): void;
}

export function LassoDispatch({ map, role, households, loadWithin, onStart, onDrawing }: LassoDispatchProps) {
  const { t } = useTranslation();
  const [drawing, setDrawing] = useState<ZoneDrawing | null>(null);
  const [picked, setPicked] = useState<{ session: ZoneDrawing; houses: HouseholdFeature[]; complete: boolean } | null>(null);
  // The houses as they are when the polygon closes, not when drawing began.
  const loaded = useRef(households);
  loaded.current = households;
  const load = useRef(loadWithin);
  load.current = loadWithin;

  // Leaving the screen mid-way removes the polygon and the rings.
  const session = useRef<ZoneDrawing | null>(null);
  session.current = drawing ?? picked?.session ?? null;
  useEffect(
    () => () => {
      session.current?.clear();
      map.current?.highlightSelection(null);
    },
    [map],
  );

  useEffect(() => onDrawing?.(drawing !== null), [onDrawing, drawing]);

  // Editors dispatch patrols (server/auth/rules.ts: POST /api/dispatch/manual).
  if (!EDITORS.includes(role)) return null;

  const start = () => {
    drawing?.cancel();
    picked?.session.clear();
    setPicked(null);
    map.current?.highlightSelection(null);
    const s = map.current?.drawZone('lasso', LASSO_COLOR);
    if (!s) return;
    setDrawing(s);
    onStart?.();
    void s.done.then(async (zone) => {
      setDrawing((d) => (d === s ? null : d));
      if (!zone) {
        s.clear();
        return;
      }
      const { features, complete } = load.current ? await load.current(zoneBBox(zone)) : { features: loaded.current?.features ?? [], complete: true };
      const houses = housesWithin(features, zone);
      map.current?.highlightSelection(houses.map(({ properties: p, geometry: g }) => ({ id: p.id, lon: g.coordinates[0], lat: g.coordinates[1], grade: p.grade })));
      setPicked({ session: s, houses, complete });
    });
  };

  const close = () => {
    picked?.session.clear();
    setPicked(null);
    map.current?.highlightSelection(null);
  };

  return (
    <>
      <button
        type="button"
        className="lasso-button"
        aria-pressed={drawing !== null}
        data-testid="lasso-button"
        onClick={() => (drawing ? drawing.cancel() : start())}
      >
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
          <path d="M3 5.5 9.5 2.5 15.5 6 13.5 14 5 15.5Z" fill="currentColor" fillOpacity="0.18" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" strokeDasharray="2.6 1.8" />
          <circle cx="3" cy="5.5" r="1.8" fill="currentColor" />
        </svg>
        {t('dispatch.lasso.button')}
      </button>
      {drawing && (
        <div className="draw-hint" role="status">
          <span>{t('dispatch.lasso.hint')}</span>
          <button type="button" className="button" onClick={() => drawing.cancel()}>
            {t('dispatch.lasso.cancelDrawing')}
          </button>
        </div>
      )}
      {picked && <LassoDispatchDialog houses={picked.houses} complete={picked.complete} onClose={close} onRedraw={start} />}
    </>
  );
}
