// Names of region codes, looked up once each: the code stands in until its name arrives.
import { reactive } from 'vue'
import { regionLabel } from '@/api/regions.js'

export function useRegionLabels () {
  const regionLabels = reactive({})
  function lookUpRegions (rows) {
    for (const r of rows) {
      if (r.region && !(r.region in regionLabels)) {
        regionLabels[r.region] = r.region
        regionLabel(r.region).then((label) => { regionLabels[r.region] = label })
      }
    }
  }
  return { regionLabels, lookUpRegions }
}
