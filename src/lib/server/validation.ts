/**
 * Input validation shared by the JSON API and the form actions. Messages are Danish and plain:
 * they are shown to users as they are.
 */
import * as v from 'valibot';

export class InputError extends Error {
	/** Field name → message, for forms. */
	readonly fields: Record<string, string>;
	constructor(fields: Record<string, string>) {
		super(Object.values(fields).join(' '));
		this.fields = fields;
	}
}

/** Validates `input` against `schema`; throws InputError with one message per field. */
export function parse<const S extends v.GenericSchema>(
	schema: S,
	input: unknown
): v.InferOutput<S> {
	const result = v.safeParse(schema, input);
	if (result.success) return result.output;
	const fields: Record<string, string> = {};
	for (const issue of result.issues) {
		const key = v.getDotPath(issue) ?? '_';
		fields[key.split('.')[0] ?? '_'] ??= issue.message;
	}
	throw new InputError(fields);
}

/** A required, trimmed text of at most `max` characters. */
export function requiredText(label: string, max: number) {
	return v.pipe(
		v.optional(v.string(`${label} skal være tekst.`), ''),
		v.trim(),
		v.nonEmpty(`Skriv ${label.toLowerCase()}.`),
		v.maxLength(max, `${label} må højst være ${max} tegn.`)
	);
}

export function optionalText(label: string, max: number) {
	return v.optional(
		v.pipe(
			v.string(`${label} skal være tekst.`),
			v.trim(),
			v.maxLength(max, `${label} må højst være ${max} tegn.`)
		),
		''
	);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ZONED_DATE_TIME =
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
export const TIME_ZONE = 'Europe/Copenhagen';

/** Minutes that `zone` is ahead of UTC at the instant `utcMs`. */
function zoneOffsetMinutes(utcMs: number, zone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second')
	);
	return Math.round((asUtc - utcMs) / 60_000);
}

/**
 * Parses a meeting time: ISO 8601 with a zone (`2026-11-30T13:00:00Z`), or a local
 * `YYYY-MM-DDTHH:mm` (from `<input type="datetime-local">`) read as Danish time. Null if invalid.
 */
export function parseMeetingTime(value: string): Date | null {
	if (ZONED_DATE_TIME.test(value)) {
		const d = new Date(value);
		return Number.isNaN(d.getTime()) ? null : d;
	}
	const m = LOCAL_DATE_TIME.exec(value);
	if (!m) return null;
	const [year, month, day, hour, minute, second] = m
		.slice(1)
		.map((s) => Number(s ?? 0)) as number[];
	const guess = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
	const check = new Date(guess);
	if (
		check.getUTCMonth() !== month! - 1 ||
		check.getUTCDate() !== day! ||
		hour! > 23 ||
		minute! > 59
	)
		return null;
	const offset = zoneOffsetMinutes(guess - zoneOffsetMinutes(guess, TIME_ZONE) * 60_000, TIME_ZONE);
	return new Date(guess - offset * 60_000);
}

/** `YYYY-MM-DDTHH:mm` in Danish time, for a datetime-local input's value. */
export function toLocalInputValue(date: Date): string {
	const local = new Date(date.getTime() + zoneOffsetMinutes(date.getTime(), TIME_ZONE) * 60_000);
	return local.toISOString().slice(0, 16);
}

export const meetingTime = v.pipe(
	v.optional(v.string('Tidspunktet skal være tekst, fx 2026-11-30T14:00.'), ''),
	v.trim(),
	v.nonEmpty('Vælg dato og tidspunkt.'),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const date = parseMeetingTime(dataset.value);
		if (!date) {
			addIssue({ message: 'Dato og tidspunkt er ikke gyldige. Brug formatet 2026-11-30T14:00.' });
			return NEVER;
		}
		return date;
	})
);
