/**
 * The PDF of the demo's saved board, made in-process from a freshly seeded database and checked
 * with poppler (pdfinfo, pdffonts, pdftotext, pdftoppm): valid, A4, PDF/A-2b metadata, every font
 * embedded, the text of every page, and the helpers' parts (header, minutes, page numbers).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db/client';
import { cases, meetings, snapshots } from '../../src/lib/server/db/schema';
import { meetingDetails } from '../../src/lib/server/meetings';
import { seedDemo } from '../demo/seed';
import { snapshotPdf } from './pdf';

let db: Db;
const dir = mkdtempSync(join(tmpdir(), 'moedetavle-pdf-'));
let file: string;

beforeAll(async () => {
	db = openDatabase(':memory:');
	migrateDatabase(db, resolve(import.meta.dirname, '../../drizzle'));
	await seedDemo(db, new Date('2026-03-01T10:00:00Z'));
	const snapshot = (await db.select().from(snapshots).get())!;
	const meeting = (await db
		.select()
		.from(meetings)
		.where(eq(meetings.id, snapshot.meetingId))
		.get())!;
	const theCase = (await db.select().from(cases).get())!;
	const details = await meetingDetails(db, meeting);
	const bytes = await snapshotPdf({
		snapshot,
		caseInfo: { title: theCase.title, reference: theCase.reference },
		meeting,
		participants: details.participants,
		agenda: details.agenda,
		trends: [],
		exportedBy: 'Anne',
		now: new Date('2026-03-02T09:00:00Z')
	});
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
	file = join(dir, 'demo.pdf');
	writeFileSync(file, bytes);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('snapshotPdf', () => {
	it('is PDF/A-2b, A4, with every font embedded, and every page renders', () => {
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
		expect(pages).toBeGreaterThanOrEqual(3);
		expect(info).toMatch(/Title:\s+Gemt tavle – Opstartsmøde om forældrehandleplanen/);
		const meta = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
		expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
		expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
		const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
			.trim()
			.split('\n')
			.slice(2);
		expect(fonts.map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]+\+/, '')).sort()).toEqual([
			'DejaVuSans',
			'DejaVuSans-Bold',
			'DejaVuSansMono'
		]);
		for (const line of fonts) expect(line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
		execFileSync('pdftoppm', ['-r', '30', '-png', file, join(dir, 'p')]);
		expect(readdirSync(dir).filter((f) => f.endsWith('.png'))).toHaveLength(pages);
	});

	it('puts the case and meeting, the SHA-256 and "Side n af m" on every page', async () => {
		const pages = Number(
			/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]
		);
		const sha256 = (await db.select().from(snapshots).get())!.sha256;
		for (let page = 1; page <= pages; page++) {
			const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], {
				encoding: 'utf8'
			}).replace(/\s+/g, ' ');
			expect(text).toContain(
				'Sara og Mikkel · DEMO-2025-0142 · Opstartsmøde om forældrehandleplanen'
			);
			expect(text).toContain(`SHA-256 ${sha256}`);
			expect(text).toContain(`Side ${page} af ${pages}`);
			expect(text).toContain('Udskrevet');
		}
	});

	it('has the facts, participants, agenda and the minutes with decisions and agreements', () => {
		const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], {
			encoding: 'utf8'
		}).replace(/\s+/g, ' ');
		for (const part of [
			'Journalnr.',
			'Tværfagligt møde',
			'Gemt, da mødet sluttede',
			'Anne – Tovholder (myndighedsrådgiver)',
			'Line – Forælder (mor)',
			'1. Velkommen og hvordan vi arbejder sammen (10 min.)',
			'Det talte vi om',
			'Beslutning: Forældrehandleplanen',
			'Aftale: Line vælger, hvem der skal med til netværksmødet.',
			'Hvem: Line · Senest:'
		])
			expect(text).toContain(part);
	});
});
