// Briefing mode (/briefing?region=&since=&slide=): the region's figures as four full-screen slides for
// a meeting — no app header, large type for a projector. ←/→, PageUp/PageDown and Space turn the
// slides, Home/End jump to the first and last, Esc goes back to the dashboard; a button asks for the
// whole screen (Fullscreen API). The numbers come from GET /api/dashboard through the query cache,
// and the service worker keeps every answer this page fetched (cache anju-briefing), so a briefing
// opened once with signal opens again without.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FRAGILE_STRUCTURES } from '../../../server/domain/housing.ts';
import type { Me } from '../../api/auth.ts';
import { useBasemap } from '../../api/basemap.ts';
import { dashboardQuery } from '../../api/queries.ts';
import { useHouseholds, type HouseholdFilters } from '../../api/households.ts';
import { navigate, replaceUrl, useLocation, withParams } from '../../navigation.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { useAlertLayer } from '../alerts/AlertsFeature.tsx';
import { dashboardHref, dashboardParams } from '../dashboard/dashboard-url.ts';
import { SLIDES, parseBriefingView } from './briefing-url.ts';
import '../dashboard/dashboard.css';
import './briefing.css';
import { ChangesSlide, ChildrenSlide, DueSlide, MapSlide } from './slides.tsx';

export default function BriefingScreen(props: { me: NonNullable<Me> }) {
  const { t } = useTranslation();
  const loc = useLocation();
  const search = loc.includes('?') ? loc.slice(loc.indexOf('?')) : '';
  const view = useMemo(() => parseBriefingView(search), [search]);
  // Kept a day once fetched: a briefing stays on screen through a meeting, signal or not.
  const figures = useQuery({ ...dashboardQuery(dashboardParams(view)), gcTime: 24 * 3600_000 });
  const f = figures.data;

  // The map's houses: the fragile structures of the region (the ones a warning puts at risk first).
  const filters = useMemo<HouseholdFilters>(
    () => ({ grades: null, structures: [...FRAGILE_STRUCTURES], keyOnly: false, repairedCOnly: false, region: view.region }),
    [view.region],
  );
  const households = useHouseholds(filters);
  const basemap = useBasemap();
  const alerts = useAlertLayer(null);

  const last = SLIDES.length - 1;
  const go = useCallback((slide: number) => replaceUrl(withParams({ slide: Math.min(last, Math.max(0, slide)) + 1 })), [last]);
  const leave = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    navigate(dashboardHref({ region: view.region, from: null, to: null }));
  }, [view.region]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const step: Record<string, () => void> = {
        ArrowRight: () => go(view.slide + 1),
        PageDown: () => go(view.slide + 1),
        ' ': () => go(view.slide + (e.shiftKey ? -1 : 1)),
        ArrowLeft: () => go(view.slide - 1),
        PageUp: () => go(view.slide - 1),
        Home: () => go(0),
        End: () => go(last),
        Escape: leave,
      };
      const act = step[e.key];
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, leave, view.slide, last]);

  const fullscreen = useFullscreen();
  // The comparison is named by what it compares: townships of a county, villages of a township.
  const childLevel = f?.region.level === 'county' ? 'township' : 'village';
  const titles = SLIDES.map((s) => (s === 'children' && f ? t(`dashboard.chart.children.${childLevel}`) : t(`briefing.slide.${s}`)));

  return (
    <div className="briefing" data-slide={view.slide + 1}>
      <header className="briefing__bar">
        <span className="briefing__region">{f?.region.name ?? props.me.user.region.name}</span>
        <h1 className="briefing__title">{titles[view.slide]}</h1>
        <span className="briefing__date">{f ? t('briefing.date', { today: f.today }) : ''}</span>
      </header>
      <main className="briefing__stage">
        {figures.isError && !f && (
          <div className="slide-empty">
            <ErrorNote error={figures.error}>
              <button type="button" className="button" onClick={() => void figures.refetch()}>
                {t('app.retry')}
              </button>
            </ErrorNote>
          </div>
        )}
        {!f && figures.isPending && <p className="slide-empty">{t('app.loading')}</p>}
        {f &&
          SLIDES.map((s, i) => (
            // Every slide stays mounted (the map keeps its view and tiles); the others are out of sight.
            <section key={s} className={`briefing__slide${i === view.slide ? '' : ' briefing__slide--off'}`} aria-hidden={i !== view.slide} aria-label={titles[i]} data-slide-id={s}>
              {s === 'map' && <MapSlide f={f} basemap={basemap.data} households={households.data} alerts={alerts} />}
              {s === 'children' && <ChildrenSlide f={f} />}
              {s === 'changes' && <ChangesSlide f={f} />}
              {s === 'due' && <DueSlide f={f} />}
            </section>
          ))}
      </main>
      <footer className="briefing__foot">
        <button type="button" className="briefing__button" onClick={() => go(view.slide - 1)} disabled={view.slide === 0} aria-label={t('briefing.prev')}>
          ←
        </button>
        <span className="briefing__counter" data-testid="slide-counter" aria-live="polite">
          {t('briefing.counter', { n: view.slide + 1, total: SLIDES.length })}
        </span>
        <button type="button" className="briefing__button" onClick={() => go(view.slide + 1)} disabled={view.slide === last} aria-label={t('briefing.next')}>
          →
        </button>
        <span className="briefing__keys">{t('briefing.keys')}</span>
        {fullscreen.supported && (
          <button type="button" className="briefing__button briefing__button--text" onClick={fullscreen.toggle}>
            {fullscreen.on ? t('briefing.exitFullscreen') : t('briefing.fullscreen')}
          </button>
        )}
        <button type="button" className="briefing__button briefing__button--text" onClick={leave}>
          {t('briefing.leave')}
        </button>
      </footer>
    </div>
  );
}

function useFullscreen(): { supported: boolean; on: boolean; toggle(): void } {
  const [on, setOn] = useState(() => Boolean(document.fullscreenElement));
  useEffect(() => {
    const sync = () => setOn(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  return {
    supported: document.fullscreenEnabled,
    on,
    toggle: () => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => {}),
  };
}
