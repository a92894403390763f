import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { findScreen, rememberScreen } from '$lib/server/screen';

/** A screen link: remembered in this browser (HttpOnly cookie), then the screen without the token. */
export const load: PageServerLoad = async ({ params, cookies, url }) => {
	const found = await findScreen(getDb(), params.token);
	if (!found) error(404, 'Skærmlinket er udløbet eller lukket. Bed tovholderen om et nyt.');
	rememberScreen(cookies, params.token, found.invite, url.protocol === 'https:');
	redirect(303, '/screen');
};
