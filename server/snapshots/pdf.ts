/**
 * A snapshot as a PDF to file in the case system (journalisering): PDF/A-2b (PDFKit's `subset`,
 * XMP metadata and sRGB output intent), A4, Danish, every font embedded from the `dejavu-fonts-ttf`
 * package (the font the tools are drawn and measured in, so the pictures' text fits as on screen),
 * black text on white. Each page carries the case, the meeting, the snapshot's SHA-256 and its
 * page number. Content: the facts of the meeting, participants, agenda, the minutes with their
 * decisions and agreements, each tool's picture (the tools' own SVG, drawn with svg-to-pdfkit –
 * no browser on the server) and its content as text, and the case's trends up to this meeting.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { formatDate, formatDateTime, translator, type MessageKey } from '../../src/lib/i18n';
import { minutes as minutesOf } from '../../src/lib/board/doc';
import { readMinutes, type MinutesBlock } from '../../src/lib/editor/read';
import type { Meeting, Snapshot } from '../../src/lib/server/db/schema';
import { framePicture, pictureContext, shownTools } from '../../src/lib/review/board-tools';
import {
	goalsChart,
	goalsTable,
	safetyChart,
	safetyTable,
	type ChartTable
} from '../../src/lib/review/charts';
import { FULL_VIEW, openStored, type SnapshotView } from './review';
import type { TrendPoint } from '../../src/lib/review/trends';
import { renderSvg } from '../../src/lib/tools/draw/svg';
import type { DisplayList } from '../../src/lib/tools/draw/display';

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
	regular: join(FONT_DIR, 'DejaVuSans.ttf'),
	bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
	mono: join(FONT_DIR, 'DejaVuSansMono.ttf')
} as const;

export interface PdfInput {
	snapshot: Snapshot;
	caseInfo: { title: string; reference: string | null };
	meeting: Meeting;
	participants: { name: string; role: string; title: string }[];
	agenda: { title: string; durationMinutes: number | null }[];
	/** The case's trend points the reader may see, up to this snapshot. */
	trends: TrendPoint[];
	exportedBy: string;
	/** What the reader may see (the placement without the parents' consent: no goals). */
	view?: SnapshotView;
	now?: Date;
}

const MARGIN = { top: 70, bottom: 66, left: 56, right: 56 };
const INK = '#000000';
const RULE = '#6b7280';
const t = translator('da');

type Doc = PDFKit.PDFDocument;

/** Makes the PDF; resolves with its bytes. */
export async function snapshotPdf(input: PdfInput): Promise<Buffer> {
	const { snapshot, meeting, caseInfo } = input;
	const now = input.now ?? new Date();
	const view = input.view ?? FULL_VIEW;
	const opened = openStored(snapshot, view);
	const title = `${t('pdf.title')} – ${meeting.title}`;
	const doc = new PDFDocument({
		size: 'A4',
		margins: MARGIN,
		pdfVersion: '1.7',
		subset: 'PDF/A-2b',
		lang: 'da-DK',
		displayTitle: true,
		bufferPages: true,
		autoFirstPage: true,
		font: FONTS.regular,
		info: {
			Title: title,
			Author: 'Mødetavle',
			Subject: `${caseInfo.title}${caseInfo.reference ? ` (${caseInfo.reference})` : ''}`,
			Keywords: `øjebliksbillede; SHA-256 ${snapshot.sha256}`,
			Creator: 'Mødetavle',
			CreationDate: now
		}
	} as PDFKit.PDFDocumentOptions);
	doc.registerFont('body', FONTS.regular);
	doc.registerFont('bold', FONTS.bold);
	doc.registerFont('mono', FONTS.mono);
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	try {
		frontMatter(doc, input, opened.savedVersion, opened.migrated.length > 0);
		minutesSection(doc, readMinutes(await minutesOf(opened.doc)));
		const day = snapshot.createdAt.toISOString().slice(0, 10);
		const context = pictureContext(t, 'da', day);
		for (const tool of shownTools(opened.doc)) {
			if (!view.goals && tool.def.id === 'goals') continue;
			doc.addPage({ size: 'A4', layout: 'landscape', margins: MARGIN });
			const name = t(tool.def.name);
			heading(doc, name, 1);
			picture(doc, framePicture(tool, context), name);
			const summary = tool.def.summary(tool.model, t, 'da');
			if (tool.empty) para(doc, t('pdf.toolEmpty'));
			if (summary.items.length > 0)
				para(doc, summary.items.map((item) => `${item.label}: ${item.value}`).join(' · '));
			if (summary.text.length > 0) {
				heading(doc, t('pdf.content'), 3);
				for (const line of summary.text) bullet(doc, line, 0, '•');
			}
		}
		if (input.trends.length > 0) trendsSection(doc, input.trends);
		pageFurniture(doc, input, now);
		doc.end();
	} catch (error) {
		doc.end();
		opened.doc.destroy();
		return Promise.reject(error instanceof Error ? error : new Error(String(error)));
	}
	opened.doc.destroy();
	return done;
}

