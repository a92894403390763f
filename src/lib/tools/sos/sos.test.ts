import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, people } from '../../board/doc';
import { carryForward } from '../../board/carry-forward';
import { LOCAL_ORIGIN } from '../../board/origin';
import { translator } from '../../i18n';
import { toolData } from '../data';
import { renderSvg } from '../draw/svg';
import { frameLayout, contentSize } from '../frame';
import type { ToolData, ToolEdit } from '../types';
import { demoDoc, writeSvg } from '../../../../tests/helpers/demo-tools';
import { dropPlace, sos } from './index';
import { generate } from './generate';
import { layoutSos, sosGeometry } from './layout';
import { OVERALL, participantKey, readSos, groupOfRole, type SosModel } from './model';
import {
	addCard,
	addPairedGoal,
	cardProblems,
	carrySosForward,
	moveCard,
	pairCards,
	rate,
	removeCard,
	setCardText,
	setHideNames,
	setScaleText,
	updateCard
} from './ops';
import { summarizeSos } from './summary';
import { diffSos } from './diff';

const t = translator('da');
const context = { t, locale: 'da' as const, today: '2026-12-01', selected: null };

function board(): { doc: Y.Doc; data: ToolData } {
	const doc = new Y.Doc();
	initBoard(doc);
	return { doc, data: toolData(doc, 'sos') };
}

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** A replica of `doc` (a second client that has synced). */
function replica(doc: Y.Doc): { doc: Y.Doc; data: ToolData } {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return { doc: copy, data: toolData(copy, 'sos') };
}

function edit(
	data: ToolData,
	userId: string,
	size = contentSize(sos.size.w, sos.size.h)
): ToolEdit<SosModel> {
	return {
		data,
		model: readSos(data),
		size,
		userId,
		origin: LOCAL_ORIGIN,
		context,
		viewScale: 1
	};
}

const anne = { key: 'demo-anne', group: 'professional' as const, name: 'Anne' };
const line = { key: 'demo-line', group: 'parent' as const, name: 'Line' };

