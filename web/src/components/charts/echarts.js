// ECharts as the console uses it: the core plus only the chart types and components our pages draw,
// so the chunk stays a fraction of the full library (vite.config.js gives it a chunk of its own,
// loaded by the chart pages only).
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart, MapChart } from 'echarts/charts'
import {
  GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, TitleComponent
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, PieChart, MapChart, GridComponent, TooltipComponent, LegendComponent,
  VisualMapComponent, TitleComponent, CanvasRenderer])

export default echarts
