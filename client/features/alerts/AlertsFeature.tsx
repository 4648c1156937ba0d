// The warnings area of the map screen: the panel, drawing and importing zones, and what the map shows
// for the selected warning (its zone fitted, its exposed houses highlighted) — through MapApi only.
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { EDITORS, type Role } from '../../../server/domain/roles.ts';
import { ALERT_LEVELS, ALERT_TYPES } from '../../../server/domain/dispatch-rules.ts';
import { useAlertExposure, useAlerts, useRefreshAlerts, type ExposedHousehold } from '../../api/alerts.ts';
import { alertMapData, type AlertLayerProps } from '../../map/alert-data.ts';
import type { ZoneDrawing, ZoneShape } from '../../map/draw.ts';
import { OPENED_WITH_VIEW, type MapApi } from '../../map/MapView.tsx';
import { coveredInsets, isPhone } from '../../ui/map-insets.ts';
import { AlertsPanel } from './AlertsPanel.tsx';
import { CreateAlertDialog } from './CreateAlertDialog.tsx';
import { ImportAlertDialog, type ImportResult } from './ImportAlertDialog.tsx';
import { EXPIRING_WITHIN_MS, alertName, useNow } from './format.ts';
import './alerts.css';

const DRAW_COLOR = '#9b3d12';

/** What MapView draws for warnings: zones and labels, the selected one, and the expiring mark. */
export function useAlertLayer(selectedId: number | null): AlertLayerProps {
  const { t, i18n } = useTranslation();
  const alerts = useAlerts();
  const now = useNow();
  const data = useMemo(() => alertMapData(alerts.data?.features, selectedId), [alerts.data, selectedId]);
  const names = useMemo(
    () => Object.fromEntries(ALERT_TYPES.flatMap((type) => ALERT_LEVELS.map((level) => [`${type}:${level}`, alertName(t, type, level)]))),
    [t, i18n.language],
  );
  return { data, names, selectedId, expiringBefore: now + EXPIRING_WITHIN_MS };
}

/**
 * Room the cards take over the map, so a fitted zone is not hidden under them: on a phone the warnings
 * sheet (open now or soon) over the lower part; on a wide screen whatever the cards cover, measured.
 */
function fitPadding(): { top: number; right: number; bottom: number; left: number } {
  if (isPhone()) {
    // alerts.css: the sheet is at most 62 % of the map stage high.
    const stage = document.querySelector('.stage')?.getBoundingClientRect().height ?? window.innerHeight * 0.8;
    return { top: 24, right: 24, left: 24, bottom: Math.round(stage * 0.62) + 16 };
  }
  const c = coveredInsets();
  return { top: c.top + 24, right: c.right + 24, bottom: c.bottom + 40, left: c.left + 24 };
}

export interface AlertsFeatureProps {
  map: RefObject<MapApi | null>;
  role: Role;
  selectedId: number | null;
  onSelect(id: number | null): void;
  onOpenHousehold(h: ExposedHousehold): void;
  /** On a phone the panel is a bottom sheet shown when this is true. */
  open: boolean;
  onClose(): void;
  /** A zone is being drawn (true) or no longer (false): the screen clears the map for it. */
  onDrawing?(drawing: boolean): void;
}

