/** Turns the meeting form's fields into the API's meeting input (then validated as usual). */
export interface MeetingFormValues {
	title: string;
	type: string;
	startsAt: string;
	place: string;
	agenda: string;
	internal: boolean;
	participants: string[];
}

export function readMeetingForm(form: FormData): MeetingFormValues {
	const text = (name: string, max = 5000) => String(form.get(name) ?? '').slice(0, max);
	return {
		title: text('title'),
		type: text('type'),
		startsAt: text('startsAt'),
		place: text('place'),
		agenda: text('agenda', 20_000),
		internal: form.get('internal') === 'on',
		participants: form.getAll('participants').map((p) => String(p).slice(0, 64))
	};
}

export function meetingInputFromForm(values: MeetingFormValues) {
	return {
		title: values.title,
		type: values.type,
		startsAt: values.startsAt,
		place: values.place,
		internal: values.internal,
		agenda: values.agenda
			.split(/\r?\n/)
			.map((line) => line.trim())
			.filter(Boolean),
		participants: values.participants
	};
}