function frontMatter(doc: Doc, input: PdfInput, savedVersion: number | null, migrated: boolean) {
	const { snapshot, meeting, caseInfo } = input;
	doc.font('bold').fontSize(20).fillColor(INK).text(meeting.title);
	doc.moveDown(0.3);
	doc.font('body').fontSize(11).text(t('pdf.title'));
	doc.moveDown(0.8);
	const reason = t(`snapshot.reason.${snapshot.reason}` as MessageKey);
	facts(doc, [
		[t('pdf.case'), caseInfo.title],
		...(caseInfo.reference ? [[t('pdf.reference'), caseInfo.reference] as [string, string]] : []),
		[t('pdf.type'), t(`meetingType.${meeting.type}` as MessageKey)],
		[t('pdf.when'), formatDateTime('da', meeting.startsAt)],
		...(meeting.place ? [[t('pdf.where'), meeting.place] as [string, string]] : []),
		[t('pdf.savedAt'), `${formatDateTime('da', snapshot.createdAt)} · ${reason}`],
		[t('pdf.snapshot'), snapshot.id],
		['SHA-256', snapshot.sha256]
	]);
	if (migrated && savedVersion !== null) para(doc, t('pdf.schema', { version: savedVersion }));
	heading(doc, t('pdf.participants'), 2);
	if (input.participants.length === 0) para(doc, t('pdf.noParticipants'));
	for (const p of input.participants)
		bullet(
			doc,
			`${p.name} – ${t(`role.${p.role}` as MessageKey)}${p.title ? ` (${p.title})` : ''}`,
			0,
			'•'
		);
	heading(doc, t('pdf.agenda'), 2);
	if (input.agenda.length === 0) para(doc, t('pdf.noAgenda'));
	input.agenda.forEach((item, i) =>
		bullet(
			doc,
			`${item.title}${item.durationMinutes ? ` (${t('pdf.minutesSuffix', { minutes: item.durationMinutes })})` : ''}`,
			0,
			`${i + 1}.`
		)
	);
}

function minutesSection(doc: Doc, blocks: MinutesBlock[]) {
	heading(doc, t('pdf.minutes'), 2);
	if (blocks.length === 0) para(doc, t('minutes.none'));
	for (const block of blocks) {
		switch (block.type) {
			case 'heading':
				heading(doc, block.text, block.level <= 2 ? 3 : 4);
				break;
			case 'paragraph':
				para(doc, block.text);
				break;
			case 'quote':
				para(doc, block.text, 18);
				break;
			case 'item':
				bullet(doc, block.text, block.depth, block.marker);
				break;
			case 'rule':
				rule(doc);
				break;
			case 'decision':
				labelled(doc, t('pdf.decision'), block.text, []);
				break;
			case 'agreement': {
				const details = [
					block.who ? `${t('pdf.who')}: ${block.who}` : '',
					block.due ? `${t('pdf.due')}: ${dueDate(block.due)}` : ''
				].filter(Boolean);
				labelled(doc, t('pdf.agreement'), block.text, details);
				break;
			}
		}
	}
}

function dueDate(due: string): string {
	return /^\d{4}-\d{2}-\d{2}$/.test(due) ? formatDate('da', `${due}T12:00:00Z`) : due;
}

