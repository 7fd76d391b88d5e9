// Photos sent after a complaint or an observation is filed (docs/leads.md "Photos"): one request
// each, in order, so a refused one (too large, not an image, too late) leaves the others and the
// filing itself standing.
export const PHOTOS_MAX = 3
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp'

// send(file) → promise; onStep({index, total, done}) before each and at the end.
// → {sent, failed: [{name, message}]}
export async function sendPhotos (files, send, onStep = () => {}) {
  const failed = []
  let sent = 0
  for (let i = 0; i < files.length; i++) {
    onStep({ index: i, total: files.length, done: i })
    try {
      await send(files[i])
      sent++
    } catch (e) {
      failed.push({ name: files[i].name, message: e.message })
    }
  }
  onStep({ index: files.length, total: files.length, done: files.length })
  return { sent, failed }
}
