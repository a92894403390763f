/**
 * Before logging out in this browser: the boards kept here (offline copies, case data) get their
 * chance to reach the server, and are removed once they have – or once the person chose to let
 * unsent edits go. Returns whether to go on with the logout.
 */
import { clearOfflineBoards } from '$lib/canvas/offline';
import type { Translate } from '$lib/i18n';

export async function prepareLogout(t: Translate): Promise<boolean> {
	const { unsentOfflineBoards } = await import('$lib/canvas/offline-send');
	const unsent = await unsentOfflineBoards();
	if (unsent.length > 0 && !confirm(t('nav.logoutUnsent'))) return false;
	await clearOfflineBoards();
	return true;
}
