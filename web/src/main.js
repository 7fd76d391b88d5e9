import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import router from './router.js'
import { onAuthFailure } from './api/http.js'
import { useSessionStore } from './stores/session.js'
import './styles/main.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(router)
app.use(ElementPlus)

// Any call that finds the session gone (401) or the password still to be changed (403
// password_change_required) sends the user where he can go on, and back here afterwards.
onAuthFailure((err) => {
  const session = useSessionStore(pinia)
  const here = router.currentRoute.value
  const redirect = here.name === 'Login' || here.name === 'ChangePassword' ? here.query.redirect : here.fullPath
  if (err.status === 401) {
    session.clear()
    if (here.name !== 'Login' && here.meta.perm !== 'public') router.replace({ name: 'Login', query: { redirect } })
  } else if (session.user) {
    session.user.must_change_password = true
    if (here.name !== 'ChangePassword') router.replace({ name: 'ChangePassword', query: { redirect } })
  }
})

app.mount('#app')
