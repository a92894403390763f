import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { createInvite, DEFAULT_INVITE_MINUTES, MAX_INVITE_MINUTES } from '$lib/server/invites';
import { api, auditEvent, meetingForApi, readJson } from '$lib/server/http';
import { parse, requiredText } from '$lib/server/validation';
import { InputError } from '$lib/server/validation';

const inviteInput = v.object(
	{
		name: requiredText('Navn', 100),
		role: requiredText('Rolle', 100),
		readOnly: v.optional(v.boolean('"readOnly" skal være true eller false.'), false),
		expiresInMinutes: v.optional(
			v.pipe(
				v.number('Gyldighed skal være et antal minutter.'),
				v.integer('Gyldighed skal være et helt antal minutter.'),
				v.minValue(5, 'Et link skal gælde i mindst 5 minutter.'),
				v.maxValue(MAX_INVITE_MINUTES, 'Et link kan højst gælde i 14 dage.')
			),
			DEFAULT_INVITE_MINUTES
		)
	},
	'Send invitationen som et JSON-objekt.'
);

export const POST: RequestHandler = (event) =>
	api(async () => {
		const { user, db, access } = await meetingForApi(event, {
			manage: 'Kun tovholderen kan invitere gæster.'
		});
		const input = parse(inviteInput, await readJson(event.request));
		if (access.meeting.status === 'ended')
			throw new InputError({ _: 'Mødet er afsluttet: der kan ikke inviteres flere.' });
		const { invite, token } = await createInvite(db, {
			...input,
			meetingId: access.meeting.id,
			createdBy: user.id
		});
		await auditEvent(event, 'invite.create', {
			caseId: access.meeting.caseId,
			targetType: 'invite',
			targetId: invite.id,
			detail: { meetingId: access.meeting.id, name: input.name, readOnly: input.readOnly }
		});
		const url = `${event.url.origin}/meetings/${access.meeting.id}/board?invite=${token}`;
		return json(
			{ id: invite.id, url, token, expiresAt: invite.expiresAt.toISOString() },
			{ status: 201 }
		);
	});
