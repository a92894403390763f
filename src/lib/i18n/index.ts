/**
 * The i18n layer. The UI is Danish; English can be switched on. Messages live per area in
 * `messages/*.ts`, each defining the Danish text and its English twin for the same keys.
 * Placeholders are written `{name}` and filled from `params`.
 */
import { app } from './messages/app';
import { board } from './messages/board';
import { membership } from './messages/membership';
import { review } from './messages/review';
import { parents } from './messages/parents';
import { toolMessages } from '../tools/messages';
import { genogramMessages } from '../tools/genogram/messages';
import { timelineMessages } from '../tools/timeline/messages';
import { sosMessages } from '../tools/sos/messages';
import { goalsMessages } from '../tools/goals/messages';
import { networkMessages } from '../tools/network/messages';

export const LOCALES = ['da', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'da';

/** Each tool's messages live in its folder; one line each here. */
const tools = [
	toolMessages,
	timelineMessages,
	genogramMessages,
	networkMessages,
	sosMessages,
	goalsMessages
];

const da = {
	...app.da,
	...board.da,
	...review.da,
	...membership.da,
	...parents.da,
	...merge(tools, 'da')
};
const en: Record<keyof typeof da, string> = {
	...app.en,
	...board.en,
	...review.en,
	...membership.en,
	...parents.en,
	...merge(tools, 'en')
};
const dictionaries: Record<Locale, Record<MessageKey, string>> = { da, en };

type ToolMessages = (typeof tools)[number]['da'];
type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (
	k: infer I
) => void
	? I
	: never;

function merge<T extends { da: Record<string, string>; en: Record<string, string> }>(
	list: readonly T[],
	locale: 'da' | 'en'
): UnionToIntersection<T['da']> {
	return Object.assign({}, ...list.map((m) => m[locale])) as UnionToIntersection<T['da']>;
}

export type MessageKey = keyof typeof da | keyof ToolMessages;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
	return value === 'da' || value === 'en';
}

export function translator(locale: Locale): Translate {
	const dict = dictionaries[locale];
	return (key, params) => {
		const text = dict[key] ?? da[key] ?? key;
		return params
			? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m))
			: text;
	};
}

/** Formats a date and time for the UI (Danish: "tirsdag 24. nov. 2026 kl. 14.00"). */
export function formatDateTime(locale: Locale, date: Date | string | number): string {
	return new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', {
		weekday: 'long',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'Europe/Copenhagen'
	}).format(new Date(date));
}

export function formatDate(locale: Locale, date: Date | string | number): string {
	return new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'Europe/Copenhagen'
	}).format(new Date(date));
}
