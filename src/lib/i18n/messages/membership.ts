import { defineMessages } from './define';

/** Messages of case administration: who is on a case, and creating cases. */
export const membership = defineMessages(
	{
		'members.title': 'Hvem er med på sagen',
		'members.link': 'Tilføj eller fjern',
		'members.back': 'Tilbage til sagen',
		'members.help':
			'Kun dem, der er med på sagen, kan se den. Når du fjerner en person, mister de adgangen med det samme – også til tavler, de har åbne.',
		'members.you': '(dig)',
		'members.remove': 'Fjern {name} fra sagen',
		'members.add': 'Tilføj en person',
		'members.email': 'E-mail',
		'members.emailHint': 'Personen skal have en bruger i Mødetavle.',
		'members.role': 'Rolle på sagen',
		'members.roleTitle': 'Stilling eller relation (fx familiebehandler, mor)',
		'members.submit': 'Tilføj',
		'members.added': 'Personen er nu med på sagen.',
		'members.removed': 'Personen er fjernet fra sagen.',
		'cases.new.title': 'Opret en sag',
		'cases.new.help':
			'Administratoren opretter sagen og dens første tovholder. Derefter er det tovholderen, der tilføjer de andre – administratoren ser ikke sagen.',
		'cases.new.caseTitle': 'Titel (fx børnenes fornavne)',
		'cases.new.reference': 'Journalnummer',
		'cases.new.facilitator': 'Tovholderens e-mail',
		'cases.new.submit': 'Opret sagen',
		'cases.new.created': 'Sagen er oprettet. Tovholderen kan nu åbne den og tilføje de andre.',
		'admin.nav.cases': 'Opret sag',
		'case.export': 'Eksportér hele sagen (ZIP)'
	},
	{
		'members.title': 'Who is on the case',
		'members.link': 'Add or remove',
		'members.back': 'Back to the case',
		'members.help':
			'Only people on the case can see it. When you remove someone, they lose access at once – also to boards they have open.',
		'members.you': '(you)',
		'members.remove': 'Remove {name} from the case',
		'members.add': 'Add a person',
		'members.email': 'Email',
		'members.emailHint': 'The person needs a user in Mødetavle.',
		'members.role': 'Role on the case',
		'members.roleTitle': 'Job or relation (e.g. family therapist, mother)',
		'members.submit': 'Add',
		'members.added': 'The person is now on the case.',
		'members.removed': 'The person has been removed from the case.',
		'cases.new.title': 'Create a case',
		'cases.new.help':
			'The administrator creates the case and its first facilitator. From then on the facilitator adds the others – the administrator does not see the case.',
		'cases.new.caseTitle': 'Title (e.g. the children’s first names)',
		'cases.new.reference': 'Case number',
		'cases.new.facilitator': 'The facilitator’s email',
		'cases.new.submit': 'Create the case',
		'cases.new.created':
			'The case has been created. The facilitator can now open it and add the others.',
		'admin.nav.cases': 'Create case',
		'case.export': 'Export the whole case (ZIP)'
	}
);
