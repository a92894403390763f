import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { caseAccess } from '$lib/server/access';
import { caseHasSnapshots, caseMemberList } from '$lib/server/cases';
import { createMeeting, parseMeetingInput, parseStartFrom } from '$lib/server/meetings';
import { meetingInputFromForm, readMeetingForm } from '$lib/server/meeting-form';
import { InputError, toLocalInputValue } from '$lib/server/validation';
import { clientIp } from '$lib/server/http';
import { createMeetingBoard } from '$server/boards/create';

async function manageableCase(userId: string, caseId: string) {
	const access = await caseAccess(getDb(), userId, caseId);
	if (!access) error(404, 'Findes ikke.');
	if (!access.canManage) error(403, 'Kun tovholderen kan oprette møder.');
	return access;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const access = await manageableCase(locals.user!.id, params.caseId);
	const members = await caseMemberList(getDb(), access.case.id);
	const start = new Date(Date.now() + 7 * 24 * 3600_000);
	start.setUTCMinutes(0, 0, 0);
	return {
		caseId: access.case.id,
		caseTitle: access.case.title,
		members,
		hasSnapshots: await caseHasSnapshots(getDb(), access.case.id),
		values: {
			title: '',
			type: 'tvaerfagligt',
			startsAt: toLocalInputValue(start),
			place: '',
			agenda: '',
			internal: false,
			participants: members.map((m) => m.userId)
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = event.locals.user!;
		const access = await manageableCase(user.id, event.params.caseId);
		const form = await event.request.formData();
		const values = readMeetingForm(form);
		try {
			const input = parseMeetingInput(meetingInputFromForm(values));
			const startFrom = parseStartFrom(form.get('startFrom'));
			const meeting = await createMeeting(getDb(), access.case.id, input, {
				userId: user.id,
				name: user.name,
				ip: clientIp(event)
			});
			await createMeetingBoard(getDb(), meeting, { startFrom });
			redirect(303, `/meetings/${meeting.id}`);
		} catch (e) {
			if (e instanceof InputError)
				return fail(400, {
					values,
					errors: e.fields,
					startFrom: form.get('startFrom') === 'blank' ? 'blank' : 'latest'
				});
			throw e;
		}
	}
};
