// 多级汇聚 (docs/sync.md): the lower nodes of this instance, the batches exchanged, this instance's
// own link upward; sync.read.
import http from './http.js'

// → {items: [{id, name, region, status, refused_reason, cursor, head_size, head_root, head_time, pending,
//    last_batch_at, created_at, enrolled_at, key_id, children: [the same, as the node reported them]}]}
export const listSyncNodes = () => http.get('/api/v1/sync/nodes')

// → {items: [{id, direction, node_name, from_seq, to_seq, lines, imported, rejected, head_size, head_root, at,
//    errors: [{line, key, error}]}], total, page, size}
export const listSyncBatches = (query) => http.get('/api/v1/sync/batches', { query })

// → {enrolled, upper, node_name, region, cursor, last_seq, lag, last_head, last_push_at, last_error, witnesses}
export const getSyncUpstream = () => http.get('/api/v1/sync/upstream')
