// The printed route sheet (巡查路线单): for an inspector who prefers paper, or a phone with a flat
// battery. Only the print stylesheet shows it. Household numbers and a masked head name, never the
// ID-card or phone number (个人信息保护法 art. 28).
import { useTranslation } from 'react-i18next';
import type { PatrolStop, PatrolTask } from '../../api/tasks.ts';
import { gradeKey } from '../../../server/domain/housing.ts';
import { maskName } from './checklist.ts';

export function RouteSheet({ task, stops }: { task: PatrolTask; stops: readonly PatrolStop[] }) {
  const { t, i18n } = useTranslation();
  const due = new Date(task.dueAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <article className="route-sheet" aria-hidden="true">
      <header>
        <h1>{t('field.sheet.title', { village: task.villageName, id: task.id })}</h1>
        <p>
          {t('field.sheet.meta', {
            assignee: task.assignee?.displayName ?? t('dispatch.unassigned'),
            due,
            count: task.stopCount,
            km: (task.routeLengthM / 1000).toFixed(1),
          })}
        </p>
      </header>
      <table>
        <thead>
          <tr>
            <th>{t('field.sheet.seq')}</th>
            <th>{t('field.sheet.householdNo')}</th>
            <th>{t('field.sheet.head')}</th>
            <th>{t('field.sheet.village')}</th>
            <th>{t('field.sheet.structure')}</th>
            <th>{t('field.sheet.grade')}</th>
            <th className="route-sheet__box">{t('field.result.safe')}</th>
            <th className="route-sheet__box">{t('field.result.hazard')}</th>
            <th className="route-sheet__box">{t('field.result.uninhabitable')}</th>
            <th className="route-sheet__box">{t('field.sheet.photo')}</th>
            <th className="route-sheet__notes">{t('field.sheet.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {stops.map((s) => {
            const box = (r: string) => (s.result === r ? '☑' : '☐');
            return (
              <tr key={s.id}>
                <td>{s.seq}</td>
                <td className="mono">{s.householdNo}</td>
                <td>{maskName(s.headName)}</td>
                <td>{task.villageName}</td>
                <td>{t(`structure.${s.structure}`, { defaultValue: s.structure })}</td>
                <td>{t(`gradeShort.${gradeKey(s.grade)}`)}</td>
                <td className="route-sheet__box">{box('safe')}</td>
                <td className="route-sheet__box">{box('hazard')}</td>
                <td className="route-sheet__box">{box('uninhabitable')}</td>
                <td className="route-sheet__box">☐</td>
                <td />
              </tr>
            );
          })}
        </tbody>
      </table>
      <footer>
        <span>{t('field.sheet.signature')}</span>
        <span>{t('field.sheet.date')}</span>
      </footer>
    </article>
  );
}
