// One section's read on the case page (timeline, attachments, orders): what fetch(caseNo) answers,
// read again when the page moves to another case; a late answer about a case the page has left is
// dropped. quiet(err) true: the section shows nothing instead of the error (e.g. orders not served).
import { ref, watch } from 'vue'

export function useCaseRead (caseNo, fetch, { initial, quiet = () => false } = {}) {
  const data = ref(initial)
  const loading = ref(false)
  const error = ref('')

  async function load () {
    const no = caseNo()
    loading.value = true
    try {
      const r = await fetch(no)
      if (no !== caseNo()) return
      data.value = r
      error.value = ''
    } catch (e) {
      if (no !== caseNo()) return
      data.value = initial
      error.value = quiet(e) ? '' : e.message
    } finally {
      loading.value = false
    }
  }

  watch(caseNo, load, { immediate: true })
  return { data, loading, error, load }
}
