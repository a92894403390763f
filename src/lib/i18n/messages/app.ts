import { defineMessages } from './define';

/** Messages of the app pages (login, cases, meetings, admin). */
export const app = defineMessages(
	{
		'app.name': 'Mødetavle'
	},
	{
		'app.name': 'Mødetavle'
	}
);
