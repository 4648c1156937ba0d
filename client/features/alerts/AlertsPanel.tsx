import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_LEVELS } from '../../../server/domain/dispatch-rules.ts';
import type { AlertCollection, ExposedHousehold } from '../../api/alerts.ts';
import type { ZoneShape } from '../../map/draw.ts';
import { ALERT_LEVEL_COLORS } from '../../map/palette.ts';
import { AlertCard } from './AlertCard.tsx';
import { AlertDetail } from './AlertDetail.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { Panel } from '../../ui/Panel.tsx';

/** The level key, drawn like the map draws zones (fill, outline; dashed = expiring): reads ALERT_LEVEL_COLORS. */
function LevelLegend() {
  const { t } = useTranslation();
  return (
    <div className="level-legend" aria-label={t('alerts.legendTitle')}>
      <ul className="level-legend__levels">
        {ALERT_LEVELS.map((l) => (
          <li key={l} style={{ '--level-color': ALERT_LEVEL_COLORS[l] } as CSSProperties} title={t(`alertLevelMeaning.${l}`)}>
            <span className="level-legend__swatch" aria-hidden="true" />
            {t(`alertLevel.${l}`)}
          </li>
        ))}
      </ul>
      <span className="level-legend__note">
        <span className="level-legend__dashed" aria-hidden="true" />
        {t('alerts.expiringLegend')}
      </span>
    </div>
  );
}

export interface AlertsPanelProps {
  alerts: AlertCollection | undefined;
  loading: boolean;
  error: unknown;
  selectedId: number | null;
  onSelect(id: number | null): void;
  now: number;
  canCreate: boolean;
  canDispatch: boolean;
  drawing: ZoneShape | null;
  onDraw(shape: ZoneShape): void;
  onImport(): void;
  onOpenHousehold(h: ExposedHousehold): void;
  folded: boolean;
  onFold(): void;
  onClose(): void;
  notice: ReactNode;
}

/** Warnings: active first with exposure by grade; one selected shows its zone, actions and ranked houses. */
export function AlertsPanel(props: AlertsPanelProps) {
  const { t } = useTranslation();
  const features = props.alerts?.features ?? [];
  // Active warnings over other places (a county warning whose zone misses one's township) are no one's
  // "0 exposed": they are grouped apart, folded, and not counted in the head.
  const live = features.filter((f) => f.properties.status === 'active');
  const active = live.filter((f) => f.properties.inJurisdiction);
  const elsewhere = live.filter((f) => !f.properties.inJurisdiction);
  const past = features.filter((f) => f.properties.status !== 'active');
  const selected = props.selectedId === null ? undefined : features.find((f) => f.properties.id === props.selectedId);

  return (
    <Panel
      id="alerts"
      className="panel--alerts"
      testId="alerts-panel"
      title={
        <>
          {t('alerts.title')}
          <span className={`alerts__count${active.length > 0 ? ' alerts__count--on' : ''}`}>{active.length}</span>
        </>
      }
      folded={props.folded}
      onFold={props.onFold}
      onClose={props.onClose}
    >
      {props.canCreate && (
        <div className="alerts__tools" role="group" aria-label={t('alerts.draw.title')}>
          <button type="button" className="button" aria-pressed={props.drawing === 'polygon'} onClick={() => props.onDraw('polygon')}>
            {t('alerts.draw.polygon')}
          </button>
          <button type="button" className="button" aria-pressed={props.drawing === 'circle'} onClick={() => props.onDraw('circle')}>
            {t('alerts.draw.circle')}
          </button>
          <button type="button" className="button" onClick={props.onImport}>
            {t('alerts.import.button')}
          </button>
        </div>
      )}
      {props.notice}
      <LevelLegend />
      {props.error != null && <ErrorNote error={props.error} />}
      {selected ? (
        <AlertDetail
          key={selected.properties.id}
          alert={selected}
          now={props.now}
          canEdit={props.canCreate}
          canDispatch={props.canDispatch}
          onBack={() => props.onSelect(null)}
          onOpenHousehold={props.onOpenHousehold}
        />
      ) : (
        <>
          {props.loading && <p className="alerts__empty">{t('alerts.loading')}</p>}
          {props.alerts && active.length === 0 && <p className="alerts__empty">{t(elsewhere.length > 0 ? 'alerts.noneHere' : 'alerts.none')}</p>}
          <ul className="alerts__list" aria-label={t('alerts.activeList')}>
            {active.map((f) => (
              <AlertCard key={f.properties.id} alert={f} now={props.now} onSelect={props.onSelect} />
            ))}
          </ul>
          {elsewhere.length > 0 && (
            <details className="alerts__past alerts__elsewhere" data-testid="alerts-elsewhere">
              <summary>{t('alerts.elsewhere', { count: elsewhere.length })}</summary>
              <p className="alerts__note">{t('alerts.elsewhereNote')}</p>
              <ul className="alerts__list">
                {elsewhere.map((f) => (
                  <AlertCard key={f.properties.id} alert={f} now={props.now} onSelect={props.onSelect} />
                ))}
              </ul>
            </details>
          )}
          {past.length > 0 && (
            <details className="alerts__past">
              <summary>{t('alerts.inactive', { count: past.length })}</summary>
              <ul className="alerts__list">
                {past.map((f) => (
                  <AlertCard key={f.properties.id} alert={f} now={props.now} onSelect={props.onSelect} />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </Panel>
  );
}
