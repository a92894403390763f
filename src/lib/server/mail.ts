/**
 * Sending reminders by e-mail – only when an SMTP server is configured (`SMTP_URL`, e.g.
 * `smtp://user:pass@mail.example:587`; `SMTP_FROM` is the sender, default
 * `Mødetavle <moedetavle@localhost>`). Without one the product runs as before and the
 * facilitator copies the reminder texts instead.
 */
import nodemailer from 'nodemailer';

export function mailConfigured(): boolean {
	return !!process.env.SMTP_URL;
}

export interface Reminder {
	to: string;
	subject: string;
	text: string;
	/** The participant's calendar file. */
	calendar?: string;
}

/** Sends the reminders; resolves with how many the SMTP server accepted. */
export async function sendReminders(reminders: Reminder[]): Promise<number> {
	const url = process.env.SMTP_URL;
	if (!url) return 0;
	const transport = nodemailer.createTransport(url);
	const from = process.env.SMTP_FROM ?? 'Mødetavle <moedetavle@localhost>';
	let sent = 0;
	try {
		for (const r of reminders) {
			await transport.sendMail({
				from,
				to: r.to,
				subject: r.subject,
				text: r.text,
				...(r.calendar
					? {
							attachments: [
								{ filename: 'moede.ics', content: r.calendar, contentType: 'text/calendar' }
							]
						}
					: {})
			});
			sent++;
		}
	} finally {
		transport.close();
	}
	return sent;
}
