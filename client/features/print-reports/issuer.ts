// Who issues a report (发文单位): the county's housing bureau (XX县住房和城乡建设局), a township's
// government (XX镇人民政府) or a subdistrict's office (XX街道办事处). A village committee issues no
// reports upward, so a village's report goes out under its township.
import type { TFunction } from 'i18next';
import { findRegionPath, useRegions } from '../../api/regions.ts';
import { useTranslation } from 'react-i18next';

export function issuingUnit(t: TFunction, region: { name: string; level: string }): string {
  if (region.level === 'county') return t('printReports.issuer.county', { name: region.name });
  if (region.name.endsWith('街道')) return t('printReports.issuer.subdistrict', { name: region.name });
  return t('printReports.issuer.township', { name: region.name });
}

/** The issuing unit of the report on region `code` (null until the region tree is in). */
export function useIssuer(code: string): string | null {
  const { t } = useTranslation();
  const regions = useRegions();
  if (!regions.data) return null;
  const path = findRegionPath(regions.data, code) ?? [];
  const unit = path.findLast((r) => r.level === 'township' || r.level === 'county');
  return unit ? issuingUnit(t, unit) : null;
}
