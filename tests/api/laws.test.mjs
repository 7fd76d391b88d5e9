// Law library API against the real server: list, one law's outline, one article with its
// neighbours, and search for 1-, 2- and 4-character Chinese terms (ranked, highlighted, paginated);
// over-long, empty and malformed input → 400 with a Chinese message; unknown law/article → 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, tmpDir, startServer, hasChinese, repoRoot } from './lib/zhifa.mjs';

let srv;
let laws; // title → id
const json = async (p) => {
  const r = await fetch(`${srv.base}/api/v1${p}`);
  return { status: r.status, body: await r.json() };
};
const search = (q, extra = '') => json(`/laws/search?q=${encodeURIComponent(q)}${extra}`);
const hitsOf = (body) => body.items.map((it) => `${it.law_short_title}${it.label}`);

before(async () => {
  const db = path.join(tmpDir(), 'laws.db');
  const r = run(['--db', db, 'init']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /法律法规库：载入 11 部（1051 条）/);
  srv = await startServer({ db });
  const list = await json('/laws?size=200');
  laws = Object.fromEntries(list.body.items.map((l) => [l.short_title, l.id]));
});
after(() => srv?.stop());

test('init is idempotent: a second run reloads nothing', () => {
  const r = run(['--db', srv.db, 'init']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /法律法规库：11 部均无变化/);
});

test('init reloads a changed law file (keeping its id), drops a removed one, rejects a broken one', () => {
  const data = path.join(tmpDir(), 'data');
  fs.cpSync(path.join(repoRoot, 'data'), data, { recursive: true });
  const db = path.join(tmpDir(), 'reload.db');
  const init = () => run(['--db', db, '--data', data, 'init']);
  assert.equal(init().code, 0);
  const file = path.join(data, 'laws', '行政处罚法(2021-01-22).md');
  fs.appendFileSync(file, '\n第八十七条 测试用的新条文，含独有词语甲乙丙丁。\n');
  fs.rmSync(path.join(data, 'laws', '法规规章备案条例(2001-12-14).md'));
  const r = init();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /载入 1 部（87 条），未变 9 部，移除 1 部/);
  fs.appendFileSync(file, '\n第八十七条 重复的条文编号。\n');
  const bad = init();
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /行政处罚法\(2021-01-22\)\.md 格式有误：第 \d+ 行：条文编号 第八十七条 重复出现/);
});

test('a reloaded law keeps its id and its new text is searchable', async () => {
  const data = path.join(tmpDir(), 'data');
  fs.cpSync(path.join(repoRoot, 'data'), data, { recursive: true });
  const db = path.join(tmpDir(), 'reload2.db');
  assert.equal(run(['--db', db, '--data', data, 'init']).code, 0);
  fs.appendFileSync(path.join(data, 'laws', '行政处罚法(2021-01-22).md'), '\n第八十七条 含独有词语甲乙丙丁。\n');
  assert.equal(run(['--db', db, '--data', data, 'init']).code, 0);
  const s2 = await startServer({ db });
  try {
    const r = await fetch(`${s2.base}/api/v1/laws/search?q=${encodeURIComponent('甲乙丙丁')}`);
    const body = await r.json();
    assert.deepEqual(body.items.map((it) => [it.law_id, it.label]), [[laws['行政处罚法'], '第八十七条']]);
  } finally {
    await s2.stop();
  }
});

test('laws lists every bundled law with its article count, 法律 first', async () => {
  const { status, body } = await json('/laws');
  assert.equal(status, 200);
  assert.equal(body.total, 11);
  assert.deepEqual([body.page, body.size], [1, 20]);
  const cf = body.items.find((l) => l.short_title === '行政处罚法');
  assert.deepEqual(
    { title: cf.title, kind: cf.kind, promulgated: cf.promulgated, articles: cf.articles },
    { title: '中华人民共和国行政处罚法', kind: '法律', promulgated: '2021-01-22', articles: 86 },
  );
  assert.equal(body.items[0].kind, '法律');
  assert.equal(body.items.at(-1).kind, '规章');
  // 总则.md is the 民法典's first book on its own: both title lines make its name
  assert.ok(body.items.some((l) => l.title === '中华人民共和国民法典·总则' && l.articles === 204));
});

