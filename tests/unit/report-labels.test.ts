import { describe, expect, it } from 'vitest';
import zh from '../../client/i18n/zh-CN.json' with { type: 'json' };
import { ALERT_LEVEL_LABELS, ALERT_TYPE_LABELS, GRADE_LABELS, STATE_LABELS } from '../../server/reports/labels.ts';

describe('the report files’ words', () => {
  it('name grades, ledger stages and warnings as the screens do (client/i18n/zh-CN.json)', () => {
    expect(GRADE_LABELS).toEqual(zh.gradeShort);
    expect(STATE_LABELS).toEqual(zh.status);
    expect(ALERT_TYPE_LABELS).toEqual(zh.alertType);
    expect(ALERT_LEVEL_LABELS).toEqual(zh.alertLevel);
  });
});
