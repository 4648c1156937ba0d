// What a stop shows once something is recorded for it, on the server or still on the phone: a result
// (安全 / 存在隐患 / 不可居住) or 未入户 with its reason. Either one accounts for the stop.
import type { TFunction } from 'i18next';
import type { NotVisitedReason, StopResult } from '../../field/offline-queue.ts';
import { NOT_VISITED_COLOR, STOP_RESULT_COLORS } from '../../map/palette.ts';

export type StopOutcome = StopResult | 'not_visited';

/** A stop from the server or a queued report: the fields both have. */
export interface Recorded {
  result?: StopResult | null | undefined;
  notVisited?: { reason: NotVisitedReason; note?: string | null | undefined } | null | undefined;
}

export function outcomeOf(r: Recorded | null | undefined): StopOutcome | null {
  if (!r) return null;
  if (r.result) return r.result;
  return r.notVisited ? 'not_visited' : null;
}

export function outcomeText(t: TFunction, r: Recorded): string {
  if (r.result) return t(`field.result.${r.result}`);
  if (r.notVisited) return t('field.notVisited.label', { reason: t(`field.notVisited.reason.${r.notVisited.reason}`) });
  return t('field.state.todo');
}

export const outcomeColor = (o: StopOutcome): string => (o === 'not_visited' ? NOT_VISITED_COLOR : STOP_RESULT_COLORS[o]);

/** The tick on a stop: ✓ safe, – not visited, ! anything found. */
export const outcomeMark = (o: StopOutcome): string => (o === 'safe' ? '✓' : o === 'not_visited' ? '–' : '!');
