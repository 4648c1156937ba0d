import { useTranslation } from 'react-i18next';
import { formatDistance, geoUri, metresBetween, type LonLat } from './way-to-stop.ts';

/** "Navigate" (a geo: link for the phone's map app) and how far the stop is from the inspector. */
export function StopWay({ stop, from }: { stop: LonLat; from: LonLat | null }) {
  const { t } = useTranslation();
  return (
    <p className="stop-way">
      <a className="button stop-way__go" href={geoUri(stop)} title={t('field.way.navigateTitle')}>
        {t('field.way.navigate')}
      </a>
      <span className="stop-way__distance" data-testid="stop-distance">
        {from ? t('field.way.distance', { distance: formatDistance(t, metresBetween(from, stop)) }) : t('field.way.noFix')}
      </span>
    </p>
  );
}
