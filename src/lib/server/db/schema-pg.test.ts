/**
 * The two dialects' schemas cannot drift: every SQLite table (but the board tables, which
 * PostgreSQL keeps in the board store's own tables) exists on PostgreSQL with the same columns,
 * the same nullability, the same primary key and the same foreign keys, and nothing more.
 */
import { is, type Table } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as sqlite from './schema';
import * as pg from './schema-pg';

/** SQLite-only: on PostgreSQL the boards are in server/persistence/pg-store.ts's tables. */
const SQLITE_ONLY = new Set(['board_updates', 'board_states']);

interface Shape {
	columns: Record<string, { notNull: boolean; primary: boolean }>;
	primaryKey: string[];
	foreignKeys: string[];
	indexes: string[];
}

function tablesOf(module: Record<string, unknown>, kind: 'sqlite' | 'pg'): Map<string, Shape> {
	const tables = new Map<string, Shape>();
	for (const value of Object.values(module)) {
		if (kind === 'sqlite' ? !is(value, SQLiteTable) : !is(value, PgTable)) continue;
		const config =
			kind === 'sqlite' ? sqliteConfig(value as SQLiteTable) : pgConfig(value as PgTable);
		const columns: Shape['columns'] = {};
		for (const c of config.columns) columns[c.name] = { notNull: c.notNull, primary: c.primary };
		tables.set(config.name, {
			columns,
			primaryKey: config.primaryKeys.flatMap((k) => k.columns.map((c) => c.name)).sort(),
			foreignKeys: config.foreignKeys
				.map((fk) => {
					const ref = fk.reference();
					const target = (ref.foreignTable as Table)[Symbol.for('drizzle:Name') as never];
					return `${ref.columns.map((c) => c.name).join(',')} -> ${String(target)}(${ref.foreignColumns
						.map((c) => c.name)
						.join(',')}) on delete ${fk.onDelete ?? 'no action'}`;
				})
				.sort(),
			indexes: config.indexes.map((i) => i.config.name ?? '').sort()
		});
	}
	return tables;
}

describe('the PostgreSQL schema', () => {
	const lite = tablesOf(sqlite, 'sqlite');
	const post = tablesOf(pg, 'pg');

	it('has the same tables as the SQLite schema, but the board tables', () => {
		expect([...post.keys()].sort()).toEqual(
			[...lite.keys()].filter((t) => !SQLITE_ONLY.has(t)).sort()
		);
		expect(post.size).toBeGreaterThan(10);
	});

	it.each([...lite.keys()].filter((t) => !SQLITE_ONLY.has(t)))(
		'%s: same columns, nullability, keys and indexes',
		(table) => {
			expect(post.get(table)).toEqual(lite.get(table));
		}
	);
});
