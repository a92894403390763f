/**
 * Every route the app answers, read from `src/routes` on disk: pages (GET), their form actions
 * (POST `?/<name>`), and each method an endpoint exports. Used by the access matrix, so that a
 * new route without a row fails it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** `[caseId]`-style route id of a folder, without `(group)` segments. */
function routeId(routesDir: string, dir: string): string {
	const segments = relative(routesDir, dir)
		.split(/[\\/]/)
		.filter((s) => s && !/^\(.*\)$/.test(s));
	return '/' + segments.join('/');
}

/** The top-level keys of `export const actions = { ... }` (a small bracket-depth scan). */
export function actionNames(code: string): string[] {
	// Comments and string contents hold no keys (and may hold colons and brackets).
	const source = code
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/(^|\s)\/\/.*$/gm, '$1')
		.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
	const start = source.search(/export const actions\b[^=]*=\s*\{/);
	if (start < 0) return [];
	let i = source.indexOf('{', source.indexOf('=', start)) + 1;
	let depth = 1;
	let token = '';
	let expectKey = true;
	const names: string[] = [];
	for (; i < source.length && depth > 0; i++) {
		const c = source[i]!;
		if (c === '{' || c === '(' || c === '[') depth++;
		else if (c === '}' || c === ')' || c === ']') depth--;
		if (depth !== 1) {
			token = '';
			continue;
		}
		if (c === ',') {
			expectKey = true;
			token = '';
		} else if (expectKey && /[A-Za-z0-9_$]/.test(c)) token += c;
		else if (expectKey && /\s/.test(c) && token === 'async') token = '';
		else if (expectKey && (c === ':' || c === '(') && token) {
			names.push(token);
			expectKey = false;
			token = '';
		}
	}
	return names;
}

/** `METHOD /route` keys, e.g. `GET /cases/[caseId]`, `POST /cases/[caseId]?/close`. */
export function routesOnDisk(routesDir: string): string[] {
	const keys: string[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir);
		const id = routeId(routesDir, dir);
		if (entries.includes('+page.svelte') || entries.includes('+page.server.ts'))
			keys.push(`GET ${id}`);
		if (entries.includes('+page.server.ts'))
			for (const name of actionNames(readFileSync(join(dir, '+page.server.ts'), 'utf8')))
				keys.push(name === 'default' ? `POST ${id}` : `POST ${id}?/${name}`);
		if (entries.includes('+server.ts')) {
			const source = readFileSync(join(dir, '+server.ts'), 'utf8');
			for (const method of METHODS)
				if (new RegExp(`export (const|async function|function) ${method}\\b`).test(source))
					keys.push(`${method} ${id}`);
		}
		for (const entry of entries)
			if (statSync(join(dir, entry)).isDirectory()) walk(join(dir, entry));
	};
	walk(routesDir);
	return keys.sort();
}
