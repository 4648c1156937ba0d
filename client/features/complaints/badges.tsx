// A complaint's status and its standing against the due day, as the list and the detail show them.
import { useTranslation } from 'react-i18next';
import type { ComplaintStatus } from '../../../server/domain/complaint-states.ts';

export function StatusBadge({ status }: { status: ComplaintStatus }) {
  const { t } = useTranslation();
  return <span className={`complaint-status complaint-status--${status}`}>{t(`complaints.status.${status}`)}</span>;
}

/** 已逾期 in red, 逾期答复 (answered late) in amber; nothing while in time. */
export function Standing({ standing }: { standing: string }) {
  const { t } = useTranslation();
  if (standing === 'overdue') return <span className="complaint-flag complaint-flag--overdue" data-testid="overdue-flag">{t('complaints.overdue')}</span>;
  if (standing === 'late') return <span className="complaint-flag complaint-flag--late">{t('complaints.late')}</span>;
  return null;
}
