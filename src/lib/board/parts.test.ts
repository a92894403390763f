import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toolData, linkGoalsDoc } from '../tools/data';
import { readGoals } from '../tools/goals/model';
import { addGoal, addStep } from '../tools/goals/ops';
import { openSnapshot } from '../review/snapshot-doc';
import {
	combineGoals,
	copyGoals,
	docFromUpdate,
	dropGoals,
	goalsDocId,
	goalsRoot,
	hasGoals,
	splitDocId
} from './parts';

function boardWithGoals(): Y.Doc {
	const doc = new Y.Doc();
	doc.getMap('people').set('p1', new Y.Map());
	const data = toolData(doc, 'goals');
	addGoal(data, 'g1', { title: 'Komme til tiden' });
	addStep(data, 'g1', 's1', { text: 'Sætte en alarm' });
	return doc;
}

const titles = (doc: Y.Doc, goals?: Y.Doc) =>
	readGoals(toolData(doc, 'goals', goals)).goals.map((g) => [g.title, g.steps.map((s) => s.text)]);

describe('a board in two documents', () => {
	it('names the goals document after its board, and back', () => {
		expect(goalsDocId('b1')).toBe('b1~goals');
		expect(splitDocId('b1~goals')).toEqual({ boardId: 'b1', part: 'goals' });
		expect(splitDocId('b1')).toEqual({ boardId: 'b1', part: 'main' });
		expect(splitDocId('~goals')).toEqual({ boardId: '~goals', part: 'main' });
	});

	it('moves goals without losing any: copied under their ids, then dropped, bytes without them', () => {
		const main = boardWithGoals();
		const goals = new Y.Doc();
		// A goal already in the goals document stays as it is there.
		goalsRoot(goals).set('g0', new Y.Map([['title', 'Findes allerede']]));
		expect(copyGoals(goalsRoot(main), goals)).toEqual(['g1']);
		expect(copyGoals(goalsRoot(main), goals)).toEqual([]);
		dropGoals(main);
		expect(hasGoals(main)).toBe(false);
		expect(titles(goals)).toContainEqual(['Komme til tiden', ['Sætte en alarm']]);
		const bytes = Buffer.from(Y.encodeStateAsUpdate(main)).toString('utf8');
		expect(bytes).not.toContain('Komme til tiden');
		expect(bytes).not.toContain('Sætte en alarm');
	});

	it('combines the goals into one document for readers, the goals document winning', () => {
		const main = boardWithGoals();
		const goals = new Y.Doc();
		const data = toolData(main, 'goals', goals);
		addGoal(data, 'g2', { title: 'Tale pænt sammen' });
		goalsRoot(goals).set('g1', (goalsRoot(main).get('g1') as Y.Map<unknown>).clone());
		(goalsRoot(goals).get('g1') as Y.Map<unknown>).set('title', 'Komme til tiden hver gang');
		combineGoals(main, goals);
		expect(titles(main).map(([t]) => t)).toEqual(['Komme til tiden hver gang', 'Tale pænt sammen']);
	});

	it('opens a snapshot with the goals combined in, or withheld – also those an older one kept in its main document', () => {
		const legacy = Y.encodeStateAsUpdate(boardWithGoals());
		const goals = new Y.Doc();
		addGoal(toolData(new Y.Doc(), 'goals', goals), 'g3', { title: 'Nyt mål' });
		const goalsBytes = Y.encodeStateAsUpdate(goals);
		const full = openSnapshot(legacy, { goals: goalsBytes });
		expect(
			titles(full.doc)
				.map(([t]) => t)
				.sort()
		).toEqual(['Komme til tiden', 'Nyt mål']);
		const withheld = openSnapshot(legacy, { goals: goalsBytes, withhold: true });
		expect(titles(withheld.doc)).toEqual([]);
		expect(Buffer.from(Y.encodeStateAsUpdate(withheld.doc)).toString('utf8')).not.toContain(
			'Komme til tiden'
		);
		// A single combined document still works as before.
		expect(titles(openSnapshot(legacy).doc).map(([t]) => t)).toEqual(['Komme til tiden']);
	});

	it('resolves the goals through a linked goals document; withheld, the tool shows none and says so', () => {
		const main = new Y.Doc();
		const goals = docFromUpdate(null);
		linkGoalsDoc(main, goals);
		addGoal(toolData(main, 'goals'), 'g1', { title: 'I goals-dokumentet' });
		expect(goalsRoot(main).size).toBe(0);
		expect(goalsRoot(goals).size).toBe(1);
		linkGoalsDoc(main, goals, true);
		const model = readGoals(toolData(main, 'goals'));
		expect(model).toMatchObject({ goals: [], withheld: true });
	});
});