describe('sos model and ops', () => {
	it('adds cards with collaborative text in their kind section, and refuses bad input without writing', () => {
		const { doc, data } = board();
		expect(
			addCard(data, 'c1', { column: 'worries', text: '  Samvær aflyst  ', voice: 'parent' })
		).toBe(true);
		expect(addCard(data, 'c2', { column: 'worries', kind: 'harm', text: 'Det skete' })).toBe(true);
		let updates = 0;
		doc.on('update', () => updates++);
		expect(addCard(data, 'bad1', { column: 'worries', text: '   ' })).toBe(false);
		expect(addCard(data, 'bad2', { column: 'worries', kind: 'strength', text: 'x' })).toBe(false);
		expect(addCard(data, 'bad3', { column: 'next', text: 'x', due: '2026-02-31' })).toBe(false);
		expect(addCard(data, 'bad4', { column: 'next', text: 'x'.repeat(5001) })).toBe(false);
		expect(updateCard(data, 'c1', { kind: 'safety-goal' })).toBe(false);
		expect(updates).toBe(0);
		expect(cardProblems({ column: 'worries', text: ' ' })).toEqual(['sos.error.text']);
		const model = readSos(data);
		// Harm (the past) is its own section before the worries.
		expect(model.columns.worries.map((c) => [c.id, c.kind, c.text])).toEqual([
			['c2', 'harm', 'Det skete'],
			['c1', 'worry', 'Samvær aflyst']
		]);
		const item = (data.root.get('items') as Y.Map<Y.Map<unknown>>).get('c1')!;
		expect(item.get('text')).toBeInstanceOf(Y.Text);
		expect(item.get('ratings')).toBeInstanceOf(Y.Map);
	});

	it('skips invalid cards and reads a kind from another column as the column default', () => {
		const { data } = board();
		addCard(data, 'ok', { column: 'next', text: 'Plan' });
		const items = data.root.get('items') as Y.Map<unknown>;
		const odd = new Y.Map<unknown>();
		items.set('odd', odd);
		odd.set('column', 'working');
		odd.set('kind', 'danger');
		odd.set('text', new Y.Text('Flyttet samtidig'));
		odd.set('order', 'a0');
		const broken = new Y.Map<unknown>();
		items.set('broken', broken);
		broken.set('column', 'elsewhere');
		items.set('junk', 'not a map' as never);
		const model = readSos(data);
		expect(model.cards.map((c) => [c.id, c.kind])).toEqual([
			['odd', 'strength'],
			['ok', 'next-step']
		]);
	});

	it('keeps both people’s words when they type into one card at the same time', () => {
		const a = board();
		addCard(a.data, 'c', { column: 'working', text: 'Sara er glad for skolen.' });
		const b = replica(a.doc);
		const text = 'Sara er glad for skolen.';
		setCardText(a.data, 'c', 'text', `Line: ${text}`, 6);
		setCardText(b.data, 'c', 'text', `${text} Mikkel sover bedre.`);
		setCardText(b.data, 'c', 'disagreement', 'Carsten er ikke enig.');
		sync(a.doc, b.doc);
		for (const side of [a, b]) {
			const card = readSos(side.data).cards[0]!;
			expect(card.text).toBe('Line: Sara er glad for skolen. Mikkel sover bedre.');
			expect(card.disagreement).toBe('Carsten er ikke enig.');
		}
	});

	it('stores a rating only under the rater’s own key; a rating written for someone else is ignored by every reader', () => {
		const { doc, data } = board();
		addCard(data, 'd', { column: 'worries', kind: 'danger', text: 'Fare' });
		expect(rate(data, OVERALL, line, 6)).toBe(true);
		expect(rate(data, 'd', anne, 4)).toBe(true);
		expect(rate(data, OVERALL, anne, 11)).toBe(false);
		expect(rate(data, OVERALL, anne, 4.5)).toBe(false);
		// A client that writes Line's rating as Anne: stored under Line's key, written by Anne.
		const ratings = (data.root.get('scale') as Y.Map<unknown>).get('ratings') as Y.Map<unknown>;
		const other = replica(doc);
		const otherRatings = (other.data.root.get('scale') as Y.Map<unknown>).get(
			'ratings'
		) as Y.Map<unknown>;
		otherRatings.set('demo-line', { value: 0, by: 'demo-anne', group: 'parent', name: 'Line' });
		otherRatings.set('demo-karim', { value: 9, group: 'professional' });
		otherRatings.set('demo-jonas', { value: 'ti', by: 'demo-jonas', group: 'professional' });
		sync(doc, other.doc);
		expect(ratings.get('demo-line')).toMatchObject({ by: 'demo-anne' });
		for (const side of [data, other.data]) {
			const model = readSos(side);
			expect(model.overall.ratings).toEqual([]);
			expect(model.cards[0]!.scale!.ratings).toEqual([
				{ key: 'demo-anne', value: 4, group: 'professional', name: 'Anne' }
			]);
		}
		// Line rates again: her own rating counts.
		rate(data, OVERALL, line, 7);
		expect(readSos(data).overall.ratings.map((r) => [r.key, r.value])).toEqual([['demo-line', 7]]);
		rate(data, OVERALL, line, null);
		expect(readSos(data).overall.ratings).toEqual([]);
	});

	it('knows participants by account or invite, and their role group', () => {
		expect(participantKey('demo-line')).toBe('demo-line');
		expect(participantKey('guest-inv42')).toBe('invite:inv42');
		expect(groupOfRole('parent')).toBe('parent');
		expect(groupOfRole('facilitator')).toBe('professional');
		expect(groupOfRole('professional')).toBe('professional');
		expect(groupOfRole('foster')).toBe('network');
		expect(groupOfRole('guest')).toBe('network');
	});

	it('pairs each danger statement with one safety goal; deleting the goal unpairs', () => {
		const { data } = board();
		addCard(data, 'd1', { column: 'worries', kind: 'danger', text: 'Fare 1' });
		addCard(data, 'd2', { column: 'worries', kind: 'danger', text: 'Fare 2' });
		addCard(data, 'g1', { column: 'next', kind: 'safety-goal', text: 'Mål 1' });
		expect(pairCards(data, 'd1', 'g1')).toBe(true);
		expect(pairCards(data, 'd2', 'g1')).toBe(true);
		let model = readSos(data);
		expect(model.pairs.map((p) => [p.number, p.danger.id, p.goal?.id ?? null])).toEqual([
			[1, 'd1', null],
			[2, 'd2', 'g1']
		]);
		expect(model.cards.find((c) => c.id === 'g1')?.pair).toBe(2);
		expect(addPairedGoal(data, 'd1', 'g2', { text: 'Mål for fare 1', voice: 'parent' })).toBe(true);
		model = readSos(data);
		expect(model.pairs[0]!.goal?.text).toBe('Mål for fare 1');
		removeCard(data, 'g1');
		model = readSos(data);
		expect(model.pairs[1]!.goal).toBeNull();
		const d2 = (data.root.get('items') as Y.Map<Y.Map<unknown>>).get('d2')!;
		expect(d2.has('pairedWith')).toBe(false);
	});

	it('moves cards between columns and kind sections by fractional order', () => {
		const { data } = board();
		for (const id of ['a', 'b', 'c'])
			addCard(data, id, { column: 'working', kind: 'strength', text: id });
		moveCard(data, 'c', { column: 'working', after: null, before: 'a' });
		expect(readSos(data).columns.working.map((c) => c.id)).toEqual(['c', 'a', 'b']);
		moveCard(data, 'a', { column: 'next', after: null, before: null });
		const model = readSos(data);
		expect(model.columns.working.map((c) => c.id)).toEqual(['c', 'b']);
		expect(model.columns.next.map((c) => [c.id, c.kind])).toEqual([['a', 'next-step']]);
	});

	it(
		'keeps the order stable under concurrent moves: every replica shows the same cards once, unmoved cards keep their order',
		{ timeout: 60_000 },
		() => {
			const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
			const move = fc.record({
				card: fc.integer({ min: 0, max: ids.length - 1 }),
				column: fc.constantFrom('worries', 'working', 'next' as const),
				neighbour: fc.integer({ min: -1, max: ids.length - 1 }),
				before: fc.boolean()
			});
			fc.assert(
				fc.property(
					fc.array(move, { maxLength: 6 }),
					fc.array(move, { maxLength: 6 }),
					fc.array(move, { maxLength: 4 }),
					(movesA, movesB, movesC) => {
						const base = board();
						for (const id of ids) addCard(base.data, id, { column: 'worries', text: id });
						const replicas = [replica(base.doc), replica(base.doc), replica(base.doc)];
						const moved = new Set<string>();
						[movesA, movesB, movesC].forEach((moves, i) => {
							const r = replicas[i]!;
							for (const m of moves) {
								const id = ids[m.card]!;
								const other = m.neighbour >= 0 ? ids[m.neighbour]! : null;
								moved.add(id);
								moveCard(r.data, id, {
									column: m.column,
									after: m.before ? null : other,
									before: m.before ? other : null
								});
							}
						});
						for (const a of replicas) for (const b of replicas) if (a !== b) sync(a.doc, b.doc);
						const orders = replicas.map((r) => readSos(r.data).cards.map((c) => c.id));
						expect(orders[1]).toEqual(orders[0]);
						expect(orders[2]).toEqual(orders[0]);
						expect([...orders[0]!].sort()).toEqual(ids);
						const still = orders[0]!.filter((id) => !moved.has(id));
						expect(still).toEqual(ids.filter((id) => !moved.has(id)));
					}
				),
				{ numRuns: 60, seed: 9 }
			);
		}
	);

	it('changes the overall scale’s wording; an empty field goes back to the default', () => {
		const { data } = board();
		expect(setScaleText(data, { question: 'Hvor trygge er børnene?' })).toBe(true);
		expect(readSos(data).overall.question).toBe('Hvor trygge er børnene?');
		expect(setScaleText(data, { question: 'x'.repeat(2001) })).toBe(false);
		setScaleText(data, { question: '' });
		expect(readSos(data).overall.question).toBe('');
		setHideNames(data, true);
		expect(readSos(data).hideNames).toBe(true);
		setHideNames(data, false);
		expect(data.root.has('hideNames')).toBe(false);
	});
});

