// A list page's state (STYLE.md: filters → toolbar → table → pagination): the paged, filtered
// list of usePagedList (with its export hook), whether the window is phone-sized (fewer columns,
// a full-screen drawer), and whether the user may write — the permission named by `write`, which
// shows 新增 and turns 查看 into 编辑.
import { computed } from 'vue'
import { useMobile } from '@/components/useMobile.js'
import { usePagedList } from '@/components/usePagedList.js'
import { useSessionStore } from '@/stores/session.js'

export function useListPage (fetchPage, filters, { write, ...options } = {}) {
  const session = useSessionStore()
  return {
    ...usePagedList(fetchPage, filters, options),
    isMobile: useMobile(),
    canWrite: computed(() => Boolean(write) && session.can(write))
  }
}
