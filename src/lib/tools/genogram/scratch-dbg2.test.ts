import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { renderSvg } from '../draw/svg';
import { frameLayout } from '../frame';
import { genogram } from './index';
import { readGenogram } from './model';
import { emptyBoard, fortyPersonFamily, context, YEAR } from './test-helpers';
import { generate } from './generate';
it('dbg2', () => {
	const f = fortyPersonFamily();
	writeFileSync(
		'/tmp/geno/f40.svg',
		renderSvg(frameLayout(genogram, readGenogram(f.data, YEAR), 3600, 1200, context), {
			background: '#fff'
		})
	);
	const b = emptyBoard();
	generate(b.data, 40, 3);
	writeFileSync(
		'/tmp/geno/s3.svg',
		renderSvg(frameLayout(genogram, readGenogram(b.data, YEAR), 3600, 1200, context), {
			background: '#fff'
		})
	);
});
