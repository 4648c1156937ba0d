// The briefing's view in the URL: /briefing?region=&since=&slide= (slide counts from 1), so a link
// opens the same region, the same "since" day and the same slide, and a reload keeps them.
import type { DueItem } from '../../api/dashboard.ts';
import { isDay } from '../dashboard/dashboard-url.ts';

export const SLIDES = ['map', 'children', 'changes', 'due'] as const;
export type SlideId = (typeof SLIDES)[number];

/** What can fall due this week (the server's DueKind), each labelled briefing.kind.<kind>. */
export const DUE_KINDS = ['works', 'appraisal', 'task', 'complaint', 'idle_check'] as const satisfies readonly DueItem['kind'][];

export interface BriefingView {
  region: string | null;
  /** The last briefing's day: what changed is counted from it (the server's default: 7 days ago). */
  since: string | null;
  /** 0-based. */
  slide: number;
}

export function parseBriefingView(search: string): BriefingView {
  const p = new URLSearchParams(search);
  const region = p.get('region');
  const since = p.get('since');
  const slide = Number(p.get('slide'));
  return {
    region: region && /^\d{12}$/.test(region) ? region : null,
    since: isDay(since) ? since : null,
    slide: Number.isInteger(slide) && slide >= 1 && slide <= SLIDES.length ? slide - 1 : 0,
  };
}
