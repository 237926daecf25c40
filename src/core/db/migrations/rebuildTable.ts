import type { Database } from 'better-sqlite3';

/**
 * Rebuilds `table` from `createSql` (which must create `<table>_next`, with any reference to itself
 * written as `<table>_next`), inside the migration's transaction where foreign keys stay on. The
 * rows keep their rowids and are copied in rowid order (parents before children); the table's own
 * indexes and triggers are made again as they were; rows of other tables that refer to it (and
 * would go with the old table by cascade) are put back.
 */
export function rebuildTable(db: Database, table: string, createSql: string): void {
  const objects = db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
    )
    .all(table) as { type: string; name: string; sql: string }[];
  const referring = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
  ).filter(
    (name) =>
      name !== table &&
      (db.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(name) as string[]).includes(table),
  );
  db.pragma('defer_foreign_keys = ON');
  db.exec(createSql);
  const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[])
    .map((name) => `"${name}"`)
    .join(', ');
  db.exec(`INSERT INTO "${table}_next" (rowid, ${columns}) SELECT rowid, ${columns} FROM "${table}" ORDER BY rowid`);
  for (const name of referring) db.exec(`CREATE TEMP TABLE "keep_${name}" AS SELECT * FROM "${name}"`);
  // Dropped first: rows the old table loses by its own cascades would otherwise fire them.
  for (const trigger of objects.filter((object) => object.type === 'trigger'))
    db.exec(`DROP TRIGGER "${trigger.name}"`);
  db.exec(`DROP TABLE "${table}"`);
  db.exec(`ALTER TABLE "${table}_next" RENAME TO "${table}"`);
  for (const object of objects) db.exec(object.sql);
  for (const name of referring) {
    db.exec(`DELETE FROM "${name}"`);
    db.exec(`INSERT INTO "${name}" SELECT * FROM "keep_${name}"`);
    db.exec(`DROP TABLE "keep_${name}"`);
  }
}
