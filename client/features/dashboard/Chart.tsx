// One ECharts chart owned by a component, like MapView owns its map: created on mount, fed options in
// an effect, disposed on unmount (ECharts itself: client/charts/echarts.ts).
import { useEffect, useRef } from 'react';
import { init, type ChartOption, type EChartsType } from '../../charts/echarts.ts';

export type { ChartOption };

/** What a click on a chart picked: a category of its category axis, and the series when a bar itself was hit. */
export interface ChartPick {
  index: number;
  seriesIndex: number | null;
}

/** Browser tests read the charts through their instances (convertToPixel to find a bar): window.__anjuCharts[name]. */
declare global {
  interface Window {
    __anjuCharts?: Record<string, EChartsType>;
  }
}

export interface ChartProps {
  /** Names the chart for tests and styles (data-chart). */
  name: string;
  option: ChartOption;
  /** Which axis holds the categories a click picks; none: the chart is not clickable. */
  categoryAxis?: 'x' | 'y';
  onPick?(pick: ChartPick): void;
  /** What the chart shows, for screen readers (role="img"). */
  summary: string;
}

export function Chart({ name, option, categoryAxis, onPick, summary }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef({ onPick, categoryAxis });
  latest.current = { onPick, categoryAxis };

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    const c = init(div, null, { renderer: 'svg' });
    chart.current = c;
    (window.__anjuCharts ??= {})[name] = c;
    c.on('finished', () => {
      div.dataset.rendered = 'true';
    });
    // A bar itself: its category and series (a township's C segment → that township, grade C).
    c.on('click', (p) => {
      if (p.componentType === 'series' && typeof p.dataIndex === 'number') {
        latest.current.onPick?.({ index: p.dataIndex, seriesIndex: p.seriesIndex ?? null });
        return;
      }
      // A category's label on the axis (triggerEvent): that category.
      const axis = latest.current.categoryAxis;
      if (axis && p.componentType === `${axis}Axis`) {
        const index = categoriesOf(c, axis).indexOf((p as unknown as { value: string }).value);
        if (index >= 0) latest.current.onPick?.({ index, seriesIndex: null });
      }
    });
    // Anywhere else in a category's column (a short bar is hard to hit): that category.
    c.getZr().on('click', (e) => {
      const axis = latest.current.categoryAxis;
      if (e.target || !axis || !latest.current.onPick) return;
      const point = [e.offsetX, e.offsetY];
      if (!c.containPixel('grid', point)) return;
      const value = c.convertFromPixel({ gridIndex: 0 }, point) as number[] | undefined;
      const index = Math.round(value?.[axis === 'x' ? 0 : 1] ?? -1);
      if (index >= 0 && index < categoriesOf(c, axis).length) latest.current.onPick({ index, seriesIndex: null });
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(div);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
      if (window.__anjuCharts?.[name] === c) delete window.__anjuCharts[name];
    };
  }, [name]);

  useEffect(() => {
    if (el.current) el.current.dataset.rendered = 'false';
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={el}
      className={`chart${categoryAxis && onPick ? ' chart--pickable' : ''}`}
      data-chart={name}
      data-rendered="false"
      role="img"
      aria-label={summary}
    />
  );
}

function categoriesOf(c: EChartsType, axis: 'x' | 'y'): string[] {
  const opt = c.getOption() as { xAxis?: { data?: unknown[] }[]; yAxis?: { data?: unknown[] }[] };
  const data = (axis === 'x' ? opt.xAxis : opt.yAxis)?.[0]?.data ?? [];
  return data.map((d) => (typeof d === 'object' && d !== null && 'value' in d ? String((d as { value: unknown }).value) : String(d)));
}
