/**
 * Where everyone stands in the genogram (pure): generations, the order within each generation
 * and x positions, in layout units, before the drawing (`layout.ts`) scales and draws it.
 *
 * Why not a layered-graph library: elkjs, @dagrejs/dagre and d3-dag place a graph with union
 * nodes (person → union → child) well in general, but none of them can be told that the two
 * partners of a union stand side by side with their union between them, that a person's
 * successive partners stand left to right, or that one union's children stay together in birth
 * order – the three things a genogram reader checks first. Their results would have to be
 * repaired afterwards into something they were not asked for. So this is the same Sugiyama
 * scheme, written for families:
 *
 * 1. Couples are blocks: everyone joined by unions stands in one block (partners side by side,
 *    successive partners left to right), a union with one known parent gets an empty place
 *    beside that parent. Blocks share a generation.
 * 2. Generations by longest path over the block graph (parents above children); blocks with no
 *    parents move down to just above their children (a foster family above its foster children).
 * 3. Order within a generation: a depth-first start, then barycentre sweeps down and up; after
 *    each sweep the children of one union are put back in birth order; the order with the
 *    fewest crossing child lines wins. A couple block turns so that each partner stands on the
 *    side of their own parents (no forced man-left / woman-right).
 * 4. x positions: alternately children centred under their union and unions centred over their
 *    children, each generation solved exactly for the least squared displacement under the
 *    no-overlap constraints (pool-adjacent-violators on the block order) – so symbols never
 *    overlap and the result is the same for the same family on every client.
 *
 * Everything is sorted by ids where a choice remains, so the result is deterministic.
 */
import { compareUnions, type GenoChild, type GenogramModel, type GenoUnion } from './model';

/** Width of one person's place (the symbol and its name under it). */
export const CELL = 170;
/** Extra room between two partners (for their union line and its years). */
export const PARTNER_GAP = 60;
/** The empty place beside a parent whose partner is not known. */
export const GHOST = 50;
/** Room between two blocks in a generation. */
export const BLOCK_GAP = 40;

export type Slot = { kind: 'person'; id: string } | { kind: 'ghost'; union: string };

export interface Block {
	id: string;
	row: number;
	/** Members in their canonical left-to-right order. */
	persons: string[];
	/** Whether the block may be mirrored (a couple with one union). */
	flippable: boolean;
	flipped: boolean;
	slots: Slot[];
	/** Slot centres from the block's left edge. */
	offsets: number[];
	width: number;
	/** Left edge (layout units). */
	x: number;
	/** The orientation `slots` were laid out for. */
	laidFlip?: boolean;
	/** Slot index by person id or ghost union id (`u:<id>`). */
	index?: Map<string, number>;
}

export interface UnionPlace {
	union: GenoUnion;
	/** Row of its partners (or, with none, the row above its children). */
	row: number;
	x: number;
	/** Partners side by side: the union line runs straight between them. */
	adjacent: boolean;
	/** The union's place is an empty slot beside its only partner. */
	ghost: boolean;
}

