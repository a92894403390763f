/**
 * A case's complete data as one ZIP archive, for the facilitator (`GET /api/cases/:id/export`):
 * the case's records as JSON, every board's two documents as stored (Yjs updates), every
 * snapshot's documents and its PDF, and the images. What the municipality needs to move a case to
 * its case system or answer a request for insight (indsigt); nothing of other cases.
 */
import { eq, inArray } from 'drizzle-orm';
import { zipSync, strToU8 } from 'fflate';
import type { SessionUser } from './auth/session';
import { type Db } from './db/client';
import {
	agendaItems,
	auditLog,
	caseMembers,
	consents,
	images,
	invites,
	meetingParticipants,
	meetings,
	minutesResponses,
	neededParticipants,
	participantChoiceHistory,
	participantChoices,
	snapshots,
	users
} from './db/tables';
import { goalsDocId } from '../board/parts';
import { readStoredDoc } from '$server/persistence/read';
import { FULL_VIEW } from '$server/snapshots/review';
import { snapshotPdfFor } from './snapshot-pdf';
import { caseById } from './db/by-id';

const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'image/gif': 'gif'
};

const json = (value: unknown) => strToU8(JSON.stringify(value, null, 2) + '\n');

/** Builds the archive; `user` is the facilitator exporting (named in the PDFs). */
export async function exportCase(db: Db, caseId: string, user: SessionUser): Promise<Uint8Array> {
	const theCase = await caseById(db, caseId);
	if (!theCase) throw new Error(`no case ${caseId}`);
	const caseMeetings = await db.select().from(meetings).where(eq(meetings.caseId, caseId));
	const meetingIds = caseMeetings.map((m) => m.id);
	const inMeetings = <T extends { meetingId: unknown }>(table: T) =>
		meetingIds.length ? inArray(table.meetingId as never, meetingIds) : undefined;
	const memberRows = await db
		.select({
			userId: caseMembers.userId,
			name: users.name,
			email: users.email,
			role: caseMembers.role,
			title: caseMembers.title,
			since: caseMembers.createdAt
		})
		.from(caseMembers)
		.innerJoin(users, eq(users.id, caseMembers.userId))
		.where(eq(caseMembers.caseId, caseId));
	const records = {
		exportedAt: new Date().toISOString(),
		exportedBy: { id: user.id, name: user.name },
		case: theCase,
		members: memberRows,
		meetings: caseMeetings,
		agenda: meetingIds.length
			? await db.select().from(agendaItems).where(inMeetings(agendaItems))
			: [],
		participants: meetingIds.length
			? await db.select().from(meetingParticipants).where(inMeetings(meetingParticipants))
			: [],
		participantChoices: meetingIds.length
			? await db.select().from(participantChoices).where(inMeetings(participantChoices))
			: [],
		participantChoiceHistory: meetingIds.length
			? await db.select().from(participantChoiceHistory).where(inMeetings(participantChoiceHistory))
			: [],
		neededParticipants: meetingIds.length
			? await db.select().from(neededParticipants).where(inMeetings(neededParticipants))
			: [],
		// Invites without their token hash: the archive must not let anyone in.
		invites: meetingIds.length
			? (await db.select().from(invites).where(inMeetings(invites))).map(
					({ tokenHash: _hash, ...rest }) => rest
				)
			: [],
		consents: await db.select().from(consents).where(eq(consents.caseId, caseId)),
		minutesResponses: await db
			.select()
			.from(minutesResponses)
			.where(eq(minutesResponses.caseId, caseId)),
		snapshots: await db
			.select({
				id: snapshots.id,
				meetingId: snapshots.meetingId,
				boardId: snapshots.boardId,
				reason: snapshots.reason,
				sha256: snapshots.sha256,
				goalsSha256: snapshots.goalsSha256,
				summary: snapshots.summary,
				createdBy: snapshots.createdBy,
				createdAt: snapshots.createdAt
			})
			.from(snapshots)
			.where(eq(snapshots.caseId, caseId)),
		images: await db
			.select({ sha256: images.sha256, mime: images.mime, size: images.size })
			.from(images)
			.where(eq(images.caseId, caseId)),
		auditLog: await db.select().from(auditLog).where(eq(auditLog.caseId, caseId))
	};
	const files: Record<string, Uint8Array> = {
		'README.txt': strToU8(
			[
				`Sag: ${theCase.title} (${theCase.reference ?? theCase.id})`,
				`Eksporteret ${records.exportedAt} af ${user.name}.`,
				'',
				'case.json            sagens oplysninger, deltagere, møder, valg, samtykker, svar og revisionslog',
				'boards/<id>.yjs      hver tavle, som den er gemt nu (Yjs-opdatering; <id>~goals.yjs: målene)',
				'snapshots/<id>.yjs   hvert gemt øjebliksbillede (og <id>~goals.yjs), med SHA-256 i case.json',
				'snapshots/<id>.pdf   det samme som PDF/A til journalisering',
				'images/<sha256>.*    billederne fra tavlerne',
				''
			].join('\n')
		),
		'case.json': json(records)
	};
	for (const m of caseMeetings) {
		files[`boards/${m.boardId}.yjs`] = await readStoredDoc(db, m.boardId);
		files[`boards/${m.boardId}~goals.yjs`] = await readStoredDoc(db, goalsDocId(m.boardId));
	}
	for (const s of await db.select().from(snapshots).where(eq(snapshots.caseId, caseId))) {
		files[`snapshots/${s.id}.yjs`] = new Uint8Array(s.state);
		if (s.goalsState) files[`snapshots/${s.id}~goals.yjs`] = new Uint8Array(s.goalsState);
		const pdf = await snapshotPdfFor(s, user, FULL_VIEW);
		files[`snapshots/${s.id}.pdf`] = new Uint8Array(pdf.bytes);
	}
	for (const img of await db.select().from(images).where(eq(images.caseId, caseId)))
		files[`images/${img.sha256}.${EXTENSIONS[img.mime] ?? 'bin'}`] = new Uint8Array(img.bytes);
	return zipSync(files, { level: 6 });
}
