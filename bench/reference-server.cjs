// The reference server for the sync benchmark: y-websocket 1.5.x's own `bin/utils` server on a
// plain ws server, no auth, no persistence (what most Yjs deployments start from). Serves
// /sync/<room> like ours. Prints "listening on http://127.0.0.1:<port>". Starts with the demo
// board in memory when bench/run.js passes it.
const http = require('node:http');
const { WebSocketServer } = require('ws');
const { readFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { getYDoc, setupWSConnection } = require('y-websocket-reference/bin/utils');
// The Yjs copy the reference's own documents are made of (an update applied with another copy
// would not integrate).
const Y = require(
	require.resolve('yjs', { paths: [dirname(require.resolve('y-websocket-reference/bin/utils'))] })
);

// The same starting document as our server's (BENCH_INITIAL_DOC/_STATE, set by bench/run.js).
const { BENCH_INITIAL_DOC: initialDoc, BENCH_INITIAL_STATE: initialState } = process.env;
if (initialDoc && initialState)
	Y.applyUpdate(getYDoc(initialDoc, true), new Uint8Array(readFileSync(initialState)));

const server = http.createServer((_req, res) => {
	res.writeHead(404);
	res.end();
});
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
	const docName = (req.url || '').replace(/^\/sync\//, '').split('?')[0];
	wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
	console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => process.exit(0));
