// Fills a downloaded .xlsx template the way a spreadsheet program would save it: unzip, add rows
// to the first sheet (inline strings, shared strings, numbers, booleans, error values), zip back
// with the `zip` CLI. Columns are found by the template's key row (row 2).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tmpDir } from './zhifa.mjs';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The template's field keys by column letter: { case_no: 'A', … }. */
export function keyColumns(sheetXml) {
  const cols = {};
  for (const m of sheetXml.matchAll(/<c r="([A-Z]+)2"[^>]*><is><t[^>]*>([^<]*)<\/t><\/is><\/c>/g)) cols[m[2]] = m[1];
  return cols;
}

/**
 * rows: [{ row: 3, cells: { case_no: 'x', filed_on: { n: 46100 }, joint: { b: true }, fine: { e: '#N/A' },
 *          name: { shared: '…' } } }]. Returns the filled workbook's bytes.
 */
export function fillTemplate(template, rows) {
  const dir = tmpDir();
  const src = path.join(dir, 'template.xlsx');
  fs.writeFileSync(src, template);
  const unz = path.join(dir, 'x');
  execFileSync('unzip', ['-q', src, '-d', unz]);
  const sheetPath = path.join(unz, 'xl/worksheets/sheet1.xml');
  let sheet = fs.readFileSync(sheetPath, 'utf8');
  const cols = keyColumns(sheet);
  const shared = [];
  const cell = (ref, v) => {
    if (v && typeof v === 'object') {
      if ('n' in v) return `<c r="${ref}"><v>${v.n}</v></c>`;
      if ('b' in v) return `<c r="${ref}" t="b"><v>${v.b ? 1 : 0}</v></c>`;
      if ('e' in v) return `<c r="${ref}" t="e"><v>${esc(v.e)}</v></c>`;
      if ('shared' in v) return `<c r="${ref}" t="s"><v>${shared.push(v.shared) - 1}</v></c>`;
    }
    return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  };
  const xml = rows.map(({ row, cells }) => {
    const cs = Object.entries(cells).map(([key, v]) => {
      if (!cols[key]) throw new Error(`template has no column ${key}`);
      return [cols[key], v];
    }).sort((a, b) => a[0].length - b[0].length || a[0].localeCompare(b[0]));
    return `<row r="${row}">${cs.map(([c, v]) => cell(`${c}${row}`, v)).join('')}</row>`;
  }).join('');
  sheet = sheet.replace('</sheetData>', `${xml}</sheetData>`);
  fs.writeFileSync(sheetPath, sheet);
  if (shared.length) {
    fs.writeFileSync(path.join(unz, 'xl/sharedStrings.xml'),
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      shared.map((s) => `<si><t>${esc(s)}</t></si>`).join('') + '</sst>');
    const relsPath = path.join(unz, 'xl/_rels/workbook.xml.rels');
    fs.writeFileSync(relsPath, fs.readFileSync(relsPath, 'utf8').replace('</Relationships>',
      '<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'));
  }
  const out = path.join(dir, 'filled.xlsx');
  execFileSync('zip', ['-q', '-r', '-X', out, '.'], { cwd: unz });
  return fs.readFileSync(out);
}

/** Lists the parts of a workbook with `unzip -l`. */
export function zipEntries(buf) {
  const f = path.join(tmpDir(), 'list.xlsx');
  fs.writeFileSync(f, buf);
  const out = execFileSync('unzip', ['-Z1', f], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

/** One part's text, read with `unzip -p`. */
export function zipPart(buf, name) {
  const f = path.join(tmpDir(), 'part.xlsx');
  fs.writeFileSync(f, buf);
  return execFileSync('unzip', ['-p', f, name], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Throws unless `unzip -t` finds every entry whole (each CRC checked). */
export function zipTest(buf) {
  const f = path.join(tmpDir(), 'test.xlsx');
  fs.writeFileSync(f, buf);
  execFileSync('unzip', ['-tq', f], { encoding: 'utf8' });
}
