// True while the window is phone-sized (the same 768 px breakpoint as the console shell).
import { ref, onMounted, onBeforeUnmount } from 'vue'

export function useMobile (query = '(max-width: 768px)') {
  const media = window.matchMedia(query)
  const isMobile = ref(media.matches)
  const onChange = (e) => { isMobile.value = e.matches }
  onMounted(() => media.addEventListener('change', onChange))
  onBeforeUnmount(() => media.removeEventListener('change', onChange))
  return isMobile
}
