import { defineMessages } from './define';

/**
 * Messages of the parents' side (issue 11): who comes to the meeting, consent to share the goals,
 * invitations, calendar files and reminders, and the parent's calm view of the board. Everything
 * here may be read by a parent: plain Danish, short sentences.
 */
export const parents = defineMessages(
	{
		'board.closed.invite':
			'Dit link til tavlen er lukket. Bed mødets tovholder om et nyt, hvis du stadig skal være med.',
		'board.closed.access': 'Du har ikke længere adgang til tavlen.',
		'board.goals.withdrawn':
			'Forældrene deler ikke længere målene med jer. De er fjernet fra denne skærm.',
		'board.goals.nowShared': 'Forældrene har delt målene med jer. Genindlæs for at se dem.'
	},
	{
		'board.closed.invite':
			'Your link to the board has been closed. Ask the meeting’s facilitator for a new one if you still take part.',
		'board.closed.access': 'You no longer have access to the board.',
		'board.goals.withdrawn':
			'The parents no longer share the goals with you. They have been removed from this screen.',
		'board.goals.nowShared': 'The parents have shared the goals with you. Reload to see them.'
	}
);
