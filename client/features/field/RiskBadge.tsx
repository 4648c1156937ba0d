// A stop's risk under its warning (server/domain/risk.ts) and its band: the route visits the bands in
// order, so the field, the stop sheet and the board all say why a house comes first.
import { useTranslation } from 'react-i18next';
import type { RiskBand } from '../../../server/domain/risk-bands.ts';
import { RISK_BAND_COLORS } from '../../map/palette.ts';
import { Badge } from '../../ui/Badge.tsx';

export function RiskBadge({ risk, band }: { risk: number | null; band: RiskBand | null }) {
  const { t } = useTranslation();
  // == null: a task cached on the phone before risk was stored has neither field.
  if (risk == null || band == null) return null;
  return (
    <Badge color={RISK_BAND_COLORS[band]} outline={band === 'low' || band === 'medium'} title={t('risk.score', { score: risk.toFixed(0) })}>
      <span data-testid="stop-risk" data-band={band}>
        {t(`risk.band.${band}`)} {risk.toFixed(0)}
      </span>
    </Badge>
  );
}
