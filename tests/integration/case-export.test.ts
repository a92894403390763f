/**
 * Exporting a case (issue 12, `GET /api/cases/:id/export`): the facilitator gets one archive with
 * the case's records, boards, snapshots with their PDFs, and images – nothing of another case, no
 * invite token; others are refused; the export is in the audit log.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createHash } from 'node:crypto';
import { api, login, removeServerDir, startServer, type TestServer } from '../helpers/server';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../src/lib/server/db/tables';
import { countRows } from '../helpers/db';
import { DEMO_CASE } from '../helpers/yclients';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ demo: true });
});
afterAll(async () => {
	await server.stop();
	removeServerDir(server);
});

describe('case export', () => {
	it('gives the facilitator the whole case as one archive', async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		await anne(`/api/meetings/demo-meeting-netvaerk/invites`, {
			method: 'POST',
			body: JSON.stringify({ name: 'Birgit', role: 'mormor' })
		});
		const res = await anne(`/api/cases/${DEMO_CASE}/export`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/zip');
		expect(res.headers.get('content-disposition')).toContain('sag-DEMO-2025-0142.zip');
		const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
		const records = JSON.parse(strFromU8(files['case.json']!)) as {
			case: { id: string };
			members: { userId: string }[];
			meetings: { id: string; boardId: string }[];
			invites: Record<string, unknown>[];
			snapshots: { id: string; sha256: string }[];
			auditLog: unknown[];
		};
		expect(records.case.id).toBe(DEMO_CASE);
		expect(records.members.map((m) => m.userId)).toContain('demo-line');
		expect(records.meetings.map((m) => m.id)).toEqual(
			expect.arrayContaining(['demo-meeting-opstart', 'demo-meeting-netvaerk'])
		);
		expect(records.invites.length).toBeGreaterThan(0);
		for (const i of records.invites) expect(Object.keys(i)).not.toContain('tokenHash');
		expect(records.auditLog.length).toBeGreaterThan(0);
		// Every board and snapshot is there as a readable Yjs document, and each snapshot as a PDF.
		for (const m of records.meetings) {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, files[`boards/${m.boardId}.yjs`]!);
			expect(doc.getMap('meta').get('meetingId')).toBe(m.id);
		}
		expect(records.snapshots.length).toBeGreaterThan(0);
		const dir = mkdtempSync(join(tmpdir(), 'export-'));
		try {
			for (const s of records.snapshots) {
				const state = files[`snapshots/${s.id}.yjs`]!;
				expect(createHash('sha256').update(state).digest('hex')).toBe(s.sha256);
				writeFileSync(join(dir, `${s.id}.pdf`), files[`snapshots/${s.id}.pdf`]!);
				expect(execFileSync('pdfinfo', [join(dir, `${s.id}.pdf`)]).toString()).toMatch(
					/Pages:\s+\d+/
				);
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		expect(await countRows(server.dbPath, auditLog, eq(auditLog.action, 'case.export'))).toBe(1);
	});

	it('refuses everyone but the facilitator', async () => {
		for (const [email, status] of [
			['jonas@demo.example', 403],
			['line@demo.example', 403],
			['admin@demo.example', 404]
		] as const)
			expect(
				(await api(server.url, await login(server.url, email))(`/api/cases/${DEMO_CASE}/export`))
					.status,
				email
			).toBe(status);
		expect((await api(server.url)(`/api/cases/${DEMO_CASE}/export`)).status).toBe(401);
	});
});
