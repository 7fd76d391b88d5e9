// Working days as spec/rules.md §1 defines them, written here independently of the server: a day
// is a working day unless data/holidays marks it off, or it is a Saturday/Sunday the file does not
// mark as a 调休 working day. addWd(d, n) = the n-th working day strictly after d (before it for n < 0).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './zhifa.mjs';

const marks = new Map();
for (const f of fs.readdirSync(path.join(repoRoot, 'data/holidays')))
  for (const d of JSON.parse(fs.readFileSync(path.join(repoRoot, 'data/holidays', f), 'utf8')).days) marks.set(d.date, d.isOffDay);

const iso = (t) => new Date(t).toISOString().slice(0, 10);

export function isWorkday(d) {
  if (marks.has(d)) return !marks.get(d);
  const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The n-th working day after d (n < 0: before it). */
export function addWd(d, n) {
  let t = Date.parse(`${d}T00:00:00Z`);
  for (let left = Math.abs(n); left > 0;) {
    t += Math.sign(n) * 86400000;
    if (isWorkday(iso(t))) left--;
  }
  return iso(t);
}

/** Today in China (UTC+8), as the server's clock reads it. */
export const todayChina = () => iso(Date.now() + 8 * 3600000);
