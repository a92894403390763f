/**
 * The machine a bench run ran on, for the head of bench/results/README.md: what it is, how loaded
 * it was, and how fast it was at the start and the end of the run (`calibrate.ts`).
 */
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';

const loadAverage = () =>
	loadavg()
		.map((x) => Math.round(x * 100) / 100)
		.join(' ');

/** bench/lib/calibrate.ts (bundled into `out`) in a fresh process: ms, higher is slower. */
function calibrate(out) {
	const printed = execFileSync(process.execPath, [join(out, 'calibrate.js')], { timeout: 120_000 });
	return JSON.parse(printed.toString()).medianMs;
}

/** At the start of a run; `out`: where the bench's helpers are bundled. */
export function machine(out) {
	const list = cpus();
	return {
		calibrationMsAtStart: calibrate(out),
		os: `${platform()} ${release()}`,
		cpus: `${list.length} × ${list[0]?.model ?? 'unknown'}`,
		memory: `${Math.round(totalmem() / 2 ** 30)} GiB (${Math.round(freemem() / 2 ** 30)} GiB free at start)`,
		loadAverageAtStart: loadAverage(),
		node: process.version,
		date: new Date().toISOString()
	};
}

/** Load average and calibration at the end of a run, into `m` (from `machine`). */
export function machineAtEnd(m, out) {
	m.loadAverageAtEnd = loadAverage();
	m.calibrationMsAtEnd = calibrate(out);
}
