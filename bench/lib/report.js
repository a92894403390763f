// The report of `npm run bench`: bench/results/README.md from the results that bench/run.js
// collects (and keeps in sync.json), and the budget rows of the render pass (render.json).

export const SERVER_NAMES = {
	ours: 'ours',
	hocuspocus: 'Hocuspocus 4.7 + SQLite',
	reference: 'reference y-websocket 1.5.4',
	'ours-pg': 'ours on PostgreSQL, 1 process',
	'ours-pg-2': 'ours on PostgreSQL, 2 processes'
};

export const fmt = (x, unit = '') =>
	x === null || x === undefined || Number.isNaN(x) ? '–' : `${x}${unit}`;
export const kb = (bytes) => (bytes === null ? '–' : `${Math.round(bytes / 1024)} KiB`);

export const errorsOf = (r) =>
	r.errors.notSynced +
	r.errors.disconnects +
	r.errors.missingDeliveries +
	r.errors.connectionErrors;

export function renderBudgets(r) {
	if (!r) return [];
	const rows = [
		{
			what: `pan/zoom, ${r.elements} elements + five tool frames, 1920×1080`,
			budget: `≥ ${r.budgets.fps} frames/s, interactive < ${r.budgets.interactiveMs} ms`,
			measured: `${r.fps} frames/s (worst phase), interactive ${r.interactiveMs.median} ms`,
			verdict:
				r.fps >= r.budgets.fps && r.interactiveMs.median < r.budgets.interactiveMs
					? 'met'
					: 'missed'
		}
	];
	if (r.stress) {
		const fps = r.stress.budgets?.fps ?? 50;
		// First paint: the page's interactive mark is its first frame with the loaded board drawn.
		const paint = r.stress.budgets?.firstPaintMs;
		const runs = r.stress.interactiveRuns ? ` (${r.stress.interactiveRuns.join(' / ')})` : '';
		rows.push({
			what: `pan/zoom, ${r.stress.elements} elements + five tool frames, 1920×1080`,
			budget: `≥ ${fps} frames/s${paint ? `, first paint < ${paint} ms` : ''}`,
			measured: `${r.stress.fps} frames/s (worst phase), first paint (interactive) ${r.stress.interactiveMs} ms${runs}`,
			verdict: paint
				? `frames/s: ${r.stress.fps >= fps ? 'met' : 'missed'}; first paint: ${r.stress.interactiveMs < paint ? 'met' : 'missed'}`
				: r.stress.fps >= fps
					? 'met'
					: 'missed'
		});
	}
	if (r.phone)
		rows.push({
			what: `phone-class: ${r.phone.viewport.width}×${r.phone.viewport.height}, CPU ${r.phone.cpuThrottling}× throttled, ${r.phone.elements} elements + tools`,
			budget: `≥ ${r.phone.budgets.fps} frames/s, interactive < ${r.phone.budgets.interactiveMs} ms`,
			measured: `${r.phone.fps} frames/s (worst phase), interactive ${r.phone.interactiveMs.median} ms`,
			verdict:
				r.phone.fps >= r.phone.budgets.fps &&
				r.phone.interactiveMs.median < r.phone.budgets.interactiveMs
					? 'met'
					: 'missed'
		});
	if (r.heapPerElementBytes !== undefined)
		rows.push({
			what: 'page heap per element',
			budget: 'reported',
			measured: `${r.heapPerElementBytes} bytes`,
			verdict: '–'
		});
	return rows;
}

