// `npm test` starts here: it needs Debian's Chromium (browser tests) and poppler's tools (PDF
// checks) on this machine. Missing ones are installed with apt-get when we are root on Debian
// (saying so); otherwise we stop at once with one line naming what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** @param {string} path */
function executable(path) {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** @param {string} command */
function onPath(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** What is missing, as Debian packages with what they are for. */
function missing() {
	const out = [];
	if (!executable(chromium))
		out.push({ pkg: 'chromium', what: `Chromium (${chromium}) for the browser tests` });
	if (!['pdftoppm', 'pdfinfo', 'pdffonts', 'pdftotext'].every(onPath))
		out.push({
			pkg: 'poppler-utils',
			what: 'poppler-utils (pdftoppm, pdfinfo, pdffonts, pdftotext) for the PDF checks'
		});
	return out;
}

let lacking = missing();
if (lacking.length === 0) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const debian = existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
if (root && debian && !process.env.CHROMIUM_PATH?.length) {
	const packages = lacking.map((m) => m.pkg);
	if (packages.includes('chromium')) packages.push('fonts-dejavu-core');
	console.log(`preflight: installing ${packages.join(', ')} with apt-get (needed by npm test) …`);
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	lacking = missing();
	if (lacking.length === 0) process.exit(0);
}
console.error(
	`npm test needs ${lacking.map((m) => m.what).join(' and ')}: install ${lacking.map((m) => m.pkg).join(' ')} (Debian: sudo apt-get install ${lacking.map((m) => m.pkg).join(' ')}) or set CHROMIUM_PATH.`
);
process.exit(1);
