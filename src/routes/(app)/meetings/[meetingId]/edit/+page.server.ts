import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { meetingAccess } from '$lib/server/access';
import { caseMemberList } from '$lib/server/cases';
import { meetingDetails, parseMeetingInput, updateMeeting } from '$lib/server/meetings';
import { meetingInputFromForm, readMeetingForm } from '$lib/server/meeting-form';
import { InputError, toLocalInputValue } from '$lib/server/validation';
import { clientIp } from '$lib/server/http';

async function manageableMeeting(userId: string, meetingId: string) {
	const access = await meetingAccess(getDb(), userId, meetingId);
	if (!access) error(404, 'Findes ikke.');
	if (!access.canManage) error(403, 'Kun tovholderen kan ændre mødet.');
	return access;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const { meeting } = await manageableMeeting(locals.user!.id, params.meetingId);
	const details = await meetingDetails(getDb(), meeting);
	return {
		meetingId: meeting.id,
		meetingTitle: meeting.title,
		members: await caseMemberList(getDb(), meeting.caseId),
		values: {
			title: meeting.title,
			type: meeting.type,
			startsAt: toLocalInputValue(meeting.startsAt),
			place: meeting.place,
			agenda: details.agenda.map((a) => a.title).join('\n'),
			internal: meeting.internal,
			participants: details.participants.map((p) => p.userId)
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = event.locals.user!;
		const { meeting } = await manageableMeeting(user.id, event.params.meetingId);
		const values = readMeetingForm(await event.request.formData());
		try {
			const previous = (await meetingDetails(getDb(), meeting)).agenda;
			const input = parseMeetingInput(meetingInputFromForm(values));
			// Keep the durations of agenda items whose titles are unchanged.
			input.agenda = input.agenda.map((item) => ({
				...item,
				durationMinutes:
					item.durationMinutes ??
					previous.find((p) => p.title === item.title)?.durationMinutes ??
					undefined
			}));
			await updateMeeting(getDb(), meeting, input, {
				userId: user.id,
				name: user.name,
				ip: clientIp(event)
			});
		} catch (e) {
			if (e instanceof InputError) return fail(400, { values, errors: e.fields });
			throw e;
		}
		redirect(303, `/meetings/${meeting.id}`);
	}
};
