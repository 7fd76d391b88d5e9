// SM3 (GB/T 32905) and RFC 9162 proof verification in the browser, so the 存证 page checks a
// proof itself instead of trusting the server's word. Same algorithms as src/ledger/merkle.c,
// written independently; WebCrypto has no SM3.
const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e]
const rotl = (x, n) => ((x << (n & 31)) | (x >>> ((32 - (n & 31)) & 31))) >>> 0
const p0 = (x) => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0
const p1 = (x) => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0

function compress (v, block) {
  const w = new Array(68)
  const w1 = new Array(64)
  for (let i = 0; i < 16; i++) {
    w[i] = ((block[4 * i] << 24) | (block[4 * i + 1] << 16) | (block[4 * i + 2] << 8) | block[4 * i + 3]) >>> 0
  }
  for (let j = 16; j < 68; j++) {
    w[j] = (p1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6]) >>> 0
  }
  for (let j = 0; j < 64; j++) w1[j] = (w[j] ^ w[j + 4]) >>> 0
  let [a, b, c, d, e, f, g, h] = v
  for (let j = 0; j < 64; j++) {
    const t = j < 16 ? 0x79cc4519 : 0x7a879d8a
    const ss1 = rotl((rotl(a, 12) + e + rotl(t, j % 32)) >>> 0, 7)
    const ss2 = (ss1 ^ rotl(a, 12)) >>> 0
    const ff = j < 16 ? (a ^ b ^ c) : ((a & b) | (a & c) | (b & c))
    const gg = j < 16 ? (e ^ f ^ g) : ((e & f) | (~e & g))
    const tt1 = (ff + d + ss2 + w1[j]) >>> 0
    const tt2 = (gg + h + ss1 + w[j]) >>> 0
    d = c; c = rotl(b, 9); b = a; a = tt1
    h = g; g = rotl(f, 19); f = e; e = p0(tt2)
  }
  return [a, b, c, d, e, f, g, h].map((x, i) => (x ^ v[i]) >>> 0)
}

/** SM3 of a Uint8Array → Uint8Array(32). */
export function sm3 (bytes) {
  const bitLen = bytes.length * 8
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64)
  padded.set(bytes)
  padded[bytes.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(bitLen / 0x100000000))
  view.setUint32(padded.length - 4, bitLen >>> 0)
  let v = IV.slice()
  for (let off = 0; off < padded.length; off += 64) v = compress(v, padded.subarray(off, off + 64))
  const out = new Uint8Array(32)
  v.forEach((x, i) => new DataView(out.buffer).setUint32(4 * i, x))
  return out
}

export const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
export function fromHex (h) {
  if (!/^[0-9a-f]{64}$/i.test(h || '')) throw new Error('哈希应为 64 位十六进制')
  return Uint8Array.from(h.match(/../g), (x) => parseInt(x, 16))
}

function nodeHash (left, right) {
  const buf = new Uint8Array(65)
  buf[0] = 1
  buf.set(left, 1)
  buf.set(right, 33)
  return sm3(buf)
}

/** RFC 9162 §2.1.3.2: does the path lead from leafHex at index to rootHex in a tree of size? */
export function verifyInclusion (leafHex, index, size, pathHex, rootHex) {
  if (index >= size) return false
  let fn = BigInt(index)
  let sn = BigInt(size - 1)
  let r = fromHex(leafHex)
  for (const p of pathHex.map(fromHex)) {
    if (sn === 0n) return false
    if ((fn & 1n) || fn === sn) {
      r = nodeHash(p, r)
      while (!(fn & 1n) && fn !== 0n) { fn >>= 1n; sn >>= 1n }
    } else {
      r = nodeHash(r, p)
    }
    fn >>= 1n; sn >>= 1n
  }
  return sn === 0n && toHex(r) === rootHex
}

/** RFC 9162 §2.1.4.2: is the tree of size m with rootM a prefix of the tree of size n with rootN? */
export function verifyConsistency (m, n, rootM, rootN, pathHex) {
  if (m < 1 || m > n) return false
  if (m === n) return pathHex.length === 0 && rootM === rootN
  let path = pathHex.map(fromHex)
  if ((m & (m - 1)) === 0) path = [fromHex(rootM), ...path]
  if (!path.length) return false
  let fn = BigInt(m - 1)
  let sn = BigInt(n - 1)
  while (fn & 1n) { fn >>= 1n; sn >>= 1n }
  let fr = path[0]
  let sr = path[0]
  for (const c of path.slice(1)) {
    if (sn === 0n) return false
    if ((fn & 1n) || fn === sn) {
      fr = nodeHash(c, fr)
      sr = nodeHash(c, sr)
      while (!(fn & 1n) && fn !== 0n) { fn >>= 1n; sn >>= 1n }
    } else {
      sr = nodeHash(sr, c)
    }
    fn >>= 1n; sn >>= 1n
  }
  return sn === 0n && toHex(fr) === rootM && toHex(sr) === rootN
}
