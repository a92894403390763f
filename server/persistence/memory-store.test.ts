import { MemoryBoardStore } from './memory-store';
import { describeBoardStore } from './store-contract';

describeBoardStore(
	'memory',
	() => new MemoryBoardStore(),
	(store, boardId) => store.seal(boardId)
);
