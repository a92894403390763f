import type { SessionUser } from '$lib/server/auth/session';
import type { Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			sessionId: string | null;
			locale: Locale;
		}
		interface Error {
			message: string;
		}
		interface PageData {
			locale: Locale;
			user: SessionUser | null;
		}
	}
}

export {};
