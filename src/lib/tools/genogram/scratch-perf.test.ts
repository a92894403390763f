import { it } from 'vitest';
import { frameLayout } from '../frame';
import { genogram } from './index';
import { readGenogram } from './model';
import { arrange } from './arrange';
import { context, emptyBoard, YEAR } from './test-helpers';
import { generate } from './generate';

it('perf', () => {
	const b = emptyBoard();
	generate(b.data, 200, 7);
	for (let i = 0; i < 6; i++) {
		const t0 = performance.now();
		const m = readGenogram(b.data, YEAR);
		const t1 = performance.now();
		arrange(m);
		const t2 = performance.now();
		frameLayout(genogram, m, 1800, 1200, context);
		const t3 = performance.now();
		console.log('read', (t1 - t0).toFixed(1), 'arrange', (t2 - t1).toFixed(1), 'layout(all)', (t3 - t2).toFixed(1));
	}
});
