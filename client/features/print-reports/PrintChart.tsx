// A chart on paper: ECharts, tree-shaken to bars and lines, drawn once to an SVG string (its
// server-side mode, here in the page) so the PDF gets vector shapes and real text in the bundled
// font — crisp at any zoom, and nothing to wait for: the chart is there when React has rendered.
import { useMemo } from 'react';
import { init, type ChartOption } from '../../charts/echarts.ts';
import { MAP_FONT_FAMILY } from '../../map/fonts.ts';

export type PrintChartOption = ChartOption;

/** Sizes in CSS pixels (96 per inch): 680 × 260 is about 180 × 69 mm on the sheet. */
export function PrintChart({ option, width, height, label }: { option: PrintChartOption; width: number; height: number; label: string }) {
  const svg = useMemo(() => {
    const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
    chart.setOption({ animation: false, textStyle: { fontFamily: MAP_FONT_FAMILY, fontSize: 12, color: '#111' }, ...option });
    const out = chart.renderToSVGString();
    chart.dispose();
    return withoutInlineStyles(out);
  }, [option, width, height]);
  return <figure className="print-chart" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />;
}

/**
 * The page's CSP (style-src 'self') refuses inline styles, and ECharts writes its text styles as
 * `style="font-size:12px;font-family:…"` and its hover rules as a <style> element. On paper nothing
 * hovers; the text styles become SVG presentation attributes (font-size="12px"), which CSP allows.
 */
export function withoutInlineStyles(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, css: string) =>
      css
        .split(';')
        .map((decl) => decl.split(/:(.*)/s).map((x) => x.trim()))
        .filter(([prop, value]) => prop && value && /^[a-z-]+$/.test(prop))
        .map(([prop, value]) => ` ${prop}="${value!.replace(/"/g, "'")}"`)
        .join(''),
    );
}
