/** The rows most often read by their id, one query each (both dialects' builders). */
import { eq } from 'drizzle-orm';
import { first, type Db } from './client';
import { cases, meetings } from './tables';
import { type Case, type Meeting } from './schema';

export function meetingById(db: Db, id: string): Promise<Meeting | undefined> {
	return db.select().from(meetings).where(eq(meetings.id, id)).limit(1).then(first);
}

export function caseById(db: Db, id: string): Promise<Case | undefined> {
	return db.select().from(cases).where(eq(cases.id, id)).limit(1).then(first);
}
