/**
 * The collaborative minutes editor: Tiptap 3 on the board's `minutes` Y.XmlFragment with
 * collaboration carets. StarterKit's own undo is off (the collaboration extension brings a
 * per-user Yjs undo). The client never sets initial content: what is in the fragment is the
 * document, seeded (if at all) on the server.
 */
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import StarterKit from '@tiptap/starter-kit';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { Agreement, Decision, type AgreementLabels } from './blocks';

export interface MinutesOptions {
	element: HTMLElement;
	fragment: Y.XmlFragment;
	/** Anything with an `awareness` (the WebsocketProvider). */
	provider: { awareness: Awareness };
	user: { name: string; color: string; [key: string]: unknown };
	editable: boolean;
	label: string;
	decisionLabel: string;
	agreementLabels: AgreementLabels;
	onTransaction?: () => void;
}

export function createMinutesEditor(o: MinutesOptions): Editor {
	return new Editor({
		element: o.element,
		editable: o.editable,
		extensions: [
			StarterKit.configure({ undoRedo: false, heading: { levels: [2, 3] }, link: false }),
			Collaboration.configure({ fragment: o.fragment }),
			CollaborationCaret.configure({ provider: o.provider, user: o.user }),
			Decision.configure({ label: o.decisionLabel }),
			Agreement.configure(o.agreementLabels)
		],
		editorProps: {
			attributes: {
				class: 'minutes-content',
				role: 'textbox',
				'aria-multiline': 'true',
				'aria-label': o.label,
				'data-testid': 'minutes-editor'
			}
		},
		onTransaction: () => o.onTransaction?.()
	});
}
