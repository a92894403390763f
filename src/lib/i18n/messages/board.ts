import { defineMessages } from './define';

/** Messages of the live board (canvas, toolbar, presence, minutes). */
export const board = defineMessages(
	{
		'board.title': 'Mødetavle'
	},
	{
		'board.title': 'Meeting board'
	}
);
