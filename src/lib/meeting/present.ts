/** Names of what is presented (pure): a tool frame by its tool's name, another element by its type and text. */
import type * as Y from 'yjs';
import { getElement } from '../board/doc';
import type { MessageKey, Translate } from '../i18n';
import { toolDefinition } from '../tools/registry';

export function elementName(doc: Y.Doc, id: string, t: Translate): string {
	const el = getElement(doc, id);
	if (!el) return t('present.element');
	if (el.type === 'tool') {
		const def = toolDefinition(el.tool);
		return def ? t(def.name) : t('present.element');
	}
	const type = t(`board.type.${el.type}` as MessageKey);
	const text = el.text.trim().replace(/\s+/g, ' ');
	return text ? `${type}: ${text.length > 40 ? `${text.slice(0, 40)}…` : text}` : type;
}
