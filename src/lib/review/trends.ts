/**
 * Trends across a case's meetings (pure): the overall safety scale by role group and goal
 * progress, one point per meeting snapshot, read from the tools' summaries (`ToolSummary.trend`,
 * keys documented in `src/lib/tools/types.ts`). A tool that is not there, or a key it does not
 * give, is "no data" (null) for that series – never an error.
 */
import type { ToolId, ToolSummary } from '../tools/types';

/** Where each trend number comes from: tool and key in its `trend`. */
export const TREND_SOURCES = {
	parentsMedian: ['sos', 'overall.parents.median'],
	parentsMin: ['sos', 'overall.parents.min'],
	parentsMax: ['sos', 'overall.parents.max'],
	professionalsMedian: ['sos', 'overall.professionals.median'],
	professionalsMin: ['sos', 'overall.professionals.min'],
	professionalsMax: ['sos', 'overall.professionals.max'],
	networkMedian: ['sos', 'overall.network.median'],
	ratings: ['sos', 'overall.count'],
	goalsActive: ['goals', 'goals.active'],
	goalsReached: ['goals', 'goals.reached'],
	goalsPaused: ['goals', 'goals.paused'],
	stepsDone: ['goals', 'steps.done'],
	stepsTotal: ['goals', 'steps.total']
} as const satisfies Record<string, readonly [ToolId, string]>;

export type TrendKey = keyof typeof TREND_SOURCES;

/** A rating spread on the 0–10 scale; each part null when the tool does not give it. */
export interface Spread {
	median: number | null;
	min: number | null;
	max: number | null;
}

export interface TrendPoint {
	snapshotId: string;
	meetingId: string;
	meetingTitle: string;
	/** When the snapshot was saved (ISO). */
	at: string;
	safety: {
		parents: Spread;
		professionals: Spread;
		network: { median: number | null };
		/** How many ratings were given (null: no data). */
		count: number | null;
	};
	goals: { active: number | null; reached: number | null; paused: number | null };
	steps: { done: number | null; total: number | null };
}

export interface TrendSnapshot {
	snapshotId: string;
	meetingId: string;
	meetingTitle: string;
	at: string;
	tools: Partial<Record<ToolId, Pick<ToolSummary, 'trend'>>>;
}

/** One number of a snapshot's summaries, or null when it is missing or not a finite number. */
export function trendValue(tools: TrendSnapshot['tools'], key: TrendKey): number | null {
	const [tool, name] = TREND_SOURCES[key];
	const value = tools[tool]?.trend?.[name];
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function trendPoint(snapshot: TrendSnapshot): TrendPoint {
	const v = (key: TrendKey) => trendValue(snapshot.tools, key);
	return {
		snapshotId: snapshot.snapshotId,
		meetingId: snapshot.meetingId,
		meetingTitle: snapshot.meetingTitle,
		at: snapshot.at,
		safety: {
			parents: { median: v('parentsMedian'), min: v('parentsMin'), max: v('parentsMax') },
			professionals: {
				median: v('professionalsMedian'),
				min: v('professionalsMin'),
				max: v('professionalsMax')
			},
			network: { median: v('networkMedian') },
			count: v('ratings')
		},
		goals: { active: v('goalsActive'), reached: v('goalsReached'), paused: v('goalsPaused') },
		steps: { done: v('stepsDone'), total: v('stepsTotal') }
	};
}

/** The points in time order (oldest first). */
export function trendPoints(snapshots: TrendSnapshot[]): TrendPoint[] {
	return snapshots
		.map(trendPoint)
		.sort((a, b) => a.at.localeCompare(b.at) || a.snapshotId.localeCompare(b.snapshotId));
}

/** Whether any point has safety-scale data, or goal data. */
export function hasSafetyData(points: TrendPoint[]): boolean {
	return points.some(
		(p) =>
			p.safety.parents.median !== null ||
			p.safety.professionals.median !== null ||
			p.safety.network.median !== null
	);
}
export function hasGoalData(points: TrendPoint[]): boolean {
	return points.some(
		(p) =>
			p.goals.active !== null ||
			p.goals.reached !== null ||
			p.steps.done !== null ||
			p.steps.total !== null
	);
}

/**
 * A meeting's snapshots in the order they stand for the meeting in the trends: those saved when
 * the meeting ended first, then the newest first. The first intact one is used.
 */
export function preferenceOrder<T extends { reason: string; createdAt: string | Date; id: string }>(
	snapshots: readonly T[]
): T[] {
	const time = (s: T) => new Date(s.createdAt).getTime();
	return [...snapshots].sort(
		(a, b) =>
			Number(b.reason === 'meeting-ended') - Number(a.reason === 'meeting-ended') ||
			time(b) - time(a) ||
			a.id.localeCompare(b.id)
	);
}
