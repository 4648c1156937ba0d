// The dispatch rules table (派发规则): for each warning type and level, which houses a dispatch sends
// someone to and within how many hours. One rule is edited at a time, with what it would select today
// under the active warnings of its type and level (POST /api/dispatch-rules/preview) before it is saved.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDispatchRules, type DispatchRuleRow } from '../../api/dispatch-rules.ts';
import { ALERT_LEVELS, ALERT_TYPES } from '../../../server/domain/dispatch-rules.ts';
import { ALERT_LEVEL_COLORS } from '../../map/palette.ts';
import { Badge } from '../../ui/Badge.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { RuleDialog } from './RuleDialog.tsx';

const LEVELS_DOWN = [...ALERT_LEVELS].reverse();

export function RulesEditor() {
  const { t } = useTranslation();
  const rules = useDispatchRules();
  const [editing, setEditing] = useState<DispatchRuleRow | null>(null);
  const byKey = useMemo(() => new Map((rules.data ?? []).map((r) => [`${r.alertType}:${r.level}`, r])), [rules.data]);
  return (
    <section className="admin-section" aria-labelledby="rules-title">
      <div className="admin-section__head">
        <h1 id="rules-title">{t('admin.rules.title')}</h1>
        <p className="admin-section__intro">{t('admin.rules.intro')}</p>
      </div>
      {rules.isError && <ErrorNote error={rules.error} />}
      {rules.isPending && <p className="admin-summary">{t('app.loading')}</p>}
      {rules.isSuccess && (
        <table className="admin-table admin-table--rules" data-testid="rules-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.rules.type')}</th>
              <th scope="col">{t('admin.rules.level')}</th>
              <th scope="col">{t('admin.rules.selects')}</th>
              <th scope="col">{t('admin.rules.within')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.users.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ALERT_TYPES.flatMap((type) =>
              LEVELS_DOWN.map((level, i) => {
                const r = byKey.get(`${type}:${level}`);
                if (!r) return null;
                return (
                  <tr key={`${type}:${level}`} data-testid="rule-row" data-rule={`${type}:${level}`} className={i === 0 ? 'admin-table__row--first' : undefined}>
                    <td data-label={t('admin.rules.type')} className="admin-rules__type">
                      {i === 0 ? <strong>{t(`alertType.${type}`)}</strong> : <span className="admin-rules__repeat">{t(`alertType.${type}`)}</span>}
                    </td>
                    <td data-label={t('admin.rules.level')}>
                      <Badge color={ALERT_LEVEL_COLORS[level]}>{t(`alertLevel.${level}`)}</Badge>
                    </td>
                    <td data-label={t('admin.rules.selects')}>
                      <RuleClauses rule={r} />
                    </td>
                    <td data-label={t('admin.rules.within')} className="mono">
                      {t('admin.rules.hours', { count: r.dueHours })}
                    </td>
                    <td className="admin-table__actions">
                      <button type="button" className="button" onClick={() => setEditing(r)}>
                        {t('admin.rules.edit')}
                      </button>
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
      {editing && <RuleDialog rule={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

/** "C/D级; 土木, 土坯; 全部重点房屋" — the clauses of a rule, any of which selects a house. */
export function RuleClauses({ rule }: { rule: Pick<DispatchRuleRow, 'grades' | 'structures' | 'keyHouses' | 'keyStructures'> }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  if (rule.grades.length) parts.push(t('admin.rules.gradesClause', { grades: rule.grades.join('/') }));
  if (rule.structures.length) parts.push(rule.structures.map((s) => t(`structure.${s}`)).join('、'));
  if (rule.keyHouses) parts.push(t('admin.rules.keyClause'));
  if (rule.keyStructures.length) parts.push(t('admin.rules.keyStructuresClause', { structures: rule.keyStructures.map((s) => t(`structure.${s}`)).join('、') }));
  return <span className="admin-rules__clauses">{parts.length ? parts.join('；') : t('admin.rules.nothing')}</span>;
}