describe('sos on the canvas', () => {
	it('a dropped card lands in the column and section under it', () => {
		const doc = demoDoc();
		const data = toolData(doc, 'sos');
		const model = readSos(data);
		const size = contentSize(sos.size.w, sos.size.h);
		const geo = sosGeometry(model, size);
		const next = geo.columns.next.cards;
		const firstStep = next.find((b) => b.card.kind === 'next-step')!;
		// The strength card dropped between the two next steps becomes a next step.
		const place = dropPlace(model, size, 'sos-strength-line', {
			x: firstStep.x + 100,
			y: firstStep.y + firstStep.h + 4
		});
		expect(place).toEqual({
			column: 'next',
			kind: 'next-step',
			after: 'sos-next-plan',
			before: 'sos-next-birgit'
		});
		const box = geo.columns.working.cards.find((b) => b.card.id === 'sos-strength-line')!;
		const selection = sos.drop!(
			edit(data, 'demo-anne'),
			{ kind: 'item', id: 'sos-strength-line', draggable: true },
			{
				from: { x: box.x + 10, y: box.y + 10 },
				to: {
					x: firstStep.x + 100 - box.w / 2 + 10,
					y: firstStep.y + firstStep.h + 4 - box.h / 2 + 10
				}
			}
		);
		expect(selection).toEqual({ tool: 'sos', kind: 'item', id: 'sos-strength-line' });
		expect(readSos(data).columns.next.map((c) => c.id)).toEqual([
			'sos-goal-visits',
			'sos-goal-handover',
			'sos-next-plan',
			'sos-strength-line',
			'sos-next-birgit'
		]);
	});

	it('moves only the participant’s own marker', () => {
		const doc = demoDoc();
		const data = toolData(doc, 'sos');
		const geo = sosGeometry(readSos(data), contentSize(sos.size.w, sos.size.h));
		const step = (geo.overall.x1 - geo.overall.x0) / 10;
		const drag = (userId: string, key: string) =>
			sos.drop!(
				edit(data, userId),
				{ kind: 'marker', id: `${OVERALL}|${key}`, draggable: true },
				{ from: { x: 0, y: 0 }, to: { x: 2 * step, y: 0 } }
			);
		expect(drag('demo-line', 'demo-line')).toEqual({ tool: 'sos', kind: 'scale', id: OVERALL });
		drag('demo-line', 'demo-anne');
		const values = Object.fromEntries(readSos(data).overall.ratings.map((r) => [r.key, r.value]));
		expect(values).toMatchObject({ 'demo-line': 8, 'demo-anne': 4 });
		// Keyboard: the arrow keys move one's own rating by one.
		sos.nudge!(edit(data, 'demo-anne'), { tool: 'sos', kind: 'scale', id: OVERALL }, -1, 0, false);
		expect(readSos(data).overall.ratings.find((r) => r.key === 'demo-anne')?.value).toBe(3);
	});

	it('taps select cards, scales and new cards; arrow keys reorder within a section', () => {
		const { data } = board();
		addCard(data, 'a', { column: 'worries', text: 'a' });
		addCard(data, 'b', { column: 'worries', text: 'b' });
		const e = edit(data, 'u1');
		expect(sos.tap!(e, { kind: 'new-item', id: 'next' }, { x: 0, y: 0 })).toEqual({
			tool: 'sos',
			kind: 'new-item',
			id: 'next'
		});
		expect(sos.tap!(e, { kind: 'marker', id: 'overall|u2' }, { x: 0, y: 0 })).toEqual({
			tool: 'sos',
			kind: 'scale',
			id: 'overall'
		});
		sos.nudge!(e, { tool: 'sos', kind: 'item', id: 'b' }, 0, -1, false);
		expect(readSos(data).columns.worries.map((c) => c.id)).toEqual(['b', 'a']);
		sos.nudge!(edit(data, 'u1'), { tool: 'sos', kind: 'item', id: 'b' }, 1, 0, false);
		expect(readSos(data).columns.working.map((c) => c.id)).toEqual(['b']);
	});
});

