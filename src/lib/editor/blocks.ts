/**
 * Custom minutes blocks: "Beslutning" (a decision) and "Aftale" (an agreement: who does what by
 * when). Both are block nodes whose text is the decision or the "what"; the agreement keeps
 * `who` and `due` as node attributes, which y-prosemirror syncs like everything else.
 */
import { mergeAttributes, Node } from '@tiptap/core';

declare module '@tiptap/core' {
	interface Commands<ReturnType> {
		decision: { setDecision: () => ReturnType };
		agreement: { setAgreement: () => ReturnType };
	}
}

export const Decision = Node.create<{ label: string }>({
	name: 'decision',
	group: 'block',
	content: 'inline*',
	defining: true,
	addOptions: () => ({ label: 'Beslutning' }),
	parseHTML: () => [{ tag: 'div[data-type="decision"]' }],
	renderHTML({ HTMLAttributes }) {
		return [
			'div',
			mergeAttributes(HTMLAttributes, {
				'data-type': 'decision',
				'data-label': this.options.label,
				class: 'minutes-block minutes-decision'
			}),
			0
		];
	},
	addCommands() {
		return {
			setDecision:
				() =>
				({ commands }) =>
					commands.setNode(this.name)
		};
	}
});

export interface AgreementLabels {
	label: string;
	who: string;
	due: string;
	what: string;
}

export const Agreement = Node.create<AgreementLabels>({
	name: 'agreement',
	group: 'block',
	content: 'inline*',
	defining: true,
	addOptions: () => ({ label: 'Aftale', who: 'Hvem', due: 'Senest', what: 'Hvad' }),
	addAttributes: () => ({
		who: {
			default: '',
			parseHTML: (el) => el.getAttribute('data-who') ?? '',
			renderHTML: (a) => ({ 'data-who': a.who as string })
		},
		due: {
			default: '',
			parseHTML: (el) => el.getAttribute('data-due') ?? '',
			renderHTML: (a) => ({ 'data-due': a.due as string })
		}
	}),
	parseHTML: () => [{ tag: 'div[data-type="agreement"]' }],
	renderHTML({ HTMLAttributes }) {
		return [
			'div',
			mergeAttributes(HTMLAttributes, {
				'data-type': 'agreement',
				class: 'minutes-block minutes-agreement'
			}),
			0
		];
	},
	addCommands() {
		return {
			setAgreement:
				() =>
				({ commands }) =>
					commands.setNode(this.name)
		};
	},
	addNodeView() {
		const labels = this.options;
		return ({ node, getPos, editor }) => {
			const dom = document.createElement('div');
			dom.className = 'minutes-block minutes-agreement';
			dom.dataset.type = 'agreement';
			const head = document.createElement('div');
			head.className = 'minutes-agreement-head';
			head.contentEditable = 'false';
			const title = document.createElement('span');
			title.className = 'minutes-block-label';
			title.textContent = labels.label;
			head.append(title);
			const field = (name: 'who' | 'due', text: string, type: string) => {
				const label = document.createElement('label');
				label.className = 'minutes-agreement-field';
				const span = document.createElement('span');
				span.textContent = text;
				const input = document.createElement('input');
				input.type = type;
				input.value = String(node.attrs[name] ?? '');
				input.disabled = !editor.isEditable;
				input.addEventListener('change', () => {
					const pos = typeof getPos === 'function' ? getPos() : undefined;
					if (pos === undefined) return;
					editor
						.chain()
						.command(({ tr }) => {
							const current = tr.doc.nodeAt(pos);
							if (!current) return false;
							tr.setNodeMarkup(pos, undefined, { ...current.attrs, [name]: input.value });
							return true;
						})
						.run();
				});
				label.append(span, input);
				head.append(label);
				return input;
			};
			const who = field('who', labels.who, 'text');
			const due = field('due', labels.due, 'date');
			const what = document.createElement('div');
			what.className = 'minutes-agreement-what';
			what.dataset.label = labels.what;
			dom.append(head, what);
			return {
				dom,
				contentDOM: what,
				update(updated) {
					if (updated.type.name !== 'agreement') return false;
					if (document.activeElement !== who) who.value = String(updated.attrs.who ?? '');
					if (document.activeElement !== due) due.value = String(updated.attrs.due ?? '');
					return true;
				},
				stopEvent: (event) => head.contains(event.target as globalThis.Node),
				ignoreMutation: (mutation) => head.contains(mutation.target as globalThis.Node)
			};
		};
	}
});
