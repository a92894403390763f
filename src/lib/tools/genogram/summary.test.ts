import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import { diffGenogram } from './diff';
import { readGenogram } from './model';
import { addRelative, removeBond, updateMember, updateUnion } from './ops';
import { summarizeGenogram } from './summary';
import { demoBoard, person, YEAR } from './test-helpers';

const t = translator('da');

describe('genogram summary and diff', () => {
	it('sums up the demo family in numbers and words, generation by generation', () => {
		const summary = summarizeGenogram(readGenogram(demoBoard().data, YEAR), t, 'da');
		expect(summary.counts).toEqual({
			people: 7,
			generations: 3,
			unions: 1,
			placed: 2,
			bonds: 3,
			households: 1
		});
		expect(summary.text[0]).toMatch(/^Generation 1: /);
		expect(summary.text).toContain(
			`Generation 3: Sara (f. ${YEAR - 9}, 9 år, indeksbarn, anbragt, plejebarn hos Plejefamilien Holm); Mikkel (f. ${YEAR - 4}, 4 år, anbragt, plejebarn hos Plejefamilien Holm)`
		);
		expect(summary.text).toContain(
			`Line og Carsten: separeret (${YEAR - 11}–${YEAR - 2}); børn: Sara, Mikkel`
		);
		expect(summary.text).toContain('Plejefamilien Holm: plejebørn: Sara, Mikkel');
	});

	it('lists what was added, changed and removed, in Danish', () => {
		const { data } = demoBoard();
		const before = readGenogram(data, YEAR);
		addRelative(data, 'person-line', 'partner', person('Ole', 'male', 1990), 'u-ole');
		updateUnion(data, 'geno-union-line-carsten', { kind: 'divorced' });
		updateMember(data, 'person-mikkel', { placed: false });
		removeBond(data, 'geno-bond-line-carsten');
		const entries = diffGenogram(before, readGenogram(data, YEAR), t, 'da');
		const texts = entries.map((e) => `${e.kind}: ${e.text}`);
		expect(texts).toEqual(
			expect.arrayContaining([
				'added: Ole tilføjet',
				'added: Nyt forhold: Line & Ole (gift)',
				`changed: Line & Carsten: separeret ${YEAR - 11}–${YEAR - 2} → skilt ${YEAR - 11}–${YEAR - 2}`,
				'changed: Mikkel: ikke længere anbragt',
				'removed: Bånd fjernet: Line – Carsten: konflikt'
			])
		);
		expect(diffGenogram(before, before, t, 'da')).toEqual([]);
	});
});