export interface Arrangement {
	rows: number;
	blocks: Block[];
	/** Each member's block. */
	blockOf: Map<string, Block>;
	/** Each member's generation (0 = top). */
	rowOf: Map<string, number>;
	/** Person centre x by id (before manual nudges). */
	xOf: Map<string, number>;
	unions: Map<string, UnionPlace>;
	/** The link each child is drawn under (biological, else adopted). */
	primary: Map<string, GenoChild>;
	/** Crossing child lines in the chosen order. */
	crossings: number;
	minX: number;
	maxX: number;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The arrangement of a genogram model. */
export function arrange(model: GenogramModel): Arrangement {
	const members = [...model.members.keys()];
	const unions = model.unions;
	const unionById = new Map(unions.map((u) => [u.id, u]));

	// The link each child hangs from: biological before adopted (the model accepts one biological).
	const primary = new Map<string, GenoChild>();
	for (const id of members) {
		const links = model.parentsOf.get(id) ?? [];
		const link =
			links.find((l) => l.kind === 'biological') ?? links.find((l) => l.kind === 'adopted');
		if (link) primary.set(id, link);
	}

	// 1. Couple groups (union–find over unions with two partners).
	const parent = new Map<string, string>(members.map((m) => [m, m]));
	const find = (x: string): string => {
		let r = x;
		while (parent.get(r) !== r) r = parent.get(r)!;
		let c = x;
		while (parent.get(c) !== r) {
			const next = parent.get(c)!;
			parent.set(c, r);
			c = next;
		}
		return r;
	};
	for (const u of unions)
		if (u.partners.length === 2) {
			const a = find(u.partners[0]!);
			const b = find(u.partners[1]!);
			if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
		}
	const groups = new Map<string, string[]>();
	for (const m of members) {
		const root = find(m);
		groups.set(root, [...(groups.get(root) ?? []), m]);
	}

	// 2. Generations over groups; a union without partners is a group of its own ("u:" id).
	const groupOfUnion = (u: GenoUnion): string =>
		u.partners.length > 0 ? find(u.partners[0]!) : `u:${u.id}`;
	const nodes = new Set<string>([...groups.keys()]);
	const down = new Map<string, Set<string>>();
	const up = new Map<string, Set<string>>();
	const fosterDown = new Map<string, Set<string>>();
	const edge = (map: Map<string, Set<string>>, a: string, b: string) => {
		if (!map.has(a)) map.set(a, new Set());
		map.get(a)!.add(b);
	};
	for (const [child, link] of primary) {
		const u = unionById.get(link.union);
		if (!u) continue;
		const from = groupOfUnion(u);
		const to = find(child);
		nodes.add(from);
		if (from === to) continue;
		edge(down, from, to);
		edge(up, to, from);
	}
	for (const u of unions)
		for (const l of u.children)
			if (primary.get(l.child) !== l && u.partners.length > 0)
				edge(fosterDown, groupOfUnion(u), find(l.child));
	const gen = generations([...nodes].sort(), down, up, fosterDown);

	// Blocks (one per group) and the rows.
	const rowOf = new Map<string, number>();
	const blocks: Block[] = [];
	const blockOf = new Map<string, Block>();
	for (const [root, list] of [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
		const row = gen.get(root) ?? 0;
		const block = makeBlock(root, list, row, model);
		blocks.push(block);
		for (const m of list) {
			rowOf.set(m, row);
			blockOf.set(m, block);
		}
	}
	const rows = Math.max(0, ...blocks.map((b) => b.row)) + 1;

	// Union rows: partners' row, or one above the children for a union without partners.
	const unionRow = new Map<string, number>();
	for (const u of unions) {
		if (u.partners.length > 0) unionRow.set(u.id, rowOf.get(u.partners[0]!) ?? 0);
		else unionRow.set(u.id, Math.max(0, gen.get(`u:${u.id}`) ?? 0));
	}

	// 3. Order within rows.
	const rowBlocks: Block[][] = Array.from({ length: rows }, () => []);
	initialOrder(blocks, rowBlocks, model, primary, blockOf, unionById);
	const geo = new Geometry(rowBlocks, unionById, blockOf, primary, model);
	let best = snapshot(rowBlocks);
	let bestCrossings = geo.pack().crossings();
	for (let iter = 0; iter < 8 && bestCrossings > 0; iter++) {
		if (iter % 2 === 0) for (let r = 1; r < rows; r++) geo.sortRow(r, 'down');
		else for (let r = rows - 2; r >= 0; r--) geo.sortRow(r, 'up');
		const c = geo.pack().crossings();
		if (c < bestCrossings) {
			bestCrossings = c;
			best = snapshot(rowBlocks);
		}
	}
	restore(rowBlocks, best);
	geo.pack();
	geo.turnSingles();

	// 4. Coordinates.
	geo.assignX();

	const xOf = new Map<string, number>();
	for (const b of blocks)
		b.slots.forEach((s, i) => {
			if (s.kind === 'person') xOf.set(s.id, b.x + b.offsets[i]!);
		});
	const places = new Map<string, UnionPlace>();
	for (const u of unions) {
		const place = geo.unionPlace(u);
		places.set(u.id, { ...place, row: unionRow.get(u.id) ?? 0 });
	}
	let minX = Infinity;
	let maxX = -Infinity;
	for (const b of blocks) {
		minX = Math.min(minX, b.x);
		maxX = Math.max(maxX, b.x + b.width);
	}
	if (blocks.length === 0) minX = maxX = 0;
	return {
		rows,
		blocks,
		blockOf,
		rowOf,
		xOf,
		unions: places,
		primary,
		crossings: bestCrossings,
		minX,
		maxX
	};
}

/**
 * Longest-path generations over a graph that should be acyclic (the model refuses ancestry
 * cycles, but a couple group can still hold a parent and a child's partner): edges that would
 * close a cycle are dropped in a fixed order. Groups without parents then move down to just
 * above their children (or foster children).
 */
function generations(
	nodes: string[],
	down: Map<string, Set<string>>,
	up: Map<string, Set<string>>,
	fosterDown: Map<string, Set<string>>
): Map<string, number> {
	const indeg = new Map(nodes.map((n) => [n, 0]));
	for (const [, tos] of down) for (const t of tos) indeg.set(t, (indeg.get(t) ?? 0) + 1);
	const gen = new Map(nodes.map((n) => [n, 0]));
	const done = new Set<string>();
	const order: string[] = [];
	let queue = nodes.filter((n) => indeg.get(n) === 0);
	while (order.length < nodes.length) {
		if (queue.length === 0) {
			// A cycle: release the first node left (by id), ignoring its remaining parents.
			const next = nodes.find((n) => !done.has(n))!;
			queue = [next];
		}
		const nextQueue: string[] = [];
		for (const n of queue) {
			if (done.has(n)) continue;
			done.add(n);
			order.push(n);
			for (const c of [...(down.get(n) ?? [])].sort()) {
				if (done.has(c)) continue;
				gen.set(c, Math.max(gen.get(c)!, gen.get(n)! + 1));
				indeg.set(c, indeg.get(c)! - 1);
				if (indeg.get(c) === 0) nextQueue.push(c);
			}
		}
		queue = nextQueue;
	}
	// Pull parentless groups down, children first (reverse topological order).
	for (let i = order.length - 1; i >= 0; i--) {
		const n = order[i]!;
		if ((up.get(n)?.size ?? 0) > 0) continue;
		const kids = [...(down.get(n) ?? [])];
		const fostered = kids.length === 0 ? [...(fosterDown.get(n) ?? [])] : [];
		const below = [...kids, ...fostered].map((c) => gen.get(c) ?? 0);
		if (below.length > 0) gen.set(n, Math.max(0, Math.min(...below) - 1));
	}
	const min = Math.min(0, ...gen.values());
	if (min < 0) for (const [n, g] of gen) gen.set(n, g - min);
	return gen;
}

/** A couple group's block: partners side by side, successive partners left to right. */
function makeBlock(root: string, list: string[], row: number, model: GenogramModel): Block {
	const inGroup = new Set(list);
	const own = (id: string) => (model.unionsOf.get(id) ?? []).slice().sort(compareUnions);
	const partnersOf = (id: string) =>
		own(id)
			.filter((u) => u.partners.length === 2)
			.map((u) => u.partners.find((p) => p !== id)!)
			.filter((p) => inGroup.has(p));
	let persons: string[];
	if (list.length === 1) persons = [list[0]!];
	else {
		// Start from the one with the most partners (then by id); first partner left, later ones
		// right; everyone further out joins at the end nearest their partner.
		const sorted = list.slice().sort();
		const start = sorted.reduce((a, b) => (partnersOf(b).length > partnersOf(a).length ? b : a));
		const startPartners = partnersOf(start);
		persons = [start];
		const placed = new Set([start]);
		if (startPartners.length === 1) persons.push(startPartners[0]!);
		else if (startPartners.length > 1) {
			persons.unshift(startPartners[0]!);
			persons.push(...startPartners.slice(1));
		}
		for (const p of startPartners) placed.add(p);
		let grew = true;
		while (grew && placed.size < list.length) {
			grew = false;
			for (const id of [...persons]) {
				for (const p of partnersOf(id)) {
					if (placed.has(p)) continue;
					placed.add(p);
					grew = true;
					if (persons.indexOf(id) < persons.length / 2) persons.unshift(p);
					else persons.push(p);
				}
			}
		}
		for (const id of sorted) if (!placed.has(id)) persons.push(id);
		// A single couple: the person with the first (`a`) place left until the sweeps decide.
		if (persons.length === 2) {
			const u = own(persons[0]!).find((x) => x.partners.includes(persons[1]!));
			if (u && u.partners[0] !== persons[0]) persons.reverse();
		}
	}
	const unionCount = new Set(list.flatMap((id) => own(id).map((u) => u.id))).size;
	const block: Block = {
		id: root,
		row,
		persons,
		flippable: persons.length === 2 && unionCount <= 2,
		flipped: false,
		slots: [],
		offsets: [],
		width: 0,
		x: 0
	};
	if (persons.length === 2) {
		// Default before the sweeps: man left, woman right, when nothing else decides.
		const [a, b] = persons.map((id) => model.members.get(id)?.sex);
		if (a === 'female' && b === 'male') block.flipped = true;
	}
	layoutSlots(block, model);
	return block;
}

/** Slots and offsets of a block in its current orientation. */
function layoutSlots(block: Block, model: GenogramModel): void {
	const persons = block.flipped ? block.persons.slice().reverse() : block.persons;
	block.index = new Map();
	const slots: Slot[] = [];
	const singles = (id: string) =>
		(model.unionsOf.get(id) ?? [])
			.filter((u) => u.partners.length === 1 && u.children.length > 0)
			.sort(compareUnions);
	const middle: Slot[] = [];
	persons.forEach((id, i) => {
		const ghosts = singles(id).map((u): Slot => ({ kind: 'ghost', union: u.id }));
		// A single person's empty places go to the side the block is turned to.
		const first = i === 0 && (persons.length > 1 || block.flipped);
		const last = i === persons.length - 1 && !first;
		if (first) slots.push(...ghosts);
		slots.push({ kind: 'person', id });
		if (last) slots.push(...ghosts, ...middle);
		else if (!first) middle.push(...ghosts);
	});
	const offsets: number[] = [];
	let x = 0;
	slots.forEach((s, i) => {
		block.index!.set(s.kind === 'person' ? s.id : `u:${s.union}`, i);
		const prev = slots[i - 1];
		if (prev) x += prev.kind === 'person' && s.kind === 'person' ? PARTNER_GAP : 0;
		const w = s.kind === 'person' ? CELL : GHOST;
		offsets.push(x + w / 2);
		x += w;
	});
	block.slots = slots;
	block.offsets = offsets;
	block.width = x;
	block.laidFlip = block.flipped;
}

function initialOrder(
	blocks: Block[],
	rowBlocks: Block[][],
	model: GenogramModel,
	primary: Map<string, GenoChild>,
	blockOf: Map<string, Block>,
	unionById: Map<string, GenoUnion>
): void {
	const seen = new Set<Block>();
	const visit = (start: Block) => {
		const stack = [start];
		while (stack.length > 0) {
			const block = stack.pop()!;
			if (seen.has(block)) continue;
			seen.add(block);
			rowBlocks[block.row]!.push(block);
			const next: Block[] = [];
			for (const id of block.persons) {
				// Parents first (so an in-law's family comes in next to them), then children.
				const link = primary.get(id);
				const pu = link ? unionById.get(link.union) : undefined;
				for (const p of pu?.partners ?? []) next.push(blockOf.get(p)!);
				for (const sib of pu?.children ?? []) next.push(blockOf.get(sib.child)!);
				for (const u of (model.unionsOf.get(id) ?? []).slice().sort(compareUnions))
					for (const l of u.children)
						if (primary.get(l.child) === l) next.push(blockOf.get(l.child)!);
			}
			for (let i = next.length - 1; i >= 0; i--)
				if (next[i] && !seen.has(next[i]!)) stack.push(next[i]!);
		}
	};
	const starts = blocks.slice().sort((a, b) => a.row - b.row || byId(a, b));
	for (const b of starts) visit(b);
}

function snapshot(rows: Block[][]): { order: Block[][]; flips: Map<Block, boolean> } {
	const flips = new Map<Block, boolean>();
	for (const row of rows) for (const b of row) flips.set(b, b.flipped);
	return { order: rows.map((r) => r.slice()), flips };
}

function restore(rows: Block[][], snap: ReturnType<typeof snapshot>): void {
	snap.order.forEach((r, i) => (rows[i] = r));
	for (const [b, f] of snap.flips) b.flipped = f;
}

/** Positions while ordering and assigning coordinates. */
class Geometry {
	readonly #rows: Block[][];
	readonly #unions: Map<string, GenoUnion>;
	readonly #blockOf: Map<string, Block>;
	readonly #primary: Map<string, GenoChild>;
	readonly #model: GenogramModel;
	/** Primary children by union. */
	readonly #kids = new Map<string, string[]>();
	/** Non-primary children (foster …) by union. */
	readonly #fostered = new Map<string, string[]>();

	constructor(
		rows: Block[][],
		unions: Map<string, GenoUnion>,
		blockOf: Map<string, Block>,
		primary: Map<string, GenoChild>,
		model: GenogramModel
	) {
		this.#rows = rows;
		this.#unions = unions;
		this.#blockOf = blockOf;
		this.#primary = primary;
		this.#model = model;
		for (const u of unions.values())
			for (const l of u.children) {
				const map = primary.get(l.child) === l ? this.#kids : this.#fostered;
				map.set(u.id, [...(map.get(u.id) ?? []), l.child]);
			}
	}

	/** Re-lays the slots of every block and packs each row tightly from x = 0. */
	pack(): this {
		for (const row of this.#rows) this.#packRow(row);
		return this;
	}

	#packRow(row: Block[]): void {
		let x = 0;
		for (const b of row) {
			if (b.laidFlip !== b.flipped) layoutSlots(b, this.#model);
			b.x = x;
			x += b.width + BLOCK_GAP;
		}
	}

	personX(id: string): number {
		const b = this.#blockOf.get(id);
		if (!b) return 0;
		return b.x + (b.offsets[b.index?.get(id) ?? -1] ?? 0);
	}

	/** Where a union's line and child line meet. */
	unionPlace(u: GenoUnion): Omit<UnionPlace, 'row'> {
		if (u.partners.length === 0) {
			const xs = (this.#kids.get(u.id) ?? []).map((c) => this.personX(c));
			const x = xs.length > 0 ? (Math.min(...xs) + Math.max(...xs)) / 2 : 0;
			return { union: u, x, adjacent: false, ghost: false };
		}
		const block = this.#blockOf.get(u.partners[0]!)!;
		if (u.partners.length === 1) {
			const i = block.index?.get(`u:${u.id}`) ?? -1;
			if (i !== -1)
				return { union: u, x: block.x + block.offsets[i]!, adjacent: true, ghost: true };
			return { union: u, x: this.personX(u.partners[0]!), adjacent: false, ghost: false };
		}
		const ia = block.index?.get(u.partners[0]!) ?? 0;
		const ib = block.index?.get(u.partners[1]!) ?? 0;
		const lo = Math.min(ia, ib);
		const hi = Math.max(ia, ib);
		const adjacent = block.slots.slice(lo + 1, hi).every((s) => s.kind !== 'person');
		const right = block.x + block.offsets[hi]!;
		const left = block.x + block.offsets[lo]!;
		// Not side by side: the line goes over the others, the children hang just left of the later partner.
		const x = adjacent ? (left + right) / 2 : right - (CELL + PARTNER_GAP) / 2;
		return { union: u, x, adjacent, ghost: false };
	}

	unionX(id: string): number {
		const u = this.#unions.get(id);
		return u ? this.unionPlace(u).x : 0;
	}

	/** Barycentre of a block from its parents (down) or its children (up); null when it has none. */
	#bary(b: Block, dir: 'down' | 'up'): number | null {
		let sum = 0;
		let n = 0;
		if (dir === 'down') {
			for (const id of b.persons) {
				const link = this.#primary.get(id);
				if (!link) continue;
				sum += this.unionX(link.union);
				n++;
			}
		} else {
			for (const id of b.persons)
				for (const u of this.#model.unionsOf.get(id) ?? []) {
					const kids = this.#kids.get(u.id) ?? [];
					const fostered = this.#fostered.get(u.id) ?? [];
					for (const c of kids) {
						sum += this.personX(c);
						n++;
					}
					for (const c of fostered) {
						sum += this.personX(c) * 0.5;
						n += 0.5;
					}
				}
		}
		return n > 0 ? sum / n : null;
	}

	/**
	 * Sorts one row by barycentres. The children of one union who belong to no other parent set
	 * move as one run, in birth order, at their mean barycentre – so siblings stay together.
	 */
	sortRow(r: number, dir: 'down' | 'up'): void {
		const row = this.#rows[r]!;
		const runs = new Map<string, { block: Block; rank: number; key: number; index: number }[]>();
		const items: { blocks: Block[]; key: number; index: number }[] = [];
		row.forEach((b, index) => {
			const key = this.#bary(b, dir) ?? b.x + b.width / 2;
			const anchors = b.persons.filter((id) => this.#primary.has(id));
			if (anchors.length === 1) {
				const link = this.#primary.get(anchors[0]!)!;
				const rank = this.#unions.get(link.union)?.children.indexOf(link) ?? 0;
				runs.set(link.union, [...(runs.get(link.union) ?? []), { block: b, rank, key, index }]);
			} else items.push({ blocks: [b], key, index });
		});
		for (const run of runs.values()) {
			run.sort((a, b) => a.rank - b.rank);
			items.push({
				blocks: run.map((e) => e.block),
				key: run.reduce((sum, e) => sum + e.key, 0) / run.length,
				index: Math.min(...run.map((e) => e.index))
			});
		}
		items.sort((p, q) => p.key - q.key || p.index - q.index);
		const order = items.flatMap((i) => i.blocks);
		this.#rows[r] = order;
		if (dir === 'down') for (const b of order) this.#turn(b);
		this.#packRow(order);
	}

	/** Single parents' empty places turn towards their children. */
	turnSingles(): void {
		for (const row of this.#rows)
			for (const b of row) {
				if (b.persons.length !== 1 || !b.slots.some((s) => s.kind === 'ghost')) continue;
				const kids = (this.#model.unionsOf.get(b.persons[0]!) ?? []).flatMap((u) => [
					...(this.#kids.get(u.id) ?? []),
					...(this.#fostered.get(u.id) ?? [])
				]);
				if (kids.length === 0) continue;
				const mean = kids.reduce((sum, c) => sum + this.personX(c), 0) / kids.length;
				const flip = mean < this.personX(b.persons[0]!);
				if (flip !== b.flipped) {
					const before = this.personX(b.persons[0]!);
					b.flipped = flip;
					layoutSlots(b, this.#model);
					b.x += before - this.personX(b.persons[0]!);
				}
			}
	}

	/** A couple turns so that each partner stands on the side of their own parents. */
	#turn(b: Block): void {
		if (!b.flippable) return;
		const [p, q] = b.persons as [string, string];
		const lp = this.#primary.get(p);
		const lq = this.#primary.get(q);
		let flip: boolean | null = null;
		if (lp && lq) {
			const xp = this.unionX(lp.union);
			const xq = this.unionX(lq.union);
			if (xp !== xq) flip = xp > xq;
		} else if (lp || lq) {
			const x = this.unionX((lp ?? lq)!.union);
			const centre = b.x + b.width / 2;
			if (x !== centre) flip = lp ? x > centre : x < centre;
		}
		if (flip !== null) b.flipped = flip;
	}

	/** Child lines that cross, over all rows (union x against child x). */
	crossings(): number {
		let total = 0;
		for (let r = 1; r < this.#rows.length; r++) {
			const edges: [number, number][] = [];
			for (const b of this.#rows[r]!)
				for (const id of b.persons) {
					const link = this.#primary.get(id);
					if (link) edges.push([this.unionX(link.union), this.personX(id)]);
				}
			edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
			for (let i = 0; i < edges.length; i++)
				for (let j = i + 1; j < edges.length; j++)
					if (edges[i]![0] < edges[j]![0] && edges[i]![1] > edges[j]![1]) total++;
		}
		return total;
	}

	/**
	 * x positions: alternating passes (children under their union, unions over their children),
	 * ending with children under their union, each row solved by `placeRow`.
	 */
	assignX(): void {
		const rows = this.#rows.length;
		for (let iter = 0; iter < 6; iter++) {
			for (let r = rows - 2; r >= 0; r--) this.#placeRow(r, 'up');
			for (let r = 1; r < rows; r++) this.#placeRow(r, 'down');
		}
		// Start at x = 0.
		let min = Infinity;
		for (const row of this.#rows) for (const b of row) min = Math.min(min, b.x);
		if (Number.isFinite(min)) for (const row of this.#rows) for (const b of row) b.x -= min;
	}

	/**
	 * Where each block of row `r` would stand if every sibling set stood packed tightly (in its
	 * order) and centred under its union: block → wanted left edges, one per anchored member.
	 */
	#siblingTargets(r: number): Map<Block, number[]> {
		const out = new Map<Block, number[]>();
		const sets = new Map<string, string[]>();
		for (const b of this.#rows[r]!)
			for (const id of b.persons) {
				const link = this.#primary.get(id);
				if (link) sets.set(link.union, [...(sets.get(link.union) ?? []), id]);
			}
		for (const [union, kids] of sets) {
			const blocks = [...new Set(kids.map((c) => this.#blockOf.get(c)!))].sort((a, b) => a.x - b.x);
			const left = new Map<Block, number>();
			let x = 0;
			for (const b of blocks) {
				left.set(b, x);
				x += b.width + BLOCK_GAP;
			}
			const xs = kids.map((c) => {
				const b = this.#blockOf.get(c)!;
				return left.get(b)! + b.offsets[b.index?.get(c) ?? 0]!;
			});
			const shift = this.unionX(union) - (Math.min(...xs) + Math.max(...xs)) / 2;
			for (const c of kids) {
				const b = this.#blockOf.get(c)!;
				out.set(b, [...(out.get(b) ?? []), left.get(b)! + shift]);
			}
		}
		return out;
	}

	#placeRow(r: number, dir: 'down' | 'up'): void {
		const row = this.#rows[r]!;
		const targets = dir === 'down' ? this.#siblingTargets(r) : null;
		const wants: { want: number; weight: number }[] = row.map((b) => {
			let sum = 0;
			let n = 0;
			if (targets) {
				for (const x of targets.get(b) ?? []) {
					sum += x;
					n++;
				}
			} else {
				const seen = new Set<string>();
				for (const id of b.persons)
					for (const u of this.#model.unionsOf.get(id) ?? []) {
						if (seen.has(u.id)) continue;
						seen.add(u.id);
						const kids = this.#kids.get(u.id) ?? [];
						const fostered = kids.length === 0 ? (this.#fostered.get(u.id) ?? []) : [];
						const xs = [...kids, ...fostered].map((c) => this.personX(c));
						if (xs.length === 0) continue;
						const centre = (Math.min(...xs) + Math.max(...xs)) / 2;
						const w = kids.length > 0 ? 1 : 0.5;
						sum += (centre - (this.unionX(u.id) - b.x)) * w;
						n += w;
					}
			}
			return n > 0 ? { want: sum / n, weight: n } : { want: b.x, weight: 0.001 };
		});
		const xs = placeInOrder(
			row.map((b) => b.width),
			wants,
			BLOCK_GAP
		);
		row.forEach((b, i) => (b.x = xs[i]!));
	}
}

/**
 * Left edges for blocks in a fixed order (`widths`), each wanting to be at `want` with `weight`,
 * never closer than `gap`: the least weighted squared displacement, found exactly by
 * pool-adjacent-violators (isotonic regression on the positions minus the packed offsets).
 */
export function placeInOrder(
	widths: readonly number[],
	wants: readonly { want: number; weight: number }[],
	gap: number
): number[] {
	const n = widths.length;
	const shift: number[] = [];
	let acc = 0;
	for (let i = 0; i < n; i++) {
		shift.push(acc);
		acc += widths[i]! + gap;
	}
	const pools: { sum: number; weight: number; count: number }[] = [];
	for (let i = 0; i < n; i++) {
		const w = wants[i]!;
		pools.push({ sum: (w.want - shift[i]!) * w.weight, weight: w.weight, count: 1 });
		while (pools.length > 1) {
			const last = pools[pools.length - 1]!;
			const prev = pools[pools.length - 2]!;
			if (prev.sum / prev.weight <= last.sum / last.weight) break;
			pools.pop();
			prev.sum += last.sum;
			prev.weight += last.weight;
			prev.count += last.count;
		}
	}
	const out: number[] = [];
	let i = 0;
	for (const pool of pools) {
		const value = pool.sum / pool.weight;
		for (let k = 0; k < pool.count; k++, i++) out.push(value + shift[i]!);
	}
	return out;
}