function trendsSection(doc: Doc, points: TrendPoint[]) {
	doc.addPage({ size: 'A4', layout: 'portrait', margins: MARGIN });
	heading(doc, t('pdf.trends'), 1);
	picture(doc, safetyChart(points, t, 'da'), t('review.trends.safetyTitle'));
	table(doc, safetyTable(points, t, 'da'));
	doc.moveDown(1);
	picture(doc, goalsChart(points, t, 'da'), t('review.trends.goalsTitle'));
	table(doc, goalsTable(points, t, 'da'));
}

// ---------------------------------------------------------------- building blocks

function contentWidth(doc: Doc): number {
	return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function ensureSpace(doc: Doc, height: number) {
	if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function heading(doc: Doc, text: string, level: 1 | 2 | 3 | 4) {
	const size = { 1: 18, 2: 15, 3: 12.5, 4: 11.5 }[level];
	doc.moveDown(level <= 2 ? 0.9 : 0.5);
	ensureSpace(doc, size * 3);
	doc
		.font('bold')
		.fontSize(size)
		.fillColor(INK)
		.text(text, doc.page.margins.left, doc.y, {
			width: contentWidth(doc)
		});
	doc.moveDown(0.3);
}

function para(doc: Doc, text: string, indent = 0) {
	doc
		.font('body')
		.fontSize(10.5)
		.fillColor(INK)
		.text(text, doc.page.margins.left + indent, doc.y, {
			width: contentWidth(doc) - indent,
			lineGap: 2
		});
	doc.moveDown(0.4);
}

function bullet(doc: Doc, text: string, depth: number, marker: string) {
	const x = doc.page.margins.left + 6 + depth * 18;
	ensureSpace(doc, 16);
	const y = doc.y;
	doc
		.font('body')
		.fontSize(10.5)
		.fillColor(INK)
		.text(marker, x, y, { width: 22, lineBreak: false });
	doc.text(text, x + 22, y, {
		width: contentWidth(doc) - (x - doc.page.margins.left) - 22,
		lineGap: 2
	});
	doc.moveDown(0.2);
}

/** A decision or an agreement: a bold label and a bar in the margin, readable without colour. */
function labelled(doc: Doc, label: string, text: string, details: string[]) {
	ensureSpace(doc, 40);
	const x = doc.page.margins.left;
	const top = doc.y;
	doc
		.font('bold')
		.fontSize(10.5)
		.fillColor(INK)
		.text(`${label}: `, x + 12, top, {
			width: contentWidth(doc) - 12,
			continued: true,
			lineGap: 2
		});
	doc.font('body').text(text || '–', { lineGap: 2 });
	if (details.length > 0)
		doc.fontSize(9.5).text(details.join(' · '), x + 12, doc.y, { width: contentWidth(doc) - 12 });
	const bottom = doc.y;
	doc
		.save()
		.lineWidth(3)
		.strokeColor(INK)
		.moveTo(x + 3, top)
		.lineTo(x + 3, bottom)
		.stroke()
		.restore();
	doc.moveDown(0.5);
}

function rule(doc: Doc) {
	const y = doc.y + 4;
	doc
		.save()
		.lineWidth(0.75)
		.strokeColor(RULE)
		.moveTo(doc.page.margins.left, y)
		.lineTo(doc.page.width - doc.page.margins.right, y)
		.stroke()
		.restore();
	doc.moveDown(0.8);
}

function facts(doc: Doc, rows: [string, string][]) {
	const x = doc.page.margins.left;
	const labelWidth = 110;
	for (const [label, value] of rows) {
		const y = doc.y;
		const mono = label === 'SHA-256' || label === t('pdf.snapshot');
		doc.font('bold').fontSize(10).fillColor(INK).text(label, x, y, { width: labelWidth });
		const afterLabel = doc.y;
		doc
			.font(mono ? 'mono' : 'body')
			.fontSize(mono ? 8.5 : 10)
			.text(value, x + labelWidth, y, { width: contentWidth(doc) - labelWidth });
		doc.y = Math.max(doc.y, afterLabel) + 3;
	}
}

/** A display list drawn as vector graphics, scaled to fit the rest of the page. */
function picture(doc: Doc, list: DisplayList, title: string) {
	const width = contentWidth(doc);
	const room = doc.page.height - doc.page.margins.bottom - doc.y - 8;
	let scale = Math.min(width / list.width, 1.2);
	if (list.height * scale > room) {
		if (room > 200) scale = room / list.height;
		else {
			doc.addPage();
			scale = Math.min(
				width / list.width,
				(doc.page.height - doc.page.margins.bottom - doc.y - 8) / list.height
			);
		}
	}
	const w = list.width * scale;
	const h = list.height * scale;
	const svg = renderSvg(list, { width: w, height: h, title });
	const x = doc.page.margins.left;
	const y = doc.y;
	SVGtoPDF(doc as unknown as typeof PDFDocument, svg, x, y, {
		width: w,
		height: h,
		assumePt: true,
		fontCallback: (_family, bold) => (bold ? 'bold' : 'body'),
		warningCallback: () => undefined
	});
	doc.x = x;
	doc.y = y + h + 10;
}

function table(doc: Doc, data: ChartTable) {
	const x0 = doc.page.margins.left;
	const width = contentWidth(doc);
	const first = width * 0.34;
	const rest = (width - first) / Math.max(1, data.head.length - 1);
	const widths = data.head.map((_, i) => (i === 0 ? first : rest));
	doc.font('bold').fontSize(10).fillColor(INK).text(data.caption, x0, doc.y, { width });
	doc.moveDown(0.2);
	const row = (cells: string[], bold: boolean) => {
		ensureSpace(doc, 30);
		const y = doc.y;
		let x = x0;
		let bottom = y;
		cells.forEach((cell, i) => {
			doc
				.font(bold ? 'bold' : 'body')
				.fontSize(9)
				.text(cell, x + 2, y + 3, { width: widths[i]! - 4 });
			bottom = Math.max(bottom, doc.y);
			x += widths[i]!;
		});
		doc
			.save()
			.lineWidth(0.5)
			.strokeColor(RULE)
			.moveTo(x0, bottom + 2)
			.lineTo(x0 + width, bottom + 2)
			.stroke()
			.restore();
		doc.x = x0;
		doc.y = bottom + 4;
	};
	row(data.head, true);
	for (const cells of data.rows) row(cells, false);
}

/** Header and footer on every page: case and meeting, SHA-256, "Side n af m". */
function pageFurniture(doc: Doc, input: PdfInput, now: Date) {
	const range = doc.bufferedPageRange();
	const pages = range.count;
	const head = `${input.caseInfo.title}${input.caseInfo.reference ? ` · ${input.caseInfo.reference}` : ''} · ${input.meeting.title}`;
	for (let i = 0; i < pages; i++) {
		doc.switchToPage(range.start + i);
		const { width, height, margins } = doc.page;
		const bottom = margins.bottom;
		doc.page.margins.bottom = 0;
		const inner = width - margins.left - margins.right;
		doc.font('body').fontSize(8.5).fillColor(INK);
		doc.text(head, margins.left, 30, { width: inner * 0.72, lineBreak: false, ellipsis: true });
		doc.text(t('pdf.title'), margins.left + inner * 0.72, 30, {
			width: inner * 0.28,
			align: 'right',
			lineBreak: false
		});
		doc
			.save()
			.lineWidth(0.5)
			.strokeColor(RULE)
			.moveTo(margins.left, 44)
			.lineTo(width - margins.right, 44)
			.moveTo(margins.left, height - 50)
			.lineTo(width - margins.right, height - 50)
			.stroke()
			.restore();
		doc
			.font('mono')
			.fontSize(7)
			.text(`SHA-256 ${input.snapshot.sha256}`, margins.left, height - 44, {
				width: inner * 0.75,
				lineBreak: false
			});
		doc
			.font('body')
			.fontSize(8.5)
			.text(t('pdf.page', { page: i + 1, pages }), margins.left + inner * 0.75, height - 44, {
				width: inner * 0.25,
				align: 'right',
				lineBreak: false
			});
		doc
			.fontSize(7)
			.text(
				t('pdf.exported', { date: formatDateTime('da', now), name: input.exportedBy }),
				margins.left,
				height - 33,
				{
					width: inner,
					lineBreak: false
				}
			);
		doc.page.margins.bottom = bottom;
	}
}
