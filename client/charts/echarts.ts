// ECharts as the app uses it, registered once: from 'echarts/core' with only bars and lines, grid,
// legend, tooltip (the dashboard) and title (the printed reports), drawn as SVG so text stays crisp when
// a page is zoomed, printed or projected. Tree-shaken: the rest of ECharts never reaches the bundle.
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export { init, type EChartsType };

/** The options of any chart the app draws. */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>;
