/**
 * The machine's speed at this moment, so that runs of different days can be compared: a fixed,
 * single-threaded Yjs workload of the kind the server does (100 writers' 3,000 edits on a board
 * of 500 elements, applied and folded into one state), in a fresh process: one run to warm the
 * JIT up, then the median of 7.
 * The same code and input every time: a higher number means a slower (or busier) machine.
 *
 * Prints `{ "medianMs": …, "runsMs": [...] }`.
 */
import * as Y from 'yjs';
import { foldUpdates } from '../../server/persistence/store';

function workload(): number {
	const started = performance.now();
	const base = new Y.Doc();
	base.clientID = 1;
	const elements = base.getMap<Y.Map<unknown>>('elements');
	base.transact(() => {
		for (let i = 0; i < 500; i++) {
			const el = new Y.Map<unknown>();
			el.set('x', i);
			el.set('text', new Y.Text(`Seddel ${i}`));
			elements.set(`e${i}`, el);
		}
	});
	const state = Y.encodeStateAsUpdate(base);
	const writers = Array.from({ length: 100 }, (_, i) => {
		const doc = new Y.Doc();
		doc.clientID = 1000 + i;
		Y.applyUpdate(doc, state);
		return doc;
	});
	const log: Uint8Array[] = [];
	for (let i = 0; i < 3000; i++) {
		const doc = writers[i % writers.length]!;
		doc.once('update', (update: Uint8Array) => log.push(update));
		const el = doc.getMap<Y.Map<unknown>>('elements').get(`e${(i * 7) % 500}`)!;
		doc.transact(() => {
			el.set('x', i);
			(el.get('text') as Y.Text).insert(0, 'a');
		});
	}
	const folded = foldUpdates([state, ...log]);
	if (folded.byteLength === 0) throw new Error('calibration folded nothing');
	return performance.now() - started;
}

workload();
const runs = Array.from({ length: 7 }, workload);
const sorted = runs.slice().sort((a, b) => a - b);
const round = (ms: number) => Math.round(ms * 10) / 10;
console.log(JSON.stringify({ medianMs: round(sorted[3]!), runsMs: runs.map(round) }));
