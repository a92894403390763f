// The reference server for the sync benchmark: y-websocket 1.5.x's own `bin/utils` server on a
// plain ws server, no auth, no persistence (what most Yjs deployments start from). Serves
// /sync/<room> like ours. Prints "listening on http://127.0.0.1:<port>".
const http = require('node:http');
const { WebSocketServer } = require('ws');
const { setupWSConnection } = require('y-websocket-reference/bin/utils');

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
