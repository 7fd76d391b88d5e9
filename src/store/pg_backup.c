/* PostgreSQL side of backup_to / restore_from: the database is not a file zhifa can copy while
 * the servers go on; pg_dump does that (one REPEATABLE READ snapshot) and pg_restore puts it back.
 * Both answer with the commands to use instead (docs/backup.md "PostgreSQL"), before anything of
 * the archive is written. */
#include "store/pg_internal.h"
#include "store/pg_ops.h"

int pg_store_backup_to(Store *st, const char *dest_path, ZfError *err)
{
    (void)st, (void)dest_path;
    return zf_fail(err, 501, "use_pg_dump", NULL,
                   "PostgreSQL 数据库不由 zhifa backup 备份，请用 pg_dump 备份数据库："
                   "pg_dump --format=custom --no-owner --file=备份文件.dump '数据库连接串'；"
                   "恢复用 pg_restore --no-owner --dbname='新数据库连接串' 备份文件.dump；"
                   "密钥和文件库的备份方法见 docs/backup.md 的“PostgreSQL”一节");
}

int pg_store_restore_from(Store *st, const char *image_path, ZfError *err)
{
    (void)st, (void)image_path;
    return zf_fail(err, 501, "use_pg_restore", NULL,
                   "PostgreSQL 数据库不由 zhifa restore 恢复，请在新建的空数据库上用 pg_restore 恢复 pg_dump 的备份："
                   "createdb 新数据库；pg_restore --no-owner --dbname='新数据库连接串' 备份文件.dump；"
                   "密钥和文件库的恢复方法见 docs/backup.md 的“PostgreSQL”一节");
}