test('a law comes with its info block and chapters → sections → articles', async () => {
  const { status, body } = await json(`/laws/${laws['行政处罚法']}`);
  assert.equal(status, 200);
  assert.match(body.info[0], /1996年3月17日/);
  assert.equal(body.chapters.length, 8);
  assert.equal(body.chapters[0].title, '第一章 总则');
  assert.equal(body.chapters[0].articles[0].label, '第一条');
  const ch5 = body.chapters.find((c) => c.title.startsWith('第五章'));
  const hearing = ch5.children.find((s) => s.title === '第四节 听证程序');
  assert.ok(hearing.articles.some((a) => a.number === 64 && a.label === '第六十四条'));
  assert.deepEqual(body.articles_outside_chapters, []);
  // 民事诉讼法 nests 编 → 章 → 节
  const civ = (await json(`/laws/${laws['民事诉讼法']}`)).body;
  assert.equal(civ.chapters[0].kind, 'part');
  assert.equal(civ.chapters[0].children[1].title, '第二章 管辖');
  assert.equal(civ.chapters[0].children[1].children[0].title, '第一节 级别管辖');
  // a rule without chapters keeps its articles at the top
  const pub = (await json(`/laws/${laws['市场监督管理行政处罚信息公示规定']}`)).body;
  assert.equal(pub.articles_outside_chapters.length, 19);
});

test('one article with its place and the previous and next numbers', async () => {
  const id = laws['行政处罚法'];
  const { status, body } = await json(`/laws/${id}/articles/64`);
  assert.equal(status, 200);
  assert.equal(body.law.title, '中华人民共和国行政处罚法');
  assert.equal(body.article.label, '第六十四条');
  assert.match(body.article.text, /^听证应当依照以下程序组织：\n（一）当事人要求听证的/);
  assert.equal(body.article.section, '第四节 听证程序');
  assert.equal(body.prev.key, '63');
  assert.equal(body.next.key, '65');
  const first = (await json(`/laws/${id}/articles/1`)).body;
  assert.equal(first.prev, null);
  const last = (await json(`/laws/${id}/articles/86`)).body;
  assert.equal(last.next, null);
  const byLabel = await json(`/laws/${id}/articles/${encodeURIComponent('第一百零五条')}`);
  assert.equal(byLabel.status, 404); // 行政处罚法 has 86 articles
  const civ = await json(`/laws/${laws['民事诉讼法']}/articles/${encodeURIComponent('第一百零五条')}`);
  assert.equal(civ.body.article.number, 105);
});

test('unknown law or article → 404, a malformed number → 400', async () => {
  for (const p of ['/laws/99999', '/laws/abc', '/laws/0', '/laws/99999/articles/1', `/laws/${laws['行政处罚法']}/articles/87`]) {
    const { status, body } = await json(p);
    assert.equal(status, 404, p);
    assert.ok(hasChinese(body.error.message), p);
  }
  const bad = await json(`/laws/${laws['行政处罚法']}/articles/abc`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'number');
});

test('1-character search: 罚 finds 行政处罚法 articles, highlighted', async () => {
  const { status, body } = await search('罚');
  assert.equal(status, 200);
  assert.ok(body.total > 50, `total ${body.total}`);
  assert.equal(body.items.length, 20);
  const top = body.items.slice(0, 10);
  assert.ok(top.filter((it) => it.law_short_title === '行政处罚法').length >= 5, hitsOf(body).join(' '));
  for (const it of body.items) {
    assert.match(it.snippet, /【罚】/);
    assert.match(it.label, /^第[一二三四五六七八九十百零]+条$/);
    assert.ok(it.law_title && it.key && it.hits >= 1);
  }
});

test('2-character search: 罚款 ranks 行政处罚法 first; 听证 finds 行政处罚法 第六十四条', async () => {
  const fine = (await search('罚款')).body;
  assert.ok(fine.total >= 20);
  assert.equal(fine.items[0].law_short_title, '行政处罚法');
  for (const it of fine.items) assert.match(it.snippet, /【罚款】/);
  // scores never increase down the list
  for (let i = 1; i < fine.items.length; i++) assert.ok(fine.items[i].score <= fine.items[i - 1].score);

  const hearing = (await search('听证')).body;
  const top = hitsOf(hearing).slice(0, 10);
  assert.ok(top.includes('行政处罚法第六十四条'), top.join(' '));
  assert.ok(top.includes('行政许可法第四十八条'), top.join(' '));
  const a64 = hearing.items.find((it) => it.law_short_title === '行政处罚法' && it.number === 64);
  assert.equal(a64.section, '第四节 听证程序');
  assert.match(a64.snippet, /^【听证】应当依照以下程序组织/);
});

