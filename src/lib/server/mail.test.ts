import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { mailConfigured, sendReminders } from './mail';

/** A local SMTP sink on the loopback address: what it received, raw. */
const received: { to: string[]; raw: string }[] = [];
const sink = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	onData(stream, session, callback) {
		let raw = '';
		stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
		stream.on('end', () => {
			received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
			callback();
		});
	}
});

beforeAll(async () => {
	await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
	delete process.env.SMTP_URL;
	await new Promise<void>((resolve) => sink.close(() => resolve()));
});

describe('reminders by e-mail', () => {
	it('sends nothing and says so when no SMTP server is configured', async () => {
		delete process.env.SMTP_URL;
		expect(mailConfigured()).toBe(false);
		expect(await sendReminders([{ to: 'line@demo.example', subject: 'x', text: 'y' }])).toBe(0);
		expect(received).toHaveLength(0);
	});

	it('sends each reminder with its calendar file through the configured SMTP server', async () => {
		const { port } = sink.server.address() as AddressInfo;
		process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
		expect(mailConfigured()).toBe(true);
		const sent = await sendReminders([
			{
				to: 'line@demo.example',
				subject: 'Påmindelse: Netværksmøde',
				text: 'Hej Line. Husk mødet.',
				calendar: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'
			}
		]);
		expect(sent).toBe(1);
		expect(received).toHaveLength(1);
		expect(received[0]!.to).toEqual(['line@demo.example']);
		expect(received[0]!.raw).toMatch(/Hej Line. Husk m(ødet|=C3=B8det)/);
		expect(received[0]!.raw).toMatch(/Content-Type: text\/calendar/i);
	});
});
