// Bundles server/index.ts (and the src/lib modules it uses) into build/server.js, next to the
// SvelteKit handler that adapter-node wrote. Packages stay external: they load from node_modules.
import { build } from 'esbuild';

await build({
	entryPoints: ['server/index.ts'],
	outfile: 'build/server.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
console.log('built build/server.js');
