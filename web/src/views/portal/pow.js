// The complaint's proof of work, solved in the browser: the first nonce (base 36 counter) such
// that SHA-256(prefix + nonce) starts with `bits` zero bits. Web Crypto's digest is async, so the
// loop hashes a batch at a time and reports progress between batches (about 2^bits tries).
const BATCH = 256

export function zeroBits (bytes) {
  let n = 0
  for (const b of bytes) {
    if (b === 0) { n += 8; continue }
    return n + Math.clz32(b) - 24
  }
  return n
}

export async function solveChallenge ({ prefix, bits }, onProgress = () => {}) {
  const enc = new TextEncoder()
  const expected = 2 ** bits
  for (let start = 0; ; start += BATCH) {
    const nonces = Array.from({ length: BATCH }, (_, k) => (start + k).toString(36))
    const digests = await Promise.all(nonces.map((n) => crypto.subtle.digest('SHA-256', enc.encode(prefix + n))))
    for (let k = 0; k < BATCH; k++) {
      if (zeroBits(new Uint8Array(digests[k])) >= bits) return nonces[k]
    }
    onProgress(Math.min(99, Math.floor((100 * (start + BATCH)) / (expected * 2))))
  }
}
