// A penalty case's 案情 as an officer writes it before 告知 (docs/case-record.md "Substance"):
// the fields the gates of 行政处罚法 44 (notice), 40 (decision) and 52 (on the spot) require.
// Tests that walk a case through those gates supply it; tests/api/case_substance.test.mjs
// shows each gate refusing without it.
export const SUBSTANCE = Object.freeze({
  cause: '销售超过保质期的食品',
  facts: '经查，当事人在其经营场所货架上陈列销售超过保质期的预包装食品“鲜牛奶（250ml/盒）”共12件，货值金额180元，违法所得60元。',
  evidence: [
    { name: '现场检查笔录', kind: 'inspection_record', proves: '当事人陈列销售超过保质期食品的事实' },
    { name: '询问笔录', kind: 'statement', proves: '当事人对违法事实予以确认' },
  ],
  violation_basis: [{ law: '中华人民共和国食品安全法', article: '第三十四条第（十）项' }],
  penalty_basis: [{ law: '中华人民共和国食品安全法', article: '第一百二十四条第一款第（五）项' }],
});
