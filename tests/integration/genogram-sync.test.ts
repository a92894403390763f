/**
 * The genogram through the real server with stock y-websocket clients: concurrent structural
 * edits (one removes a person while another adds their child and partner; several add and remove
 * at once) end as the same valid genogram on every client and in the stored board, and two
 * people adding children to the same parents at once both land.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalBoard } from '../../src/lib/board/random-edits';
import { toolData } from '../../src/lib/tools/data';
import { prng } from '../../src/lib/tools/genogram/generate';
import { layoutGenogram } from '../../src/lib/tools/genogram/layout';
import {
	isAncestor,
	parentIndex,
	readGenogram,
	type GenogramModel
} from '../../src/lib/tools/genogram/model';
import { addRelative, removeMember, RELATIONS } from '../../src/lib/tools/genogram/ops';
import { translator } from '../../src/lib/i18n';
import { startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	DEMO_BOARD,
	DEMO_EDITORS,
	sessionCookie,
	shutDown,
	storedBoard,
	waitConverged,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
const clients: TestClient[] = [];
const cookies = new Map<string, string>();
const context = { t: translator('da'), locale: 'da' as const, today: '2026-06-01', selected: null };

function client(i: number): TestClient {
	const c = connectClient(server.url, DEMO_BOARD, {
		cookie: cookies.get(DEMO_EDITORS[i % DEMO_EDITORS.length]!)
	});
	clients.push(c);
	return c;
}

const data = (c: TestClient) => toolData(c.doc, 'genogram');
const model = (doc: Y.Doc) => readGenogram(toolData(doc, 'genogram'), 2026);

/** What every client must see: a genogram the validators accept, drawn without throwing. */
function expectValid(m: GenogramModel): void {
	const members = new Set(m.members.keys());
	const parents = parentIndex(m);
	for (const u of m.unions) {
		for (const p of u.partners) expect(members.has(p)).toBe(true);
		for (const l of u.children) expect(members.has(l.child)).toBe(true);
	}
	for (const [child, links] of m.parentsOf) {
		expect(links.filter((l) => l.kind === 'biological').length).toBeLessThanOrEqual(1);
		expect(isAncestor(parents, child, child)).toBe(false);
	}
	for (const b of m.bonds) expect(members.has(b.a) && members.has(b.b)).toBe(true);
	for (const h of m.households) for (const p of h.members) expect(members.has(p)).toBe(true);
	expect(() => layoutGenogram(m, { width: 1800, height: 1124 }, context)).not.toThrow();
}

function expectSame(docs: Y.Doc[]): void {
	const [first, ...rest] = docs.map(canonicalBoard);
	for (const other of rest) expect(other === first, 'boards differ').toBe(true);
	const [m0, ...ms] = docs.map(model);
	for (const m of ms) expect(m).toEqual(m0);
}

beforeAll(async () => {
	server = await startServer({ demo: true });
	for (const userId of DEMO_EDITORS) cookies.set(userId, sessionCookie(server.dbPath, userId));
});

afterAll(() => shutDown(server, clients));

describe('genogram sync', () => {
	it('one removes a person while another adds their child: every client ends with the same valid genogram', async () => {
		const [anne, jonas, mette] = [client(0), client(1), client(2)];
		await Promise.all([anne, jonas, mette].map(waitSynced));
		expect(model(anne.doc).members.has('person-line')).toBe(true);

		// Jonas is cut off while he adds Line's new baby and partner; meanwhile Anne removes Line.
		jonas.provider.disconnect();
		removeMember(data(anne), 'person-line');
		const baby = { id: 'person-baby', name: 'Ny', sex: 'female' as const, birthYear: 2026 };
		expect(addRelative(data(jonas), 'person-line', 'child', { person: baby }, 'union-new').ok).toBe(
			true
		);
		const ole = { id: 'person-ole', name: 'Ole', sex: 'male' as const, birthYear: 1990 };
		expect(
			addRelative(data(jonas), 'person-line', 'partner', { person: ole }, 'union-ole').ok
		).toBe(true);
		jonas.provider.connect();
		await waitConverged([anne.doc, jonas.doc, mette.doc]);

		const docs = [anne.doc, jonas.doc, mette.doc, storedBoard(server.dbPath, DEMO_BOARD)];
		expectSame(docs);
		for (const doc of docs) expectValid(model(doc));
		const m = model(mette.doc);
		expect(m.members.has('person-line')).toBe(false);
		// Nothing Jonas typed is lost: the baby and Ole are in the genogram and the registry.
		expect(m.members.has('person-baby')).toBe(true);
		expect(m.registry.get('person-ole')?.name).toBe('Ole');
	});

	it('two people adding children to the same parents at once both land, in birth order', async () => {
		const [a, b] = [client(3), client(4)];
		await Promise.all([a, b].map(waitSynced));
		b.provider.disconnect();
		const union = 'geno-union-carstens-far';
		const kid = (id: string, name: string, birthYear: number) => ({
			person: { id, name, sex: 'male' as const, birthYear }
		});
		expect(
			addRelative(
				data(a),
				'person-carstens-far',
				'child',
				{ ...kid('person-jens', 'Jens', 1995), union },
				'x'
			).ok
		).toBe(true);
		expect(
			addRelative(
				data(b),
				'person-carstens-far',
				'child',
				{ ...kid('person-kim', 'Kim', 1997), union },
				'y'
			).ok
		).toBe(true);
		b.provider.connect();
		await waitConverged([a.doc, b.doc]);
		expectSame([a.doc, b.doc]);
		const children = model(a.doc)
			.unions.find((u) => u.id === union)!
			.children.map((l) => l.child);
		expect(children).toEqual(expect.arrayContaining(['person-jens', 'person-kim']));
		expect(children.indexOf('person-jens')).toBeLessThan(children.indexOf('person-kim'));
	});

	it('four clients making random structural edits at once converge to one valid genogram', async () => {
		const four = [0, 1, 2, 3].map((i) => client(i));
		await Promise.all(four.map(waitSynced));
		const random = prng(2026);
		let n = 0;
		for (let round = 0; round < 12; round++) {
			// Half of the clients are cut off for the round, so their edits cross the others'.
			const away = four.filter(() => random() < 0.5);
			for (const c of away) c.provider.disconnect();
			for (const c of four) {
				const ids = [...model(c.doc).members.keys()];
				for (let k = 0; k < 3; k++) {
					const anchor = ids[Math.floor(random() * ids.length)];
					if (!anchor) continue;
					if (random() < 0.2) removeMember(data(c), anchor);
					else {
						const relation = RELATIONS[Math.floor(random() * RELATIONS.length)]!;
						const other = random() < 0.4 ? ids[Math.floor(random() * ids.length)] : undefined;
						n++;
						const input = other
							? { existing: other }
							: {
									person: {
										id: `rnd-${n}`,
										name: `Person ${n}`,
										birthYear: 1950 + Math.floor(random() * 70)
									}
								};
						addRelative(data(c), anchor, relation, input, `rnd-union-${n}`);
					}
				}
			}
			for (const c of away) c.provider.connect();
			await waitConverged(four.map((c) => c.doc));
		}
		const docs = [...four.map((c) => c.doc), storedBoard(server.dbPath, DEMO_BOARD)];
		expectSame(docs);
		for (const doc of docs) expectValid(model(doc));
	});
});