/** bench/results/README.md; `servers`: the servers of the run, in their order. */
export function readme(results, servers) {
	const m = results.machine;
	const lines = [
		'# Benchmark results',
		'',
		'Written by `npm run bench` (`bench/run.js`); raw numbers in `sync.json`' +
			(results.render ? ' and `render.json`' : '') +
			'.',
		'',
		`Machine: ${m.os}, ${m.cpus}, ${m.memory}, Node ${m.node}; load average at start ${m.loadAverageAtStart}, at the end ${m.loadAverageAtEnd ?? '–'}; run ${m.date}.` +
			(m.calibrationMsAtStart
				? ` Calibration (\`bench/lib/calibrate.ts\`: a fixed single-threaded Yjs workload in a fresh process, median of 7 after a warm-up; the same every run, so higher means a slower or busier machine): ${m.calibrationMsAtStart} ms at the start, ${m.calibrationMsAtEnd ?? '–'} ms at the end.`
				: ''),
		'Loopback only. Each run starts a fresh server process and one client process (two for 100 library clients) on the same 2',
		'cores; both report their own CPU and event-loop delay.',
		'',
		'Servers: **ours** (`build/server.js`: stores every update in SQLite before forwarding it),',
		'**Hocuspocus 4.7** with `@hocuspocus/extension-sqlite` (forwards at once, stores the whole',
		'document debounced: 2 s after the last change, at most 10 s after the first) and the',
		'**reference** y-websocket 1.5.4 `bin/utils` server (memory only, stores nothing).',
		'Library clients: y-websocket 3 for ours, set up as our browser client is (received updates',
		'applied in batches: `src/lib/canvas/batched-apply.ts`), stock y-websocket 3 for the reference,',
		"Hocuspocus' own provider for Hocuspocus. Minimal clients: the same raw-protocol client for all.",
		'',
		'## Budgets and acceptance (ARCHITECTURE.md §4, issue 13)',
		'',
		'| what | budget | measured | verdict |',
		'| --- | --- | --- | --- |'
	];
	for (const row of results.budgets)
		lines.push(`| ${row.what} | ${row.budget} | ${row.measured} | ${row.verdict} |`);
	lines.push(
		'',
		'## Sync load',
		'',
		`Median of ${results.peerRoundsPerScenario ?? results.runsPerScenario} interleaved rounds for the one-board comparisons with the peers, ${results.runsPerScenario} for the other scenarios, each ${results.secondsPerScenario} s (p99 of each round listed); errors summed.`,
		'',
		'| scenario | server | clients | p50 ms | p95 ms | p99 ms | p99 per round | max ms | deliveries/s | errors | server CPU | server loop delay p99 | client process CPU | client loop delay p99 | server heap per board |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
	);
	for (const s of results.scenarios) {
		for (const kind of Object.keys(s.servers)) {
			const r = s.servers[kind];
			if (!r) continue;
			const p = r.processes;
			lines.push(
				`| ${s.name} | ${SERVER_NAMES[kind]} | ${r.clients} | ${fmt(r.latencyMs.p50)} | ${fmt(r.latencyMs.p95)} | ${fmt(r.latencyMs.p99)} | ${r.p99PerRun.join(', ')} | ${fmt(r.latencyMs.max)} | ${r.throughput.deliveriesPerSecond} | ${errorsOf(r)} | ${fmt(p.serverCpuPercent, ' %')} | ${fmt(p.serverEventLoopDelayP99Ms, ' ms')} | ${fmt(p.clientCpuPercent, ' %')} | ${fmt(p.clientEventLoopDelayP99Ms, ' ms')} | ${kb(r.server.heapPerBoardBytes)} |`
			);
		}
		const c = s.comparison;
		if (c)
			lines.push(
				`| ${s.name} | **ours / best peer (${SERVER_NAMES[c.best]}), p99** | | | | **${c.ratio}** | | | | | | | | | |`
			);
	}
	if (results.shares.length > 0) {
		lines.push(
			'',
			'## Server side and client side of the latency',
			'',
			'The minimal client (raw protocol on a `ws` socket, parses each update’s struct headers, applies nothing) costs the same for every server, so its latency is the server’s side (plus the loopback); what the servers’ own client libraries add on top is the client side (their Y.Doc applying every update, their framing; 30 clients in one process, 100 in two).',
			'',
			'| load | server | p50 library | p50 minimal | p99 library | p99 minimal (server side) | p99 client side (library − minimal) |',
			'| --- | --- | --- | --- | --- | --- | --- |'
		);
		for (const row of results.shares)
			lines.push(
				`| ${row.load} | ${SERVER_NAMES[row.server]} | ${row.p50Library} | ${row.p50Minimal} | ${row.p99Library} | ${row.p99Minimal} | ${row.p99ClientSide} |`
			);
	}
	if (results.kill) {
		lines.push(
			'',
			'## kill -9 loss test',
			'',
			`One client types ${results.kill.ours.edits} edits in ${results.kill.ours.seconds} s, another receives them; right after the last one arrived the server gets \`kill -9\`, restarts on the same database, and a fresh client counts what is left.`,
			'',
			'| server | edits | kept | lost |',
			'| --- | --- | --- | --- |'
		);
		for (const kind of servers) {
			const k = results.kill[kind];
			if (k) lines.push(`| ${SERVER_NAMES[kind]} | ${k.edits} | ${k.kept} | ${k.lost} |`);
		}
	}
	const l = results.inprocess?.load;
	if (l)
		lines.push(
			'',
			'## Loading and memory (server, in-process)',
			'',
			`- Stored board of ${l.compacted.elements} sticky notes (${kb(l.compacted.bytes)}), compacted: first load ${l.compacted.firstMs} ms, median ${l.compacted.medianMs} ms, p95 ${l.compacted.p95Ms} ms (store read + Y.applyUpdate into the room's doc, until the first client could be answered).`,
			`- The same board as state + 500-update log (the most the log holds before compaction): median ${l.stateAnd500Log.medianMs} ms, p95 ${l.stateAnd500Log.p95Ms} ms.`,
			`- Heap per loaded idle demo board (${results.inprocess.heap.demoElements} elements, ${results.inprocess.heap.demoStateBytes} bytes stored): ${kb(results.inprocess.heap.bytesPerBoard)} (${results.inprocess.heap.boards} boards loaded, heap after GC).`
		);
	const r = results.render;
	if (r) {
		const row = (what, pass, budget) =>
			pass
				? `| ${what} | ${Object.entries(pass.phases)
						.map(([name, p]) => `${name}: ${p.fps}`)
						.join(
							'; '
						)} | ${pass.fps} | ${pass.p95FrameMs} ms | ${pass.interactiveMs?.median ?? pass.interactiveMs} ms | ${budget} |`
				: null;
		lines.push(
			'',
			'## Render (headless Chromium, bench/render.js)',
			'',
			`Board: ${r.tools?.content ?? 'the demo board'} in the demo’s five tool frames, plus free elements. Chromium ${r.machine.browser}, software rendering (\`--disable-gpu\`); run ${r.when}.`,
			'',
			'| pass | frames/s per phase | worst phase | p95 frame | interactive | budget |',
			'| --- | --- | --- | --- | --- | --- |',
			...[
				row(
					`desktop 1920×1080, ${r.elements} elements + tools`,
					{ ...r, interactiveMs: r.interactiveMs },
					`≥ ${r.budgets.fps} frames/s, interactive < ${r.budgets.interactiveMs} ms`
				),
				r.phone &&
					row(
						`phone ${r.phone.viewport.width}×${r.phone.viewport.height} (device pixel ratio ${r.phone.deviceScaleFactor}, CPU ${r.phone.cpuThrottling}× throttled), ${r.phone.elements} elements + tools`,
						r.phone,
						`≥ ${r.phone.budgets.fps} frames/s, interactive < ${r.phone.budgets.interactiveMs} ms`
					),
				r.stress &&
					row(
						`desktop, ${r.stress.elements} elements + tools`,
						r.stress,
						`≥ ${r.stress.budgets?.fps ?? 50} frames/s` +
							(r.stress.budgets?.firstPaintMs
								? `, first paint < ${r.stress.budgets.firstPaintMs} ms`
								: '')
					)
			].filter(Boolean),
			'',
			`Page heap after GC: ${kb(r.heapUsedBytes ?? null)} with ${r.elements} elements, ${kb(r.stress?.heapUsedBytes ?? null)} with ${r.stress?.elements ?? '–'}: **${fmt(r.heapPerElementBytes, ' bytes')} per element**.`
		);
	}
	lines.push('', '## Notes', '', ...results.notes.map((n) => `- ${n}`), '');
	return lines.join('\n');
}
