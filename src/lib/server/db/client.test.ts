import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { durability, openDatabase } from './client';

const saved = process.env.SYNC_DURABILITY;
const dir = mkdtempSync(join(tmpdir(), 'moedetavle-durability-'));
afterEach(() => {
	if (saved === undefined) delete process.env.SYNC_DURABILITY;
	else process.env.SYNC_DURABILITY = saved;
});
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function synchronousOf(file: string): number {
	const db = openDatabase(join(dir, file));
	try {
		return db.$client.pragma('synchronous', { simple: true }) as number;
	} finally {
		db.$client.close();
	}
}

it('commits with synchronous = NORMAL by default and FULL with SYNC_DURABILITY=full', () => {
	delete process.env.SYNC_DURABILITY;
	expect(durability()).toBe('normal');
	expect(synchronousOf('default.db')).toBe(1);
	process.env.SYNC_DURABILITY = 'Full';
	expect(durability()).toBe('full');
	expect(synchronousOf('full.db')).toBe(2);
	process.env.SYNC_DURABILITY = 'normal';
	expect(synchronousOf('normal.db')).toBe(1);
});

it('refuses an unknown SYNC_DURABILITY instead of guessing', () => {
	process.env.SYNC_DURABILITY = 'fsync';
	expect(() => durability()).toThrow(/SYNC_DURABILITY must be "normal" or "full"/);
	expect(() => openDatabase(join(dir, 'never.db'))).toThrow(/SYNC_DURABILITY/);
});
