import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/** Admin pages exist only for admins; others get a 404. */
export const load: LayoutServerLoad = ({ locals }) => {
	if (!locals.user?.isAdmin) error(404, 'Findes ikke.');
};
