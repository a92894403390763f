/** A same-site path to go to after login, or the fallback: never an absolute or protocol URL. */
export function safeRedirectPath(value: string | null | undefined, fallback = '/cases'): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
		return fallback;
	return value;
}
