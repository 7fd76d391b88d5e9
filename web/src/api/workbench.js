// 工作台: the caller's own queue (issue 19).
import http from './http.js'

// → {tiles: [{key, title, count, tone: 'danger'|'warning'|'info', link}],
//    lists: {deadlines?: [{case_no, number, doc_no?, party, stage, deadline, due, days_left, colour}]}}
export const getWorkbench = () => http.get('/api/v1/workbench')
