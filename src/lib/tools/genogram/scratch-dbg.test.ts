import { it } from 'vitest';
import { readGenogram } from './model';
import { emptyBoard, fortyPersonFamily, YEAR } from './test-helpers';
import { sceneOf } from './layout';
import { generate } from './generate';
it('dbg', () => {
	const f = fortyPersonFamily();
	const models = [readGenogram(f.data, YEAR)];
	for (const seed of [1, 2, 3, 4, 5]) {
		const b = emptyBoard();
		generate(b.data, 40, seed);
		models.push(readGenogram(b.data, YEAR));
	}
	for (const m of models) {
		const sc = sceneOf(m, { width: 1800, height: 1124 });
		let worst = 0;
		let n = 0;
		let off = 0;
		for (const u of m.unions) {
			const own = u.children.filter(
				(l) =>
					sc.arrangement.primary.get(l.child) === l &&
					sc.people.get(l.child)!.row === sc.arrangement.unions.get(u.id)!.row + 1
			);
			if (!own.length || !u.partners.length) continue;
			const xs = own.map((l) => sc.people.get(l.child)!.cx);
			const x = sc.arrangement.unions.get(u.id)!.x;
			const d = Math.max(0, Math.min(...xs) - x, x - Math.max(...xs));
			n++;
			if (d > 1) off++;
			worst = Math.max(worst, d);
		}
		console.log(
			'unions',
			n,
			'off',
			off,
			'worst',
			Math.round(worst),
			'crossings',
			sc.arrangement.crossings
		);
	}
});
