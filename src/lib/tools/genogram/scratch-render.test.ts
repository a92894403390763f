import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { renderSvg } from '../draw/svg';
import { frameLayout } from '../frame';
import { genogram } from './index';
import { readGenogram } from './model';
import { context, demoBoard, emptyBoard, YEAR } from './test-helpers';
import { generate } from './generate';

it('renders', () => {
	const { data } = demoBoard();
	const model = readGenogram(data, YEAR);
	console.log(JSON.stringify(model.repaired), model.unions.length);
	writeFileSync(
		'/tmp/geno/demo.svg',
		renderSvg(frameLayout(genogram, model, 1800, 1200, context), { background: '#fff' })
	);
	for (const n of [40, 200]) {
		const b = emptyBoard();
		generate(b.data, n, 7);
		const m = readGenogram(b.data, YEAR);
		const t0 = performance.now();
		const list = frameLayout(genogram, m, 1800, 1200, context);
		console.log(n, m.members.size, 'layout ms', performance.now() - t0);
		writeFileSync(`/tmp/geno/gen${n}.svg`, renderSvg(list, { background: '#fff' }));
	}
});
