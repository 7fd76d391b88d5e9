// The chart options the 统计分析 pages share (工作台, 数据看板, 大屏). Every label is a name from the
// API's answer (names beside codes), never the code; money comes in fen and is shown in 元.

export const yuan = (fen) => Number(fen || 0) / 100

const RED = '#d9363e'
const ORANGE = '#e6a23c'
const BLUE = '#1d64c8'
const GREEN = '#3ba272'
export const COLOURS = { red: RED, orange: ORANGE, blue: BLUE, green: GREEN }

const compactGrid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true }

// Cases filed / decided per month as bars, fines (元) as a line on the right axis.
export function trendOption (items) {
  return {
    grid: { ...compactGrid, top: 44 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? v.toLocaleString('zh-CN') : v)
    },
    legend: { top: 0, data: ['立案', '作出决定', '罚款（元）'] },
    xAxis: { type: 'category', data: items.map((r) => r.month) },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '元', splitLine: { show: false } }
    ],
    series: [
      { name: '立案', type: 'bar', data: items.map((r) => r.filed), itemStyle: { color: BLUE } },
      { name: '作出决定', type: 'bar', data: items.map((r) => r.decided), itemStyle: { color: GREEN } },
      { name: '罚款（元）', type: 'line', yAxisIndex: 1, smooth: true, data: items.map((r) => yuan(r.fines_fen)), itemStyle: { color: ORANGE } }
    ]
  }
}

// A ranked horizontal bar: rows [{name, value, …}] drawn largest on top; `unit` in the tooltip.
export function rankedBarOption (rows, { unit = '件', color = BLUE, max = 12, format } = {}) {
  const top = [...rows].sort((a, b) => b.value - a.value).slice(0, max).reverse()
  return {
    grid: { ...compactGrid, top: 8, right: 56 },
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}：${format ? format(p.value) : p.value.toLocaleString('zh-CN')} ${format ? '' : unit}` },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((r) => r.name), axisLabel: { width: 150, overflow: 'truncate' } },
    series: [{
      type: 'bar',
      data: top.map((r) => ({ value: r.value, name: r.name, key: r.key, itemStyle: r.color ? { color: r.color } : undefined })),
      itemStyle: { color },
      label: { show: true, position: 'right', formatter: (p) => (format ? format(p.value) : String(p.value)) }
    }]
  }
}

// A doughnut: rows [{name, value, key, color?}].
export function pieOption (rows, { unit = '件' } = {}) {
  return {
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}：${p.value} ${unit}（${p.percent}%）` },
    legend: { bottom: 0, type: 'scroll' },
    series: [{
      type: 'pie',
      radius: ['40%', '68%'],
      center: ['50%', '44%'],
      data: rows.map((r) => ({ name: r.name, value: r.value, key: r.key, itemStyle: r.color ? { color: r.color } : undefined })),
      label: { formatter: '{b}\n{c}' }
    }]
  }
}

// Findings by rule: the open ones, red for violations, orange for warnings.
export function ruleRows (items) {
  return items.filter((r) => r.open > 0).map((r) => ({
    name: r.name, value: r.open, key: { rule: r.rule, severity: r.severity },
    color: r.severity === 'violation' ? RED : ORANGE
  }))
}

// Mode-1 reporting of a month as a doughnut: 按时 / 逾期 / 未报.
const REPORTING = [['on_time', '按时报送', GREEN], ['late', '逾期报送', ORANGE], ['missing', '未报送', RED]]
export function reportingRows (items) {
  return REPORTING.map(([status, name, color]) => ({
    name, color, key: status, value: items.filter((r) => r.status === status).length
  }))
}

// The region's divisions coloured by alerts per 100 cases. `mapName` is registered (regionMap.js)
// with each feature's name set to its GB/T 2260 code; labels and tooltips show the Chinese name.
export function regionMapOption (mapName, items, featureNames, { dark = false } = {}) {
  const byCode = new Map(items.map((r) => [r.region, r]))
  const nameOf = (code) => (byCode.get(code) || {}).name || featureNames.get(code) || '未知区划'
  const max = Math.max(1, ...items.map((r) => Number(r.alerts_per_100) || 0))
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const r = byCode.get(p.name)
        if (!r || !r.cases) return `${nameOf(p.name)}：无案件`
        return `${r.name}<br/>案件 ${r.cases} 件<br/>未消除预警 ${r.findings_open} 条<br/>每百件案件预警 ${Number(r.alerts_per_100).toFixed(1)} 条`
      }
    },
    visualMap: {
      min: 0, max, calculable: true, left: 8, bottom: 8, text: ['每百件预警 高', '低'],
      inRange: { color: ['#e8f3ff', '#ffd591', '#f5222d'] },
      textStyle: { color: dark ? '#cfe3ff' : '#333' }
    },
    series: [{
      type: 'map',
      map: mapName,
      roam: false,
      label: { show: true, formatter: (p) => nameOf(p.name), color: dark ? '#fff' : '#333', fontSize: 11 },
      itemStyle: { borderColor: dark ? '#0b1a33' : '#fff', areaColor: dark ? '#1b3a66' : '#eef2f7' },
      emphasis: { label: { color: '#000' } },
      // a division without cases has no rate ('-': drawn uncoloured, not as 0)
      data: items.map((r) => ({ name: r.region, value: r.alerts_per_100 === null || r.alerts_per_100 === undefined ? '-' : r.alerts_per_100 }))
    }]
  }
}

// The same figures as bars, where no map of the divisions is at hand (regionMap.js says when).
export function regionBarOption (items) {
  return rankedBarOption(items.map((r) => ({
    name: r.name, value: Number(Number(r.alerts_per_100 || 0).toFixed(1)), key: r.region
  })), { unit: '条/百件', color: RED })
}

// The officer's most urgent deadlines (工作台 lists.deadlines, most urgent first): days left as
// bars, red past due, orange due soon; the first case on top.
export function deadlineOption (deadlines) {
  const rows = [...deadlines].reverse()
  return {
    grid: { ...compactGrid, top: 8, right: 64 },
    tooltip: {
      trigger: 'item',
      formatter: (p) => `${p.name}<br/>${p.value >= 0 ? `剩 ${p.value} 天` : `逾期 ${-p.value} 天`}`
    },
    xAxis: { type: 'value', name: '天', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((d) => `${d.number || d.party} ${d.deadline}`), axisLabel: { width: 220, overflow: 'truncate' } },
    series: [{
      type: 'bar',
      data: rows.map((d) => ({ value: d.days_left, key: d.case_no, itemStyle: { color: d.colour === 'red' ? RED : ORANGE } })),
      label: { show: true, position: 'right', formatter: (p) => (p.value >= 0 ? `剩 ${p.value} 天` : `逾期 ${-p.value} 天`) }
    }]
  }
}
