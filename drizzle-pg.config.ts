import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL schema's migrations (`DATABASE_URL`); SQLite's are in drizzle.config.ts. */
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema-pg.ts',
	out: './drizzle-pg'
});