describe('sos summary, diff and pictures', () => {
	it('summarises the demo case: counts per column and voice, medians and spread per role group', () => {
		const model = readSos(toolData(demoDoc(), 'sos'));
		const summary = summarizeSos(model, t, 'da');
		expect(summary.counts).toMatchObject({
			cards: 13,
			worries: 5,
			working: 4,
			next: 4,
			pairs: 2,
			'voice.parent': 5,
			'voice.professional': 5,
			'voice.network': 3,
			ratings: 4,
			'overall.median': 5,
			'overall.min': 4,
			'overall.max': 6,
			'overall.parent.median': 5.5,
			'overall.professional.median': 4.5
		});
		expect(summary.items).toContainEqual({
			label: 'Samlet sikkerhedsskala',
			value: 'median 5 (4–6), 4 svar – forældre 5,5 (5–6), fagpersoner 4,5 (4–5)'
		});
		expect(summary.text).toContain('Hvad bekymrer os? (5)');
		expect(
			summary.text.some((l) => l.startsWith('– Farevurdering (Fagperson · Anne) [Par 1]:'))
		).toBe(true);
		expect(summary.text.some((l) => l.includes('Familien er uenig: Line mener'))).toBe(true);
	});

	it('tells what changed: cards added, moved and removed, and the scales "3 → 5"', () => {
		const doc = demoDoc();
		const data = toolData(doc, 'sos');
		const before = readSos(data);
		const jonas = { key: 'demo-jonas', group: 'professional' as const, name: 'Jonas' };
		rate(data, OVERALL, jonas, 8);
		rate(data, OVERALL, anne, 6);
		rate(data, 'sos-danger-visits', line, 9);
		moveCard(data, 'sos-worry', { column: 'working', after: null, before: null });
		removeCard(data, 'sos-exception');
		addCard(data, 'new', { column: 'next', text: 'Ring til skolen', voice: 'parent' });
		const entries = diffSos(before, readSos(data), t, 'da');
		expect(entries).toContainEqual({
			kind: 'changed',
			id: 'scale:overall',
			text: 'Samlet sikkerhedsskala: 5 → 6 (fagpersoner 4,5 → 7)'
		});
		expect(entries).toContainEqual({
			kind: 'changed',
			id: 'scale:sos-danger-visits',
			text: 'Skala for par 1: 5,5 → 5,5 (forældre 6,5 → 7,5)'
		});
		expect(entries).toContainEqual(
			expect.objectContaining({
				kind: 'added',
				id: 'new',
				text: expect.stringContaining('Ring til skolen')
			})
		);
		expect(entries).toContainEqual(
			expect.objectContaining({ kind: 'removed', id: 'sos-exception' })
		);
		expect(entries.find((e) => e.id === 'sos-worry')?.text).toContain(
			'flyttet fra "Hvad bekymrer os?" til "Hvad går godt?"'
		);
		expect(diffSos(before, before, t, 'da')).toEqual([]);
	});

	it('draws the demo columns and scales as SVG, names hidden on request', () => {
		const doc = demoDoc();
		const data = toolData(doc, 'sos');
		const svg = (model: SosModel) =>
			renderSvg(frameLayout(sos, model, sos.size.w, sos.size.h, context));
		const shown = svg(readSos(data));
		writeSvg('sos', shown);
		for (const text of [
			'Bekymringer · Det går godt · Det skal ske',
			'Hvad bekymrer os?',
			'Hvad går godt?',
			'Hvad skal der ske?',
			'Skade – det er sket (1)',
			'Farevurderinger – det frygter vi kan ske (2)',
			'Eksisterende sikkerhed – det gøres allerede (1)',
			'Hvor er vi lige nu, på en skala fra 0 til 10?',
			'0 = Det er så slemt, at børnene',
			'Hvad gør, at det er 5 og ikke',
			'Forældre: 5,5 (5–6) · Fagpersoner: 4,5 (4–5)',
			'Par 1',
			'Forælder · Line',
			'Familien er uenig:'
		])
			expect(shown).toContain(text);
		expect(shown).not.toContain('Signs of Safety');
		expect(shown).toContain('>LI<');
		setHideNames(data, true);
		const hidden = svg(readSos(data));
		expect(hidden).not.toContain('>LI<');
		expect(hidden).toContain('Navnene er skjult');
	});
});

