// Preloaded into a benchmarked server (`node --expose-gc --import ./bench/probe.mjs …`): on
// SIGUSR2 it collects garbage and writes heap, RSS and CPU time to $BENCH_PROBE_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_PROBE_FILE;
if (file) {
	process.on('SIGUSR2', () => {
		globalThis.gc?.();
		const { heapUsed, rss } = process.memoryUsage();
		const { user, system } = process.cpuUsage();
		writeFileSync(file, JSON.stringify({ heapUsed, rss, cpuMicros: user + system, at: performance.timeOrigin + performance.now() }));
	});
}
