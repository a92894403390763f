/**
 * The demo seed (PRODUCT.md "Demo case"): a fictional case about Sara (9) and Mikkel (4), placed
 * with plejefamilien Holm. Idempotent: records have fixed ids and are inserted only when missing,
 * so running `npm run demo` again changes nothing that users edited.
 */
import { eq } from 'drizzle-orm';
import { first, transaction, type Db } from '../../src/lib/server/db/client';
import {
	agendaItems,
	caseMembers,
	neededParticipants,
	cases,
	meetingParticipants,
	meetings,
	users
} from '../../src/lib/server/db/tables';
import { type CaseRole, type MeetingType } from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';
import { audit } from '../../src/lib/server/audit';
import { seedEndedMeeting } from './ended-meeting';
import { seedDemoBoard } from './board';

export const DEMO_PASSWORD = 'moedetavle-demo';
export const DEMO_CASE_ID = 'demo-case-sara-mikkel';
export const DEMO_ENDED_MEETING_ID = 'demo-meeting-opstart';
export const DEMO_PLANNED_MEETING_ID = 'demo-meeting-netvaerk';
/** Everyone on the case except the admin attends the planned network meeting. */
export const DEMO_PLANNED_PARTICIPANTS = [
	'demo-anne',
	'demo-jonas',
	'demo-mette',
	'demo-karim',
	'demo-line',
	'demo-carsten',
	'demo-holm'
];

interface DemoUser {
	id: string;
	email: string;
	name: string;
	role: CaseRole | 'admin';
	title: string;
}

export const DEMO_USERS: DemoUser[] = [
	{
		id: 'demo-anne',
		email: 'anne@demo.example',
		name: 'Anne',
		role: 'facilitator',
		title: 'myndighedsrådgiver'
	},
	{
		id: 'demo-jonas',
		email: 'jonas@demo.example',
		name: 'Jonas',
		role: 'professional',
		title: 'familiebehandler'
	},
	{
		id: 'demo-mette',
		email: 'mette@demo.example',
		name: 'Mette',
		role: 'professional',
		title: 'familieplejekonsulent'
	},
	{
		id: 'demo-karim',
		email: 'karim@demo.example',
		name: 'Karim',
		role: 'professional',
		title: 'samværskonsulent'
	},
	{ id: 'demo-line', email: 'line@demo.example', name: 'Line', role: 'parent', title: 'mor' },
	{
		id: 'demo-carsten',
		email: 'carsten@demo.example',
		name: 'Carsten',
		role: 'parent',
		title: 'far'
	},
	{
		id: 'demo-holm',
		email: 'holm@demo.example',
		name: 'Plejefamilien Holm',
		role: 'foster',
		title: 'plejefamilie'
	},
	{ id: 'demo-admin', email: 'admin@demo.example', name: 'Administrator', role: 'admin', title: '' }
];

const DAY = 24 * 60 * 60 * 1000;

interface DemoMeeting {
	id: string;
	boardId: string;
	type: MeetingType;
	title: string;
	startsAt: Date;
	place: string;
	status: 'planned' | 'ended';
	participants: string[];
	agenda: [string, number][];
	/** Marked as needed by the facilitator: candidate id and the reason the parents read. */
	needed?: [string, string][];
}

