// A copy of a test's database on either backend, for tests that damage rows without touching the
// database the rest of the file still uses (verify on a tampered copy).
import { spawnSync } from 'node:child_process';
import { backend, backendArgs } from './zhifa.mjs';

/** The PostgreSQL URL the tests' lib gives the --db path db (a fresh database the first time). */
const pgUrlOf = (db) => backendArgs(['--db', db])[1];

/** Copies the database of path src to the new path dst, one snapshot even while a server writes:
 * on SQLite `VACUUM INTO` (the WAL's pages included, which a copy of the file would miss), on
 * PostgreSQL a pg_dump of src's database restored into dst's fresh one. Only the database: the
 * file store and keys beside it are the test's to copy. */
export function copyDb(src, dst) {
  if (backend !== 'pg') {
    const r = spawnSync('sqlite3', ['-cmd', '.timeout 10000', src, `VACUUM INTO '${dst.replaceAll("'", "''")}'`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sqlite3 refused VACUUM INTO (${r.status}): ${r.stderr}`);
    return;
  }
  const dump = spawnSync('pg_dump', ['--no-owner', '--no-privileges', '-d', pgUrlOf(src)], { maxBuffer: 512 * 1024 * 1024 });
  if (dump.status !== 0) throw new Error(`pg_dump refused (${dump.status}): ${dump.stderr}`);
  const load = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', pgUrlOf(dst)], { input: dump.stdout, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (load.status !== 0) throw new Error(`psql refused the dump (${load.status}): ${load.stderr}`);
}
