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
		'case.export': 'Eksportér hele sagen (ZIP)',
		'case.closed': 'Sagen blev lukket {date}. Den kan ikke få nye møder.',
		'case.close': 'Luk sagen',
		'case.close.confirm':
			'Luk sagen? Den kan ikke få nye møder, og opbevaringsperioden begynder. Du kan genåbne den.',
		'case.reopen': 'Genåbn sagen',
		'admin.nav.retention': 'Opbevaring',
		'retention.title': 'Lukkede sager til gennemgang',
		'retention.help':
			'Sager, der har været lukket i mere end {years} år. Gennemgå dem efter kommunens regler for opbevaring. Sletning fjerner alt om sagen – tavler, øjebliksbilleder, billeder, invitationer, familiens egne konti og loggen – og kan ikke fortrydes. Kun én linje i loggen viser, at sagen blev slettet, af hvem og hvornår.',
		'retention.none': 'Ingen lukkede sager er ældre end {years} år.',
		'retention.closedAt': 'Lukket',
		'retention.reference': 'Journalnummer',
		'retention.confirm': 'Skriv journalnummeret for at slette',
		'retention.erase': 'Slet sagen for altid',
		'retention.erased': 'Sagen {reference} er slettet.'
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
		'case.export': 'Export the whole case (ZIP)',
		'case.closed': 'The case was closed on {date}. It cannot get new meetings.',
		'case.close': 'Close the case',
		'case.close.confirm':
			'Close the case? It cannot get new meetings, and the retention period begins. You can reopen it.',
		'case.reopen': 'Reopen the case',
		'admin.nav.retention': 'Retention',
		'retention.title': 'Closed cases for review',
		'retention.help':
			'Cases that have been closed for more than {years} years. Review them by the municipality’s retention rules. Erasing removes everything about the case – boards, snapshots, images, invitations, the family’s own accounts and the log – and cannot be undone. Only one line in the log shows that the case was erased, by whom and when.',
		'retention.none': 'No closed case is older than {years} years.',
		'retention.closedAt': 'Closed',
		'retention.reference': 'Case number',
		'retention.confirm': 'Type the case number to erase',
		'retention.erase': 'Erase the case for good',
		'retention.erased': 'The case {reference} has been erased.'
	}
);
