/**
 * The network map through the real server with stock y-websocket clients (issue 7, acceptance
 * 3): concurrent drags of one token, a sector removed while someone drags into it, the ring
 * count lowered under a move, a hostile peer's invalid records, and seeded random edits – every
 * client and the stored board end with the same valid map.
 */
import * as prng from 'lib0/prng';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../src/lib/board/ids';
import { translator } from '../../src/lib/i18n';
import { toolData } from '../../src/lib/tools/data';
import { renderSvg } from '../../src/lib/tools/draw/svg';
import { frameLayout } from '../../src/lib/tools/frame';
import { network } from '../../src/lib/tools/network';
import { cellAt, networkGeometry, placeTokens } from '../../src/lib/tools/network/layout';
import {
	cellId,
	cellOf,
	PlacementSchema,
	readNetwork,
	type Cell
} from '../../src/lib/tools/network/model';
import {
	addLink,
	addNetworkPerson,
	movePerson,
	removePlacement,
	removeSector,
	renameSector,
	setRings,
	updatePlacement
} from '../../src/lib/tools/network/ops';
import { summarizeNetwork } from '../../src/lib/tools/network/summary';
import { api, startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	DEMO_BOARD,
	DEMO_EDITORS,
	sessionCookie,
	shutDown,
	storedBoard,
	waitConverged,
	waitFor,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
const clients: TestClient[] = [];
const cookies = new Map<string, string>();
const t = translator('da');
const SIZE = { width: 1760, height: 1224 };

function client(userIndex: number): TestClient {
	const c = connectClient(server.url, DEMO_BOARD, {
		cookie: cookies.get(DEMO_EDITORS[userIndex % DEMO_EDITORS.length]!)
	});
	clients.push(c);
	return c;
}

const data = (c: TestClient) => toolData(c.doc, 'network');
const person = (c: TestClient, id: string) => readNetwork(data(c)).people.find((p) => p.id === id);

/** Runs `edits` on each client while all are offline, then reconnects them: truly concurrent. */
async function concurrently(
	group: TestClient[],
	edits: ((c: TestClient) => void)[]
): Promise<void> {
	for (const c of group) c.provider.disconnect();
	group.forEach((c, i) => edits[i]?.(c));
	for (const c of group) c.provider.connect();
	await Promise.all(group.map((c) => waitFor(() => c.provider.synced, 'reconnect')));
	await waitConverged(group.map((c) => c.doc));
}

/** The same valid map everywhere: on every client, and on the server's stored board. */
function expectSameValidMap(group: TestClient[]): void {
	const stored = storedBoard(server.dbPath, DEMO_BOARD);
	const docs = [...group.map((c) => c.doc), stored];
	const read = (doc: Y.Doc) => {
		const m = readNetwork(toolData(doc, 'network'));
		return JSON.stringify({ ...m, registry: [...m.registry.keys()].sort() });
	};
	const first = read(docs[0]!);
	for (const doc of docs) expect(read(doc)).toBe(first);
	const model = readNetwork(toolData(stored, 'network'));
	const placements = stored.getMap('network').get('placements') as Y.Map<unknown>;
	for (const p of model.people) {
		const raw = (placements.get(p.id) as Y.Map<unknown>).toJSON();
		expect(v.safeParse(PlacementSchema, { ...raw, id: p.id }).success).toBe(true);
		expect(p.centre || model.sectors.some((s) => s.id === p.shownSector)).toBe(true);
		expect(p.shownRing).toBeLessThan(model.rings);
	}
	// Every client draws each token in the cell the model gives it.
	const places = placeTokens(model, networkGeometry(model, SIZE));
	for (const p of model.people) expect(places.get(p.id)?.cell).toBe(cellId(cellOf(p)));
}

beforeAll(async () => {
	server = await startServer({ demo: true });
	for (const userId of DEMO_EDITORS) cookies.set(userId, sessionCookie(server.dbPath, userId));
});

afterAll(() => shutDown(server, clients));

describe('network map sync', () => {
	it('two users drag the same token at once: every client ends with one of the two places', async () => {
		const anne = client(0);
		const jonas = client(1);
		const karim = client(3);
		await Promise.all([anne, jonas, karim].map(waitSynced));
		expect(person(anne, 'person-birgit')).toMatchObject({ sector: 'familie', ring: 0 });

		// Both drop Birgit's token: Anne in the outer ring of "Venner og naboer", Jonas in the
		// middle ring of "Professionelle" (as their canvases compute it from the drop point).
		const geo = networkGeometry(readNetwork(data(anne)), SIZE);
		const atAnne = cellAt(geo, { x: geo.cx + geo.R - 4, y: geo.cy });
		const atJonas = cellAt(geo, { x: geo.cx, y: geo.cy + (geo.radii[1]! + geo.radii[2]!) / 2 });
		expect([atAnne, atJonas]).toEqual([
			{ centre: false, sector: 'venner', ring: 2 },
			{ centre: false, sector: 'professionelle', ring: 1 }
		]);
		await concurrently(
			[anne, jonas],
			[
				(c) => movePerson(data(c), 'person-birgit', atAnne),
				(c) => movePerson(data(c), 'person-birgit', atJonas)
			]
		);
		await waitConverged([anne.doc, jonas.doc, karim.doc]);
		const birgit = person(karim, 'person-birgit')!;
		expect([
			['venner', 2],
			['professionelle', 1]
		]).toContainEqual([birgit.sector, birgit.ring]);
		// Her other fields are untouched by the drags.
		expect(birgit).toMatchObject({ resource: 'resource', help: 'kan hente børnene' });
		expectSameValidMap([anne, jonas, karim]);
	});

	it('a sector removed while someone drags into it, and fewer rings under a move, stay valid', async () => {
		const [anne, jonas, mette] = [client(0), client(1), client(2)];
		await Promise.all([anne, jonas, mette].map(waitSynced));
		await concurrently(
			[anne, jonas, mette],
			[
				(c) => removeSector(data(c), 'skole'),
				(c) => movePerson(data(c), 'person-line', { centre: false, sector: 'skole', ring: 2 }),
				(c) => setRings(data(c), 2)
			]
		);
		const line = person(anne, 'person-line')!;
		expect(line).toMatchObject({ sector: 'skole', ring: 2, shownSector: 'andet', shownRing: 1 });
		// The people who were in "Skole, dagtilbud og fritid" are under "Andet", on every client.
		expect(person(mette, 'person-pernille')?.sector).toBe('andet');
		expectSameValidMap([anne, jonas, mette]);
		// Back to three rings: Line is in her third ring again.
		setRings(data(jonas), 3);
		await waitConverged([anne.doc, jonas.doc, mette.doc]);
		expect(person(anne, 'person-line')?.shownRing).toBe(2);
	});

	it('records from a hostile peer are skipped by the view and the summary, never crashing', async () => {
		const [anne, evil] = [client(0), client(4)];
		await Promise.all([anne, evil].map(waitSynced));
		const before = readNetwork(data(anne)).people.length;
		evil.doc.transact(() => {
			const root = evil.doc.getMap('network');
			const placements = root.get('placements') as Y.Map<unknown>;
			const bad = new Y.Map<unknown>();
			placements.set('person-carstens-far', bad);
			bad.set('ring', 'inderst');
			bad.set('sector', { evil: true });
			placements.set('person-anne', 42);
			const links = root.get('links') as Y.Map<unknown>;
			const self = new Y.Map<unknown>();
			links.set('evil-link', self);
			self.set('a', 'person-line');
			self.set('b', 'person-line');
			const sectors = root.get('sectors') as Y.Map<unknown>;
			sectors.set('evil-sector', 'not a record');
			root.set('rings', 1e9);
		});
		await waitConverged([anne.doc, evil.doc]);
		const model = readNetwork(data(anne));
		expect(model.rings).toBe(3);
		expect(model.people.some((p) => p.id === 'person-carstens-far' || p.id === 'person-anne')).toBe(
			false
		);
		expect(model.links.some((l) => l.id === 'evil-link')).toBe(false);
		expect(summarizeNetwork(model, t, 'da').counts.people).toBe(before - 1);
		const svg = renderSvg(
			frameLayout(network, model, 1760, 1300, {
				t,
				locale: 'da',
				today: '2026-12-01',
				selected: null
			})
		);
		expect(svg).toContain('Birgit');
		// An honest client can still put Anne back on the map over the broken record.
		const cell: Cell = { centre: false, sector: 'professionelle', ring: 2 };
		expect(movePerson(data(anne), 'person-anne', cell)).toBe(false);
		removePlacement(data(anne), 'person-anne');
		await waitConverged([anne.doc, evil.doc]);
		expect(readNetwork(data(evil)).people.some((p) => p.id === 'person-anne')).toBe(false);
	});

	it('a person added on the map is a candidate when the parents choose who comes', async () => {
		const jonas = client(1);
		await waitSynced(jonas);
		const id = `p-${newId()}`;
		expect(
			addNetworkPerson(
				data(jonas),
				{ id, name: 'Ole', relation: 'morbror' },
				{ cell: { centre: false, sector: 'familie', ring: 1 }, resource: 'resource' }
			)
		).toBe(true);
		const line = api(server.url, sessionCookie(server.dbPath, 'demo-line'));
		const candidates = async () => {
			const res = await line('/api/meetings/demo-meeting-netvaerk/choice');
			return ((await res.json()) as { candidates: { personId: string; relation: string }[] })
				.candidates;
		};
		let found: { personId: string; relation: string } | undefined;
		for (let i = 0; i < 100 && !found; i++) {
			found = (await candidates()).find((c) => c.personId === id);
			if (!found) await new Promise((r) => setTimeout(r, 50));
		}
		expect(found).toMatchObject({ personId: id, relation: 'morbror' });
		// Taken off the map, the person stays in the registry (and so among the candidates).
		removePlacement(data(jonas), id);
		await waitFor(() => !person(jonas, id), 'removed from the map');
		expect((await candidates()).some((c) => c.personId === id)).toBe(true);
	});

	it('three clients making seeded random edits at once converge to the same valid map', async () => {
		const group = [client(0), client(1), client(4)];
		await Promise.all(group.map(waitSynced));
		const gens = group.map((_, i) => prng.create(700 + i));
		for (let round = 0; round < 20; round++) {
			group.forEach((c, i) => {
				const gen = gens[i]!;
				const d = data(c);
				const model = readNetwork(d);
				const someone = model.people.length ? prng.oneOf(gen, model.people) : null;
				const sector = prng.oneOf(gen, model.sectors);
				const cell: Cell = {
					centre: false,
					sector: sector.id,
					ring: prng.int32(gen, 0, model.rings - 1)
				};
				const random = () => prng.uint32(gen, 0, 2 ** 31) / 2 ** 31;
				switch (prng.int32(gen, 0, 6)) {
					case 0:
						addNetworkPerson(d, { id: newId(random), name: prng.word(gen, 3, 8) }, { cell });
						break;
					case 1:
						if (someone)
							updatePlacement(d, someone.id, {
								resource: prng.oneOf(gen, ['resource', 'concern', 'neutral'] as const)
							});
						break;
					case 2:
						renameSector(d, sector.id, prng.word(gen, 3, 10));
						break;
					case 3:
						if (model.people.length > 1)
							addLink(d, newId(random), {
								a: prng.oneOf(gen, model.people).id,
								b: prng.oneOf(gen, model.people).id
							});
						break;
					default:
						if (someone) movePerson(d, someone.id, cell);
				}
			});
			await new Promise((r) => setImmediate(r));
		}
		await waitConverged(group.map((c) => c.doc));
		expectSameValidMap(group);
	});
});