test('4-character search: 当场收缴 finds exactly the articles with that phrase', async () => {
  const { body } = await search('当场收缴');
  assert.deepEqual(hitsOf(body).sort(), ['行政处罚法第七十一条', '行政处罚法第七十条', '行政处罚法第六十七条', '行政处罚法第六十八条', '行政处罚法第六十九条'].sort());
  assert.equal(body.items[0].label, '第六十八条');
  // a phrase, not its characters anywhere: 收缴当场 occurs nowhere
  assert.equal((await search('收缴当场')).body.total, 0);
  const cert = (await search('证据保全')).body;
  assert.ok(hitsOf(cert).includes('民事诉讼法第八十四条'), hitsOf(cert).join(' '));
});

test('terms separated by spaces must all match', async () => {
  const { body } = await search('罚款 听证');
  assert.ok(body.total >= 1);
  for (const it of body.items) {
    assert.match(it.snippet + it.label, /./);
    const art = (await json(`/laws/${it.law_id}/articles/${it.key}`)).body.article.text;
    assert.ok(art.includes('罚款') && art.includes('听证'), `${it.law_short_title}${it.label}`);
  }
  assert.ok(hitsOf(body).includes('行政处罚法第六十三条'));
  // 全角 space separates too
  assert.equal((await search('罚款　听证')).body.total, body.total);
});

test('search is paginated and can be limited to one law', async () => {
  const p1 = (await search('行政机关', '&size=5')).body;
  const p2 = (await search('行政机关', '&size=5&page=2')).body;
  assert.deepEqual([p1.items.length, p2.items.length, p1.size, p2.page], [5, 5, 5, 2]);
  assert.equal(p1.total, p2.total);
  const keys = new Set([...p1.items, ...p2.items].map((it) => `${it.law_id}/${it.key}`));
  assert.equal(keys.size, 10);
  const only = (await search('听证', `&law=${laws['行政许可法']}&size=200`)).body;
  assert.ok(only.total >= 3);
  assert.ok(only.items.every((it) => it.law_short_title === '行政许可法'));
  const none = (await search('听证', '&page=1000')).body;
  assert.deepEqual(none.items, []);
  assert.equal(none.total, (await search('听证')).body.total);
});

test('a term found nowhere returns an empty list', async () => {
  const { status, body } = await search('量子计算');
  assert.equal(status, 200);
  assert.deepEqual([body.total, body.items.length], [0, 0]);
});

test('empty, over-long (20+ characters) and punctuation-only queries → 400 in Chinese', async () => {
  const cases = [
    ['/laws/search', 'q'],
    ['/laws/search?q=', 'q'],
    [`/laws/search?q=${encodeURIComponent('行政处罚法关于听证程序的规定以及罚款当场收缴')}`, 'q'], // 22 characters
    [`/laws/search?q=${encodeURIComponent('，。')}`, 'q'],
    [`/laws/search?q=${encodeURIComponent('罚款')}&size=500`, 'size'],
    [`/laws/search?q=${encodeURIComponent('罚款')}&page=0`, 'page'],
  ];
  for (const [p, field] of cases) {
    const { status, body } = await json(p);
    assert.equal(status, 400, p);
    assert.equal(body.error.field, field, p);
    assert.ok(hasChinese(body.error.message), body.error.message);
  }
  const long = (await search('一二三四五六七八九十一二三四五六七八九十一')).body;
  assert.match(long.error.message, /最多 20 个字/);
  // exactly 20 characters is allowed
  assert.equal((await search('一二三四五六七八九十一二三四五六七八九十')).status, 200);
});

test('search answers fast: 1–4 character terms well under 20 ms on the server', async () => {
  for (const q of ['的', '罚', '罚款', '听证', '行政机关', '当场收缴']) {
    const t0 = performance.now();
    const { status } = await search(q);
    assert.equal(status, 200);
    assert.ok(performance.now() - t0 < 200, q); // generous on a loaded CI box; bench/ measures p99
  }
});