function demoMeetings(now: Date): DemoMeeting[] {
	const at = (daysFromNow: number, hour: number) => {
		const d = new Date(now.getTime() + daysFromNow * DAY);
		d.setHours(hour, 0, 0, 0);
		return d;
	};
	return [
		{
			id: DEMO_ENDED_MEETING_ID,
			boardId: 'demo-board-opstart',
			type: 'tvaerfagligt',
			title: 'Opstartsmøde om forældrehandleplanen',
			startsAt: at(-21, 10),
			place: 'Familiehuset, mødelokale 2',
			status: 'ended',
			participants: ['demo-anne', 'demo-jonas', 'demo-line'],
			agenda: [
				['Velkommen og hvordan vi arbejder sammen', 10],
				['Tidslinje: hvad er der sket?', 20],
				['Hvad bekymrer os, og hvad går godt?', 25],
				['Mål for de næste to måneder', 20]
			]
		},
		{
			id: DEMO_PLANNED_MEETING_ID,
			boardId: 'demo-board-netvaerk',
			type: 'netvaerk',
			title: 'Netværksmøde: hvem kan hjælpe?',
			startsAt: at(7, 14),
			place: 'Hos Birgit, eller på video',
			status: 'planned',
			participants: DEMO_PLANNED_PARTICIPANTS,
			needed: [
				[
					'person-anne',
					'Anne er rådgiver på sagen. Hun skal være med, fordi hun har ansvaret for jeres plan.'
				]
			],
			agenda: [
				['Hvordan går det med Sara og Mikkel?', 15],
				['Netværkskortet: hvem er omkring familien?', 25],
				['Samvær: hvad virker?', 20],
				['Aftaler', 10]
			]
		}
	];
}

/** Seeds the demo case, its accounts and meetings where they are missing. */
export async function seedDemo(db: Db, now = new Date()): Promise<void> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await transaction(db, async (tx) => {
		for (const u of DEMO_USERS) {
			const exists = await tx
				.select({ id: users.id })
				.from(users)
				.where(eq(users.id, u.id))
				.limit(1)
				.then(first);
			if (!exists)
				await tx.insert(users).values({
					id: u.id,
					email: u.email,
					name: u.name,
					passwordHash,
					isAdmin: u.role === 'admin'
				});
		}
		const caseExists = await tx
			.select({ id: cases.id })
			.from(cases)
			.where(eq(cases.id, DEMO_CASE_ID))
			.limit(1)
			.then(first);
		if (caseExists) return;
		await tx
			.insert(cases)
			.values({ id: DEMO_CASE_ID, title: 'Sara og Mikkel', reference: 'DEMO-2025-0142' });
		for (const u of DEMO_USERS) {
			if (u.role === 'admin') continue;
			await tx
				.insert(caseMembers)
				.values({ caseId: DEMO_CASE_ID, userId: u.id, role: u.role, title: u.title });
		}
		for (const m of demoMeetings(now)) {
			await tx.insert(meetings).values({
				id: m.id,
				caseId: DEMO_CASE_ID,
				boardId: m.boardId,
				type: m.type,
				title: m.title,
				startsAt: m.startsAt,
				place: m.place,
				status: m.status,
				createdBy: 'demo-anne',
				startedAt: m.status === 'ended' ? m.startsAt : null,
				endedAt: m.status === 'ended' ? new Date(m.startsAt.getTime() + 90 * 60 * 1000) : null
			});
			for (const [position, [title, durationMinutes]] of m.agenda.entries())
				await tx.insert(agendaItems).values({
					id: `${m.id}-agenda-${position}`,
					meetingId: m.id,
					position,
					title,
					durationMinutes
				});
			for (const userId of m.participants)
				await tx.insert(meetingParticipants).values({ meetingId: m.id, userId });
			for (const [candidateId, reason] of m.needed ?? [])
				await tx.insert(neededParticipants).values({
					meetingId: m.id,
					candidateId,
					reason,
					createdBy: 'demo-anne',
					createdAt: now
				});
		}
		await audit(tx, { actor: 'demo seed', action: 'demo.seed', caseId: DEMO_CASE_ID });
	});
	// The ended meeting first: the planned meeting's board continues from its snapshot.
	await seedEndedMeeting(db, now);
	await seedDemoBoard(db, undefined, now);
}

export function printDemoLogins(url: string): void {
	const lines = [
		'',
		`Mødetavle demo: ${url}`,
		`Password for all demo accounts: ${DEMO_PASSWORD}`,
		...DEMO_USERS.map(
			(u) => `  ${u.email.padEnd(22)} ${u.role === 'admin' ? 'admin' : `${u.role} (${u.title})`}`
		),
		''
	];
	console.log(lines.join('\n'));
}
