import type BetterSqlite3 from 'better-sqlite3';

/** PatchLoop's SQLite handle. Only core/store knows that it is better-sqlite3 underneath. */
export type Database = BetterSqlite3.Database;
