// What every layer family shares: the bundled fonts, the label halo, and the expressions keyed on a
// house's grade.
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { GRADE_COLORS } from '../palette.ts';
import { STATE, STATE_DEFAULTS } from './ids.ts';

/** The font stacks the map draws with: the bundled Noto Sans SC, rendered locally (no glyphs URL). */
export const FONT_REGULAR = ['Noto Sans SC'];
export const FONT_BOLD = ['Noto Sans SC Bold', 'Noto Sans SC'];

export const get = (p: string): ExpressionSpecification => ['get', p];
export const isCluster: ExpressionSpecification = ['has', 'point_count'];
export const isPoint: ExpressionSpecification = ['!', ['has', 'point_count']];

export const halo = { 'text-halo-color': '#ffffff', 'text-halo-width': 2, 'text-halo-blur': 0.5 } as const;

/** `['match', ['get','grade'], 'A', …]`; a null grade falls through to "never appraised". */
export const gradeColor: ExpressionSpecification = [
  'match',
  ['coalesce', get('grade'), 'none'],
  'A',
  GRADE_COLORS.A,
  'B',
  GRADE_COLORS.B,
  'C',
  GRADE_COLORS.C,
  'D',
  GRADE_COLORS.D,
  GRADE_COLORS.none,
];

/** Dangerous houses draw last, on top of their safe neighbours. */
export const gradeSortKey: ExpressionSpecification = ['match', ['coalesce', get('grade'), 'none'], 'D', 4, 'C', 3, 'none', 2, 'B', 1, 0];

/** The style's global state with the defaults of the keys its layers read. */
export function styleState(...keys: (keyof typeof STATE)[]): StyleSpecification['state'] {
  return Object.fromEntries(keys.map((k) => [STATE[k], { default: STATE_DEFAULTS[k] }]));
}
