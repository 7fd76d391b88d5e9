// The state and handlers of a paged, filtered list page: fetchPage({ page, size }) asks the server
// for one page ({ items, total }); search() goes back to page 1; reset() restores the filters as
// they were when the list was set up. A failed load empties the list and keeps the error's words.
// exportUrl(filters), when given, is the address that downloads the same selection (every page):
// exportHref follows the filters as they are typed, for a 导出 link.
import { ref, computed } from 'vue'

// The page sizes a list offers (and the only ones a page takes from its URL).
export const PAGE_SIZES = [20, 50, 100, 200]

export function usePagedList (fetchPage, filters, { size: pageSize = 20, exportUrl } = {}) {
  const initial = { ...filters }
  const page = ref(1)
  const size = ref(pageSize)
  const items = ref([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref('')
  const exportHref = computed(() => (exportUrl ? exportUrl(filters) : ''))

  async function load () {
    loading.value = true
    try {
      const data = await fetchPage({ page: page.value, size: size.value })
      items.value = data.items || []
      total.value = data.total || 0
      error.value = ''
    } catch (err) {
      items.value = []
      total.value = 0
      error.value = err.message
    } finally {
      loading.value = false
    }
  }
  function search () { page.value = 1; load() }
  function reset () { Object.assign(filters, initial); search() }

  return { page, size, items, total, loading, error, exportHref, load, search, reset }
}
