// Routes are generated from menu.js so the menu, breadcrumbs and URLs can never disagree.
// Pages live under views/<module>/; /login and /password sit outside the console layout.
// The guard below is the console's one access check: it restores the session, sends the logged
// out to /login, a user with an initial password to /password, and shows 无权访问 (keeping the
// URL) for a page whose `perm` the user lacks. The server checks every call again.
import { createRouter, createWebHistory } from 'vue-router'
import { menu, menuLeaves, APP_TITLE } from './menu.js'
import AppLayout from './layout/AppLayout.vue'
import { useDictsStore } from './stores/dicts.js'
import { useSessionStore } from './stores/session.js'

const views = import.meta.glob('./views/**/*.vue')

function viewLoader (name) {
  const loader = views[`./views/${name}.vue`]
  if (!loader) throw new Error(`menu.js: views/${name}.vue does not exist`)
  return loader
}

function leafRoute (leaf) {
  return {
    path: leaf.path,
    name: leaf.view,
    component: viewLoader(leaf.view),
    meta: { title: leaf.title, desc: leaf.desc, module: leaf.module && leaf.module.title, perm: leaf.perm }
  }
}

// Pages inside the console layout; `bare` ones (print views) sit beside it, without its chrome.
function pageRoutes () {
  const routes = menuLeaves().filter((leaf) => !leaf.bare).map(leafRoute)
  // A module's own URL (/elements) opens its first page.
  for (const item of menu) {
    if (item.children) routes.push({ path: `/${item.key}`, redirect: item.children[0].path })
  }
  routes.push({
    path: '/:pathMatch(.*)*', name: 'NotFound', component: viewLoader('NotFound'), meta: { title: '页面不存在', perm: 'public' }
  })
  // Reached only by name from the guard (NotFound, added first, wins when a URL is typed).
  routes.push({
    path: '/:pathMatch(.*)*', name: 'Forbidden', component: viewLoader('Forbidden'), meta: { title: '无权访问', perm: 'authenticated' }
  })
  return routes
}

export const routes = [
  { path: '/login', name: 'Login', component: viewLoader('Login'), meta: { title: '登录', perm: 'public' } },
  { path: '/portal', name: 'Portal', component: viewLoader('Portal'), meta: { title: '行政执法公示', perm: 'public' } },
  { path: '/portal/complaint', name: 'PortalComplaint', component: viewLoader('portal/Complaint'), meta: { title: '投诉举报', perm: 'public' } },
  { path: '/portal/track', name: 'PortalTrack', component: viewLoader('portal/Track'), meta: { title: '投诉查询', perm: 'public' } },
  { path: '/portal/reconsideration', name: 'PortalReconApply', component: viewLoader('portal/ReconApply'), meta: { title: '行政复议申请', perm: 'public' } },
  { path: '/portal/reconsideration/track', name: 'PortalReconTrack', component: viewLoader('portal/ReconTrack'), meta: { title: '行政复议查询', perm: 'public' } },
  { path: '/portal/reconsideration/decisions', name: 'PortalReconDecisions', component: viewLoader('portal/ReconDecisions'), meta: { title: '行政复议决定公开', perm: 'public' } },
  { path: '/portal/verify', name: 'PortalVerify', component: viewLoader('portal/Verify'), meta: { title: '文书核验', perm: 'public' } },
  { path: '/portal/normative', name: 'PortalNormative', component: viewLoader('portal/NormativeRegister'), meta: { title: '规范性文件公开查询', perm: 'public' } },
  { path: '/portal/inspections', name: 'PortalInspections', component: viewLoader('portal/Inspections'), meta: { title: '双随机抽查结果', perm: 'public' } },
  { path: '/portal/survey', name: 'PortalSurvey', component: viewLoader('portal/Survey'), meta: { title: '民意调查', perm: 'public' } },
  { path: '/portal/delivery/:token', name: 'PortalDelivery', component: viewLoader('portal/Delivery'), meta: { title: '电子送达', perm: 'public' } },
  { path: '/password', name: 'ChangePassword', component: viewLoader('ChangePassword'), meta: { title: '修改密码', perm: 'authenticated' } },
  ...menuLeaves().filter((leaf) => leaf.bare).map(leafRoute),
  { path: '/', component: AppLayout, children: pageRoutes() }
]

const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 })
})

// Where to go after logging in: a path inside the console, never another site.
export function safeRedirect (value) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/'
}

router.beforeEach(async (to) => {
  const session = useSessionStore()
  await session.ensureLoaded()
  const perm = to.meta.perm || 'authenticated'
  if (perm === 'public') return true
  if (!session.isLoggedIn) return { name: 'Login', query: { redirect: to.fullPath } }
  // Until an initial or reset password is changed the server refuses everything else.
  if (session.mustChangePassword && to.name !== 'ChangePassword') {
    return { name: 'ChangePassword', query: { redirect: to.fullPath } }
  }
  // The code tables every page names things by; a page still opens (showing codes) if they fail.
  await useDictsStore().ensureLoaded().catch(() => {})
  if (!session.can(perm)) {
    return { name: 'Forbidden', params: { pathMatch: to.path.substring(1).split('/') }, query: to.query, hash: to.hash }
  }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title && to.path !== '/' ? `${to.meta.title} - ${APP_TITLE}` : APP_TITLE
})

export default router