describe('sos carried to the next meeting', () => {
	it('carries the cards and wording with the scales cleared, the last median kept faintly', () => {
		const before = demoDoc();
		setScaleText(toolData(before, 'sos'), { question: 'Hvor trygge er Sara og Mikkel?' });
		const next = new Y.Doc();
		next.transact(() => {
			initBoard(next);
			carryForward(before, next);
		});
		const model = readSos(toolData(next, 'sos'));
		const old = readSos(toolData(before, 'sos'));
		expect(model.cards.map((c) => [c.id, c.text, c.kind, c.disagreement])).toEqual(
			old.cards.map((c) => [c.id, c.text, c.kind, c.disagreement])
		);
		expect(model.pairs.map((p) => p.goal?.id)).toEqual(['sos-goal-visits', 'sos-goal-handover']);
		expect(model.overall.question).toBe('Hvor trygge er Sara og Mikkel?');
		expect(model.overall.ratings).toEqual([]);
		expect(model.overall.previous).toEqual({
			median: 5,
			count: 4,
			groups: { parent: 5.5, professional: 4.5 }
		});
		expect(model.pairs[0]!.danger.scale!.ratings).toEqual([]);
		expect(model.pairs[0]!.danger.scale!.previous?.median).toBe(5.5);
		// The new board's texts are its own: typing there leaves the snapshot as it was.
		setCardText(toolData(next, 'sos'), 'sos-harm', 'text', 'Ny tekst');
		expect(readSos(toolData(before, 'sos')).cards[0]!.text).toMatch(/^Før anbringelsen/);
		const svg = renderSvg(frameLayout(sos, model, sos.size.w, sos.size.h, context));
		expect(svg).toContain('Sidste møde: 5');
	});

	it('carries nothing from a board without cards', () => {
		const source = new Y.Doc();
		const target = new Y.Doc();
		initBoard(target);
		carrySosForward(toolData(source, 'sos'), toolData(target, 'sos'));
		expect(readSos(toolData(target, 'sos')).cards).toEqual([]);
		expect(readSos(toolData(target, 'sos')).overall.previous).toBeNull();
		expect(people(target).size).toBe(0);
	});
});

describe('sos generate', () => {
	it('fills plausible cards and ratings, the same for the same seed', () => {
		const make = (seed: number) => {
			const { data } = board();
			generate(data, 60, seed);
			return readSos(data);
		};
		const a = make(7);
		expect(a.cards).toHaveLength(60);
		expect(a.overall.ratings.length).toBeGreaterThanOrEqual(4);
		expect(make(7)).toEqual(a);
		expect(make(8).cards.map((c) => c.text)).not.toEqual(a.cards.map((c) => c.text));
		const list = layoutSos(a, contentSize(sos.size.w, sos.size.h), context);
		expect(list.shapes.length).toBeGreaterThan(10);
	});
});
