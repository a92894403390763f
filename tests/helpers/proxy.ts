/**
 * A TCP load balancer for the multi-process tests, standing in for nginx: each new connection
 * goes to the next backend port in turn, skipping backends that refuse it (a killed process).
 * No stickiness: a reconnecting client may land on any live process.
 */
import { connect, createServer, type Socket } from 'node:net';

export interface TestProxy {
	url: string;
	/** The backend ports new connections go to (change it to steer them). */
	backends: number[];
	/** The backend port of every connection made so far, in order. */
	chosen: number[];
	close(): Promise<void>;
}

export async function startProxy(backends: number[]): Promise<TestProxy> {
	let turn = 0;
	const sockets = new Set<Socket>();
	const track = (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	};
	const proxy: TestProxy = { url: '', backends, chosen: [], close: async () => {} };
	const server = createServer((client) => {
		track(client);
		client.pause();
		client.on('error', () => {});
		const attempt = (tries: number) => {
			const list = proxy.backends;
			if (tries >= list.length || client.destroyed) return client.destroy();
			const port = list[turn++ % list.length]!;
			const upstream = connect(port, '127.0.0.1');
			let connected = false;
			upstream.on('error', () => {
				if (!connected) attempt(tries + 1);
				else client.destroy();
			});
			upstream.once('connect', () => {
				connected = true;
				track(upstream);
				proxy.chosen.push(port);
				client.pipe(upstream);
				upstream.pipe(client);
				upstream.on('close', () => client.destroy());
				client.on('close', () => upstream.destroy());
				client.resume();
			});
		};
		attempt(0);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	proxy.url = `http://127.0.0.1:${port}`;
	proxy.close = () =>
		new Promise<void>((resolve) => {
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		});
	return proxy;
}
