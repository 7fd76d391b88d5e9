// The plan every 法治督察考核 page works on: the newest one the user may read, or the one in ?plan=.
import { ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { listPlans, getPlan } from '@/api/assessment.js'

export function usePlanPicker (onLoaded) {
  const route = useRoute()
  const router = useRouter()
  const plans = ref([])
  const planId = ref(null)
  const plan = ref(null)
  const error = ref('')

  async function loadPlan () {
    error.value = ''
    plan.value = null
    if (!planId.value) return
    try {
      plan.value = await getPlan(planId.value)
      if (String(route.query.plan || '') !== String(planId.value)) router.replace({ query: { ...route.query, plan: planId.value } })
      if (onLoaded) await onLoaded(plan.value)
    } catch (err) {
      error.value = err.message
    }
  }

  async function loadPlans (select) {
    try {
      plans.value = (await listPlans()).items || []
      planId.value = select || Number(route.query.plan) || planId.value || (plans.value[0] && plans.value[0].id) || null
      await loadPlan()
    } catch (err) {
      error.value = err.message
    }
  }
  return { plans, planId, plan, error, loadPlan, loadPlans }
}

export const planLabel = (p) => `${p.year} 年 · ${p.name}（第 ${p.version} 版，${p.status_name}）`
export const unitName = (plan, unit) => (plan && plan.unit_names && plan.unit_names[unit]) || unit
