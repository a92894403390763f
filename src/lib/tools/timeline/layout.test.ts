import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NESTED } from '../../board/keys';
import { renderSvg } from '../draw/svg';
import { frameLayout } from '../frame';
import { boardWith, context, hitBoxes, NOW, overlaps, TODAY } from '../test/helpers';
import { dayNumber, formatIso, fromDay } from './dates';
import { timeline } from './index';
import { axisTicks, labelsAt, timeScale } from './axis';
import { layoutTimeline } from './layout';
import { readTimeline } from './model';
import { addEvent, addPhase } from './ops';

const SIZE = { width: 2000, height: 904 };

function cards(list: ReturnType<typeof layoutTimeline>) {
	// Cards and "+N" chips are the hit groups placed at an offset (the placement band is not).
	return hitBoxes(list, 'event').filter((b) => b.group.x !== undefined);
}

describe('timeline layout', () => {
	it('stacks 30 events of one month so that no two cards overlap, in any lane', () => {
		const { data } = boardWith('timeline');
		for (let i = 0; i < 30; i++)
			addEvent(data, `e${i}`, {
				title: `Begivenhed nummer ${i} med en lidt længere titel`,
				date: formatIso(fromDay(dayNumber(2026, 3, 1) + (i % 28))),
				lane: i % 3 === 0 ? 'help' : 'child'
			});
		for (const height of [904, 3600]) {
			const list = layoutTimeline(readTimeline(data, TODAY), { width: 2000, height }, context());
			const boxes = cards(list);
			expect(overlaps(boxes)).toEqual([]);
			// Every event is on a card or counted in a "+N" chip.
			const chips = boxes.filter((b) => b.group.children.length === 2);
			const shown = boxes.length - chips.length;
			const counted = chips.reduce((n, chip) => {
				const text = chip.group.children.find((c) => c.type === 'text');
				return (
					n + Number(/\+(\d+)/.exec(text?.type === 'text' ? (text.lines[0] ?? '') : '')?.[1] ?? 0)
				);
			}, 0);
			expect(shown + counted).toBe(30);
			if (height === 3600) expect(chips).toHaveLength(0);
		}
	});

	it('labels the axis by zoom level: years far out, then months, then weeks', () => {
		const { data } = boardWith('timeline');
		addEvent(data, 'a', { title: 'Start', date: '2024-01-10' });
		addEvent(data, 'b', { title: 'Slut', date: '2026-11-20' });
		const model = readTimeline(data, TODAY);
		const ticks = axisTicks(timeScale(model, SIZE), 'da');
		const levels = (scale: number) => new Set(labelsAt(ticks, scale).map((t) => t.level));
		expect([...levels(0.15)]).toEqual(['year']);
		expect(levels(1.2).has('month')).toBe(true);
		expect(levels(1.2).has('week')).toBe(false);
		expect(levels(8).has('week')).toBe(true);
		expect(labelsAt(ticks, 1.2).find((t) => t.level === 'month')?.label).toMatch(/^[a-zæøå]+\.?$/);
		expect(labelsAt(ticks, 8).some((t) => /^uge \d+$/.test(t.label))).toBe(true);
		// Labels of one level never crowd: at the zoom they appear, they are far enough apart.
		for (const scale of [0.15, 0.6, 1.2, 8]) {
			const xs = labelsAt(ticks, scale)
				.filter((t) => t.level === 'month')
				.map((t) => timeScale(model, SIZE).x(t.day) * scale);
			for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(40);
		}
	});

	it('warns gently when a phase runs past its recommended length', () => {
		const { data } = boardWith('timeline');
		addPhase(data, 'p1', { kind: 'opstart', start: '2026-06-01', end: '2026-10-05' });
		addPhase(data, 'p2', { kind: 'forandring', start: '2026-10-06' });
		const model = readTimeline(data, TODAY);
		const [opstart, forandring] = model.phases;
		expect(opstart).toMatchObject({ weeks: 18, tooLong: true, ongoing: false });
		expect(forandring).toMatchObject({ weeks: 8, tooLong: false, ongoing: true });
		const svg = renderSvg(layoutTimeline(model, SIZE, context()));
		expect(svg).toContain('Opstart · 18 uger – længere end anbefalet (4–16)');
		expect(svg).toContain('Forandring · 8 uger');
	});

	it('skips records that fail their validators instead of crashing', () => {
		const { doc, data } = boardWith('timeline');
		addEvent(data, 'ok', { title: 'Gyldig', date: '2026-01-01' });
		const events = data.root.get(NESTED.timeline.events) as Y.Map<unknown>;
		doc.transact(() => {
			events.set(
				'nan',
				new Y.Map<unknown>([
					['title', 'x'],
					['date', '2026-02-31']
				])
			);
			events.set(
				'old',
				new Y.Map<unknown>([
					['title', 'x'],
					['date', '1850-01-01']
				])
			);
			events.set('junk', 'not a record' as unknown as Y.Map<unknown>);
			events.set(
				'cat',
				new Y.Map<unknown>([
					['title', 'x'],
					['date', '2026-01-01'],
					['category', 'ufo']
				])
			);
		});
		const model = readTimeline(data, TODAY);
		expect(model.events.map((e) => e.id)).toEqual(['ok']);
		expect(() => layoutTimeline(model, SIZE, context())).not.toThrow();
		expect(timeline.summary(model, context().t, 'da').counts.events).toBe(1);
	});

	it('draws the demo timeline to SVG: placement, phases, lanes, today, deadline, escaped text', () => {
		const { data } = boardWith('timeline');
		timeline.demo!(data, NOW);
		addEvent(data, 'evil', { title: '<script>alert(1)</script> & "x"', date: '2026-05-05' });
		const model = readTimeline(data, TODAY);
		const list = frameLayout(timeline, model, 2000, 980, context());
		const svg = renderSvg(list, { title: 'Tidslinje' });
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		for (const text of [
			'Tidslinje',
			'Sara og Mikkel anbringes',
			'Barnet',
			'Forældrene',
			'Hjælpen',
			'I dag',
			'Opstart · 8 uger',
			'Opfølgning på handleplanen'
		])
			expect(svg).toContain(text);
		expect(svg).not.toContain('<script>');
		expect(svg).toContain('&lt;script&gt;');
		// The same model lays out the same way every time.
		expect(renderSvg(frameLayout(timeline, model, 2000, 980, context()))).toBe(renderSvg(list));
	});

	it('puts a placement on the axis from its start, and today where today is', () => {
		const { data } = boardWith('timeline');
		timeline.demo!(data, NOW);
		const model = readTimeline(data, TODAY);
		const scale = timeScale(model, SIZE);
		const list = layoutTimeline(model, SIZE, context());
		const band = hitBoxes(list, 'event').find(
			(b) => b.id === 'tl-placement' && b.group.x === undefined
		)!;
		expect(band.minX).toBeCloseTo(
			scale.x(model.events.find((e) => e.id === 'tl-placement')!.fromDay) - 11,
			0
		);
		expect(band.maxX).toBeCloseTo(scale.x(model.today + 1), 0);
	});
});
