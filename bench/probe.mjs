// Preloaded into a benchmarked server (`node --expose-gc --import ./bench/probe.mjs …`): on
// SIGUSR2 it collects garbage (unless $BENCH_PROBE_FILE.nogc exists: samples taken inside a
// measured window must not stall the server) and writes heap, RSS, CPU time and the event-loop
// delay since the previous sample to $BENCH_PROBE_FILE.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_PROBE_FILE;
if (file) {
	const delay = monitorEventLoopDelay({ resolution: 1 });
	delay.enable();
	process.on('SIGUSR2', () => {
		const ms = (ns) => Math.round(ns / 1e4) / 100;
		const eventLoopDelayMs = {
			p50: ms(delay.percentile(50)),
			p99: ms(delay.percentile(99)),
			max: ms(delay.max)
		};
		if (!existsSync(`${file}.nogc`)) globalThis.gc?.();
		delay.reset();
		const { heapUsed, rss } = process.memoryUsage();
		const { user, system } = process.cpuUsage();
		// Written whole, then renamed: the reader never sees half a file.
		writeFileSync(
			`${file}.tmp`,
			JSON.stringify({
				heapUsed,
				rss,
				cpuMicros: user + system,
				eventLoopDelayMs,
				at: performance.timeOrigin + performance.now()
			})
		);
		renameSync(`${file}.tmp`, file);
	});
}
