import { describe, expect, it } from 'vitest';
import { toolData } from '../data';
import { frameLayout } from '../frame';
import { TOOLS } from '../registry';
import { context, demoBoard } from '../test/helpers';
import { boundsOfShapes, control, type DisplayList, type Shape } from './display';
import { renderSvg } from './svg';
import { ellipsize, textWidth, wrapText } from './text';

describe('text measurement', () => {
	it('wraps at spaces within the width, breaks overlong words, and ends a cut text with …', () => {
		const lines = wrapText('Sara og Mikkel anbringes hos plejefamilien Holm', 220, 20, {
			bold: true
		});
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect(textWidth(line, 20, true)).toBeLessThanOrEqual(220);
		const long = wrapText('Familieplejekonsulentbesøgsaftaleopfølgningsmøde', 100, 20);
		for (const line of long) expect(textWidth(line, 20)).toBeLessThanOrEqual(100);
		expect(long.join('')).toBe('Familieplejekonsulentbesøgsaftaleopfølgningsmøde');
		const two = wrapText('en to tre fire fem seks syv otte ni ti', 80, 20, { maxLines: 2 });
		expect(two).toHaveLength(2);
		expect(two[1]!.endsWith('…')).toBe(true);
		expect(ellipsize('Opfølgning på handleplanen', 90, 16)).toMatch(/…$/);
		expect(textWidth('æøå ÆØÅ', 16)).toBeGreaterThan(0);
	});
});

describe('SVG renderer', () => {
	it('escapes text and attributes, draws by level of detail, clips groups', () => {
		const list: DisplayList = {
			width: 100,
			height: 50,
			shapes: [
				{
					type: 'text',
					x: 0,
					y: 0,
					lines: ['<b onload="x">&'],
					size: 10,
					color: '#000" onload="y'
				},
				{ type: 'rect', x: 0, y: 0, w: 11, h: 11, fill: '#fff', minScale: 2 },
				{
					type: 'group',
					x: 5,
					clip: { x: 0, y: 0, w: 10, h: 10 },
					children: [{ type: 'ellipse', cx: 1, cy: 1, rx: 2, ry: 2, fill: '#000' }]
				}
			]
		};
		const svg = renderSvg(list, { title: 'Tegning <1>' });
		expect(svg).toContain('&lt;b onload=&quot;x&quot;&gt;&amp;');
		expect(svg).not.toMatch(/<b |onload="/);
		expect(svg).toContain('<title>Tegning &lt;1&gt;</title>');
		expect(svg).not.toContain('<rect x="0" y="0" width="11"');
		expect(renderSvg(list, { scale: 2 })).toContain('<rect x="0" y="0" width="11"');
		expect(svg).toContain('clip-path="url(#clip1)"');
	});

	it('leaves the on-board controls out: a record shows content, not add buttons or switches', () => {
		const doc = demoBoard();
		const controls: string[] = [];
		const collect = (shapes: Shape[]) => {
			for (const s of shapes)
				if (s.type === 'group') {
					if (s.control) controls.push(s.hit?.kind ?? '');
					collect(s.children);
				}
		};
		for (const tool of TOOLS) {
			const list = frameLayout(tool, tool.read(toolData(doc, tool.id)), 2400, 1400, context());
			collect(list.shapes);
		}
		// The Signs of Safety columns' and the goals' add buttons, the genogram legend's switch.
		expect(new Set(controls)).toEqual(
			new Set(['new-item', 'new-goal', 'new-step', 'toggle-bonds'])
		);
		const t = context().t;
		const sos = TOOLS.find((tool) => tool.id === 'sos')!;
		const svg = renderSvg(frameLayout(sos, sos.read(toolData(doc, 'sos')), 2400, 1400, context()));
		expect(svg).toContain(t('sos.column.worries'));
		expect(svg).not.toContain(`>${t('sos.add')}<`);
		const list: DisplayList = {
			width: 100,
			height: 50,
			shapes: [
				control({ type: 'group', children: [{ type: 'rect', x: 1, y: 2, w: 3, h: 4 }] }),
				{ type: 'group', children: [{ type: 'rect', x: 5, y: 6, w: 7, h: 8 }] }
			]
		};
		expect(renderSvg(list)).not.toContain('width="3"');
		expect(renderSvg(list)).toContain('width="7"');
	});

	it('draws every registered tool with its demo content into its frame', () => {
		const doc = demoBoard();
		for (const tool of TOOLS) {
			const data = toolData(doc, tool.id);
			const model = tool.read(data);
			expect(tool.isEmpty(model), tool.id).toBe(false);
			const list = frameLayout(tool, model, tool.size.w, tool.size.h, context());
			const svg = renderSvg(list);
			expect(svg, tool.id).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
			expect(svg, tool.id).toContain(context().t(tool.name));
			// Nothing is drawn outside the frame.
			const box = boundsOfShapes(list.shapes)!;
			expect(box.minX).toBeGreaterThanOrEqual(0);
			expect(box.maxX).toBeLessThanOrEqual(tool.size.w);
		}
	});
});
