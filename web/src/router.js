// Routes are generated from menu.js so the menu, breadcrumbs and URLs can never disagree.
// Pages live under views/<module>/; /login sits outside the console layout.
import { createRouter, createWebHistory } from 'vue-router'
import { menu, menuLeaves, APP_TITLE } from './menu.js'
import AppLayout from './layout/AppLayout.vue'

const views = import.meta.glob('./views/**/*.vue')

function viewLoader (name) {
  const loader = views[`./views/${name}.vue`]
  if (!loader) throw new Error(`menu.js: views/${name}.vue does not exist`)
  return loader
}

function pageRoutes () {
  const routes = menuLeaves().map((leaf) => ({
    path: leaf.path,
    name: leaf.view,
    component: viewLoader(leaf.view),
    meta: { title: leaf.title, desc: leaf.desc, module: leaf.module && leaf.module.title }
  }))
  // A module's own URL (/elements) opens its first page.
  for (const item of menu) {
    if (item.children) routes.push({ path: `/${item.key}`, redirect: item.children[0].path })
  }
  routes.push({
    path: '/:pathMatch(.*)*', name: 'NotFound', component: viewLoader('NotFound'), meta: { title: '页面不存在' }
  })
  return routes
}

export const routes = [
  { path: '/login', name: 'Login', component: viewLoader('Login'), meta: { title: '登录', public: true } },
  { path: '/', component: AppLayout, children: pageRoutes() }
]

const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 })
})

// No login guard yet. When the server's session endpoint lands, add here:
//   router.beforeEach((to) => {
//     const session = useSessionStore()
//     if (!to.meta.public && !session.isLoggedIn) return { name: 'Login', query: { redirect: to.fullPath } }
//   })

router.afterEach((to) => {
  document.title = to.meta.title && to.path !== '/' ? `${to.meta.title} - ${APP_TITLE}` : APP_TITLE
})

export default router