export function AlertsFeature(props: AlertsFeatureProps) {
  const { t } = useTranslation();
  const { map, selectedId, open } = props;
  const alerts = useAlerts();
  const refresh = useRefreshAlerts();
  // The reader picks a warning or goes back to the list (全部预警): an earlier notice is done with, and
  // the list shows as it is now, not as of the last minute's poll.
  const onSelect = (id: number | null) => {
    setNotice(null);
    if (id === null && selectedId !== null) refresh();
    props.onSelect(id);
  };
  const exposure = useAlertExposure(selectedId);
  const now = useNow();
  const [folded, setFolded] = useState(false);
  const [drawing, setDrawing] = useState<{ shape: ZoneShape; session: ZoneDrawing } | null>(null);
  const [drawn, setDrawn] = useState<{ zone: GeoJSON.Polygon; session: ZoneDrawing } | null>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Editors create, import, extend and cancel warnings and dispatch patrols (server/auth/rules.ts).
  const canEdit = EDITORS.includes(props.role);

  // Opening the sheet (phone) unfolds it and brings the list up to date.
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open) setFolded(false);
    if (open && !wasOpen.current) refresh();
    wasOpen.current = open;
  }, [open, refresh]);

  // The selected warning's exposed houses, ringed on the map where the exposure answer places them.
  const exposed = exposure.data && exposure.data.alertId === selectedId ? exposure.data.households : null;
  useEffect(() => {
    map.current?.highlight(exposed);
  }, [map, exposed]);
  useEffect(() => () => map.current?.highlight(null), [map]);

  // Fit the map to a warning once when it is selected (a shared link with its own #map= view keeps it).
  const selected = alerts.data?.features.find((f) => f.properties.id === selectedId);
  const fittedFor = useRef<number | null>(null);
  const firstFit = useRef(true);
  useEffect(() => {
    if (!selected || fittedFor.current === selected.properties.id) return;
    fittedFor.current = selected.properties.id;
    const keepView = firstFit.current && OPENED_WITH_VIEW;
    firstFit.current = false;
    if (!keepView && selected.bbox) map.current?.fitBounds(selected.bbox as [number, number, number, number], fitPadding());
  }, [map, selected]);
  useEffect(() => {
    if (selectedId === null) fittedFor.current = null;
  }, [selectedId]);

  const onDrawing = props.onDrawing;
  useEffect(() => onDrawing?.(drawing !== null), [onDrawing, drawing]);

  // Leaving the screen mid-drawing removes terra-draw's layers.
  const drawingRef = useRef<ZoneDrawing | null>(null);
  drawingRef.current = drawing?.session ?? drawn?.session ?? null;
  useEffect(() => () => drawingRef.current?.clear(), []);

  const startDrawing = (shape: ZoneShape) => {
    drawing?.session.cancel();
    drawn?.session.clear();
    setDrawn(null);
    setNotice(null);
    const session = map.current?.drawZone(shape, DRAW_COLOR);
    if (!session) return;
    setDrawing({ shape, session });
    if (isPhone()) props.onClose(); // the sheet would cover the map being drawn on
    void session.done.then((zone: GeoJSON.Polygon | null) => {
      setDrawing((d) => (d?.session === session ? null : d));
      if (zone) setDrawn({ zone, session });
      else session.clear();
    });
  };

  const onImported = (results: ImportResult[]) => {
    setImporting(false);
    const first = results[0];
    const counts = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.action]: (acc[r.action] ?? 0) + 1 }), {});
    setNotice(
      Object.entries(counts)
        .map(([action, count]) => t(`alerts.import.result.${action}`, { count }))
        .join(t('alerts.import.resultSeparator')),
    );
    if (first) props.onSelect(first.alertId);
  };

  return (
    <>
      <AlertsPanel
        alerts={alerts.data}
        loading={alerts.isPending}
        error={alerts.isError ? alerts.error : null}
        selectedId={selectedId}
        onSelect={onSelect}
        now={now}
        canCreate={canEdit}
        canDispatch={canEdit}
        drawing={drawing?.shape ?? null}
        onDraw={startDrawing}
        onImport={() => {
          setNotice(null);
          setImporting(true);
        }}
        onOpenHousehold={props.onOpenHousehold}
        folded={folded}
        onFold={() => setFolded((f) => !f)}
        onClose={props.onClose}
        notice={
          notice && (
            <p className="alerts__notice" role="status">
              {notice}
              <button type="button" className="icon-button" aria-label={t('drawer.close')} onClick={() => setNotice(null)}>
                ×
              </button>
            </p>
          )
        }
      />
      {drawing && (
        <div className="draw-hint" role="status">
          <span>{t(drawing.shape === 'polygon' ? 'alerts.draw.hintPolygon' : 'alerts.draw.hintCircle')}</span>
          <button type="button" className="button" onClick={() => drawing.session.cancel()}>
            {t('alerts.draw.cancel')}
          </button>
        </div>
      )}
      {drawn && (
        <CreateAlertDialog
          zone={drawn.zone}
          onClose={() => {
            drawn.session.clear();
            setDrawn(null);
          }}
          onCreated={(id) => {
            drawn.session.clear();
            setDrawn(null);
            setNotice(t('alerts.form.created'));
            props.onSelect(id);
          }}
        />
      )}
      {importing && <ImportAlertDialog onImported={onImported} onClose={() => setImporting(false)} />}
    </>
  );
}
