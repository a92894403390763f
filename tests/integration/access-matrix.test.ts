/**
 * The access matrix (issue 12, acceptance 1): every page, form action, API route and the sync
 * upgrade, for every role, with the exact status. The routes come from `src/routes` on disk, so a
 * route without a row fails the first test. Two families live on the server (the demo case and a
 * second case from tests/helpers/second-case.ts), so "member of another case" is real.
 *
 * Requests that change something are aimed so that an allowed role is refused on the input (an
 * empty form, a meeting that has ended, a case that is still open): the guard is what is tested,
 * and the data stays as the fixtures made it. Logout-like rows use a fresh session of the role.
 *
 * `MATRIX_PRINT=1` prints the statuses actually seen, in this file's notation, to review a change.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, removeServerDir, ROOT, startServer, type TestServer } from '../helpers/server';
import { eq } from 'drizzle-orm';
import * as tables from '../../src/lib/server/db/tables';
import { upgradeStatus, withAppDb } from '../helpers/yclients';
import { OTHER_CASE, seedSecondCase } from '../helpers/second-case';
import { routesOnDisk } from '../helpers/routes-on-disk';

const ROLES = [
	'anonymous',
	'admin',
	'facilitator',
	'professional',
	'parent',
	'fosterNoConsent',
	'otherCase',
	'guest',
	'guestReadOnly',
	'guestExpired',
	'guestRevoked',
	// Last: the consent it needs is given just before it runs.
	'fosterConsent'
] as const;
type Role = (typeof ROLES)[number];

const LOGINS: Partial<Record<Role, string>> = {
	admin: 'admin@demo.example',
	facilitator: 'anne@demo.example',
	professional: 'jonas@demo.example',
	parent: 'line@demo.example',
	fosterNoConsent: 'holm@demo.example',
	fosterConsent: 'holm@demo.example',
	otherCase: 'ida@other.example'
};
const GUESTS = ['guest', 'guestReadOnly', 'guestExpired', 'guestRevoked'] as const;
type Guest = (typeof GUESTS)[number];
const isGuest = (role: Role): role is Guest => (GUESTS as readonly string[]).includes(role);

/** Expected statuses: `'*'` for every role not named. */
type Expect = { '*': number } & Partial<Record<Role, number>>;

interface Fixture {
	case: string;
	planned: string;
	ended: string;
	snapshot: string;
	otherSnapshot: string;
	image: string;
	revokedInvite: string;
}

interface Row {
	/** The route key as routesOnDisk() spells it, or `SYNC /sync/[boardId]`. */
	route: string;
	/** Concrete path (with query) for this row. */
	path: (f: Fixture) => string;
	json?: unknown;
	form?: Record<string, string>;
	/** Send with a fresh session of the role (the request ends it). */
	fresh?: boolean;
	expect: Expect;
}

const CASE = 'demo-case-sara-mikkel';
const PLANNED = 'demo-meeting-netvaerk';
const ENDED = 'demo-meeting-opstart';
const PLANNED_BOARD = 'demo-board-netvaerk';
const ENDED_BOARD = 'demo-board-opstart';

// Statuses: 200 ok · 201 created · 303 redirect (to the login page for anonymous and guests on
// app pages) · 400 refused input after the guard let the role through · 401 no credential ·
// 403 a member without the right · 404 not there for this role (no existence leak) · 409 state.
const ROWS: Row[] = [
	// ── pages ──────────────────────────────────────────────────────────────────────────────────
	{ route: 'GET /', path: () => '/', expect: { '*': 303 } },
	{
		route: 'GET /login',
		path: () => '/login',
		expect: {
			'*': 303,
			anonymous: 200,
			guest: 200,
			guestReadOnly: 200,
			guestExpired: 200,
			guestRevoked: 200
		}
	},
	{ route: 'GET /healthz', path: () => '/healthz', expect: { '*': 200 } },
	{
		route: 'GET /admin',
		path: () => '/admin',
		expect: {
			'*': 404,
			anonymous: 303,
			admin: 200,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'GET /admin/audit',
		path: () => '/admin/audit',
		expect: {
			'*': 404,
			anonymous: 303,
			admin: 200,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'GET /admin/cases',
		path: () => '/admin/cases',
		expect: {
			'*': 404,
			anonymous: 303,
			admin: 200,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'GET /admin/retention',
		path: () => '/admin/retention',
		expect: {
			'*': 404,
			anonymous: 303,
			admin: 200,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'GET /cases',
		path: () => '/cases',
		expect: {
			'*': 200,
			anonymous: 303,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'GET /cases/[caseId]',
		path: (f) => `/cases/${f.case}`,
		expect: {
			'*': 303,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 200,
			otherCase: 404,
			fosterConsent: 200
		}
	},
	{
		route: 'GET /cases/[caseId]/compare',
		path: (f) => `/cases/${f.case}/compare?a=${f.snapshot}&b=${f.otherSnapshot}`,
		expect: {
			'*': 303,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	{
		route: 'GET /cases/[caseId]/meetings/new',
		path: (f) => `/cases/${f.case}/meetings/new`,
		expect: {
			'*': 303,
			admin: 404,
			facilitator: 200,
			professional: 403,
			parent: 403,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'GET /cases/[caseId]/members',
		path: (f) => `/cases/${f.case}/members`,
		expect: {
			'*': 404,
			anonymous: 303,
			facilitator: 200,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'GET /meetings/[meetingId]',
		path: (f) => `/meetings/${f.planned}`,
		expect: {
			'*': 303,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 200,
			otherCase: 404,
			fosterConsent: 200
		}
	},
	{
		route: 'GET /meetings/[meetingId]/edit',
		path: (f) => `/meetings/${f.planned}/edit`,
		expect: {
			'*': 303,
			admin: 404,
			facilitator: 200,
			professional: 403,
			parent: 403,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'GET /meetings/[meetingId]/board',
		path: (f) => `/meetings/${f.planned}/board`,
		expect: {
			'*': 200,
			anonymous: 303,
			admin: 404,
			otherCase: 404,
			guestExpired: 404,
			guestRevoked: 404
		}
	},
	{
		route: 'GET /meetings/[meetingId]/board',
		path: (f) => `/meetings/${f.ended}/board`,
		expect: { '*': 404, anonymous: 303, facilitator: 200, professional: 200, parent: 200 }
	},
	{ route: 'GET /screen', path: () => '/screen', expect: { '*': 200 } },
	{ route: 'GET /screen/[token]', path: () => '/screen/not-a-screen-token', expect: { '*': 404 } },
	{
		route: 'GET /snapshots/[snapshotId]',
		path: (f) => `/snapshots/${f.snapshot}`,
		expect: {
			'*': 303,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	// ── form actions ───────────────────────────────────────────────────────────────────────────
	{ route: 'POST /login', path: () => '/login', form: {}, expect: { '*': 400 } },
	{ route: 'POST /logout', path: () => '/logout', form: {}, fresh: true, expect: { '*': 303 } },
	{
		route: 'POST /language',
		path: () => '/language',
		form: { locale: 'da' },
		expect: { '*': 303 }
	},
	{
		route: 'POST /admin?/create',
		path: () => '/admin?/create',
		form: {},
		expect: {
			'*': 404,
			anonymous: 303,
			admin: 400,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'POST /admin?/disable',
		path: () => '/admin?/disable',
		form: { userId: 'demo-admin' },
		expect: {
			'*': 404,
			anonymous: 303,
			admin: 400,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'POST /admin?/enable',
		path: () => '/admin?/enable',
		form: { userId: 'demo-admin' },
		expect: {
			'*': 404,
			anonymous: 303,
			admin: 200,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'POST /admin?/password',
		path: () => '/admin?/password',
		form: { userId: 'demo-admin', password: '' },
		expect: {
			'*': 404,
			anonymous: 303,
			admin: 400,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'POST /admin/cases',
		path: () => '/admin/cases',
		form: {},
		expect: {
			'*': 404,
			anonymous: 303,
			admin: 400,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'POST /admin/retention?/erase',
		path: () => '/admin/retention?/erase',
		form: { caseId: OTHER_CASE.id, confirm: 'TEST-0000' },
		expect: {
			'*': 404,
			anonymous: 303,
			admin: 400,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'POST /cases/[caseId]?/close',
		path: () => `/cases/${OTHER_CASE.id}?/close`,
		form: {},
		expect: {
			'*': 404,
			anonymous: 303,
			otherCase: 200,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'POST /cases/[caseId]?/reopen',
		path: (f) => `/cases/${f.case}?/reopen`,
		form: {},
		expect: {
			'*': 303,
			admin: 404,
			facilitator: 200,
			professional: 403,
			parent: 403,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'POST /cases/[caseId]/meetings/new',
		path: (f) => `/cases/${f.case}/meetings/new`,
		form: {},
		expect: {
			'*': 303,
			admin: 404,
			facilitator: 400,
			professional: 403,
			parent: 403,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'POST /cases/[caseId]/members?/add',
		path: (f) => `/cases/${f.case}/members?/add`,
		form: {},
		expect: {
			'*': 404,
			anonymous: 303,
			facilitator: 400,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	{
		route: 'POST /cases/[caseId]/members?/remove',
		path: (f) => `/cases/${f.case}/members?/remove`,
		form: {},
		expect: {
			'*': 404,
			anonymous: 303,
			facilitator: 400,
			guest: 303,
			guestReadOnly: 303,
			guestExpired: 303,
			guestRevoked: 303
		}
	},
	// The meeting page's actions, on the ended meeting (so that none of them changes it).
	...(
		[
			[
				'choose',
				{
					'*': 303,
					admin: 404,
					facilitator: 403,
					professional: 403,
					parent: 400,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			],
			[
				'end',
				{
					'*': 303,
					admin: 404,
					facilitator: 400,
					professional: 403,
					parent: 403,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			],
			[
				'inviteChosen',
				{
					'*': 303,
					admin: 404,
					facilitator: 400,
					professional: 403,
					parent: 403,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			],
			[
				'needed',
				{
					'*': 303,
					admin: 404,
					facilitator: 400,
					professional: 403,
					parent: 403,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			],
			[
				'respond',
				{
					'*': 303,
					admin: 404,
					facilitator: 403,
					professional: 403,
					parent: 400,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			],
			[
				'revokeGuest',
				{
					'*': 303,
					admin: 404,
					facilitator: 404,
					professional: 403,
					parent: 403,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			],
			[
				'revokeScreen',
				{
					'*': 303,
					admin: 404,
					facilitator: 404,
					professional: 403,
					parent: 403,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			],
			[
				'screen',
				{
					'*': 303,
					admin: 404,
					facilitator: 400,
					professional: 403,
					parent: 403,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			],
			[
				'sendReminders',
				{
					'*': 303,
					admin: 404,
					facilitator: 400,
					professional: 403,
					parent: 403,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			],
			[
				'snapshot',
				{
					'*': 303,
					admin: 404,
					facilitator: 400,
					professional: 403,
					parent: 403,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			],
			[
				'start',
				{
					'*': 303,
					admin: 404,
					facilitator: 400,
					professional: 403,
					parent: 403,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			],
			[
				'unneeded',
				{
					'*': 303,
					admin: 404,
					facilitator: 404,
					professional: 403,
					parent: 403,
					fosterNoConsent: 404,
					otherCase: 404,
					fosterConsent: 404
				}
			]
		] as [string, Expect][]
	).map(([action, expect]): Row => ({
		route: `POST /meetings/[meetingId]?/${action}`,
		path: (f) => `/meetings/${f.ended}?/${action}`,
		form: {},
		expect
	})),
	{
		route: 'POST /meetings/[meetingId]/edit',
		path: (f) => `/meetings/${f.ended}/edit`,
		form: {},
		expect: {
			'*': 303,
			admin: 404,
			facilitator: 400,
			professional: 403,
			parent: 403,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	// ── API ────────────────────────────────────────────────────────────────────────────────────
	{ route: 'POST /api/session', path: () => '/api/session', json: {}, expect: { '*': 400 } },
	{
		route: 'DELETE /api/session',
		path: () => '/api/session',
		fresh: true,
		expect: {
			'*': 204,
			anonymous: 401,
			guest: 401,
			guestReadOnly: 401,
			guestExpired: 401,
			guestRevoked: 401
		}
	},
	{
		route: 'GET /api/cases',
		path: () => '/api/cases',
		expect: {
			'*': 200,
			anonymous: 401,
			guest: 401,
			guestReadOnly: 401,
			guestExpired: 401,
			guestRevoked: 401
		}
	},
	{
		route: 'GET /api/cases/[caseId]',
		path: (f) => `/api/cases/${f.case}`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 200,
			otherCase: 404,
			fosterConsent: 200
		}
	},
	{
		route: 'DELETE /api/cases/[caseId]',
		path: (f) => `/api/cases/${f.case}`,
		json: { confirm: 'DEMO-2025-0142' },
		expect: {
			'*': 401,
			admin: 409,
			facilitator: 403,
			professional: 403,
			parent: 403,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'GET /api/cases/[caseId]/consent',
		path: (f) => `/api/cases/${f.case}/consent`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 200,
			otherCase: 404,
			fosterConsent: 200
		}
	},
	{
		route: 'PUT /api/cases/[caseId]/consent',
		path: (f) => `/api/cases/${f.case}/consent`,
		json: {},
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 403,
			professional: 403,
			parent: 400,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'GET /api/cases/[caseId]/export',
		path: (f) => `/api/cases/${f.case}/export`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 403,
			parent: 403,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'POST /api/cases/[caseId]/meetings',
		path: (f) => `/api/cases/${f.case}/meetings`,
		json: {},
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 400,
			professional: 403,
			parent: 403,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'GET /api/cases/[caseId]/trends',
		path: (f) => `/api/cases/${f.case}/trends`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 200,
			otherCase: 404,
			fosterConsent: 200
		}
	},
	{
		route: 'POST /api/images',
		path: (f) => `/api/images?meetingId=${f.planned}`,
		json: undefined,
		expect: {
			'*': 400,
			anonymous: 401,
			admin: 404,
			otherCase: 404,
			guestReadOnly: 403,
			guestExpired: 401,
			guestRevoked: 401
		}
	},
	{
		route: 'GET /api/images/[sha256]',
		path: (f) => `/api/images/${f.image}`,
		expect: {
			'*': 200,
			anonymous: 401,
			admin: 404,
			otherCase: 404,
			guestExpired: 401,
			guestRevoked: 401
		}
	},
	{
		route: 'DELETE /api/invites/[inviteId]',
		path: (f) => `/api/invites/${f.revokedInvite}`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 204,
			professional: 403,
			parent: 403,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'GET /api/meetings/[meetingId]',
		path: (f) => `/api/meetings/${f.planned}`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 200,
			otherCase: 404,
			fosterConsent: 200
		}
	},
	{
		route: 'PUT /api/meetings/[meetingId]',
		path: (f) => `/api/meetings/${f.planned}`,
		json: {},
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 400,
			professional: 403,
			parent: 403,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'GET /api/meetings/[meetingId]/calendar.ics',
		path: (f) => `/api/meetings/${f.planned}/calendar.ics`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 200,
			otherCase: 404,
			fosterConsent: 200
		}
	},
	{
		route: 'GET /api/meetings/[meetingId]/choice',
		path: (f) => `/api/meetings/${f.planned}/choice`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 200,
			otherCase: 404,
			fosterConsent: 200
		}
	},
	{
		route: 'PUT /api/meetings/[meetingId]/choice',
		path: (f) => `/api/meetings/${f.planned}/choice`,
		json: {},
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 403,
			professional: 403,
			parent: 400,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'POST /api/meetings/[meetingId]/end',
		path: (f) => `/api/meetings/${f.ended}/end`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 400,
			professional: 403,
			parent: 403,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	{
		route: 'POST /api/meetings/[meetingId]/invites',
		path: (f) => `/api/meetings/${f.planned}/invites`,
		json: {},
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 400,
			professional: 403,
			parent: 403,
			fosterNoConsent: 403,
			otherCase: 404,
			fosterConsent: 403
		}
	},
	{
		route: 'GET /api/meetings/[meetingId]/responses',
		path: (f) => `/api/meetings/${f.ended}/responses`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	{
		route: 'POST /api/meetings/[meetingId]/responses',
		path: (f) => `/api/meetings/${f.ended}/responses`,
		json: {},
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 403,
			professional: 403,
			parent: 400,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	{
		route: 'POST /api/meetings/[meetingId]/snapshots',
		path: (f) => `/api/meetings/${f.ended}/snapshots`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 400,
			professional: 403,
			parent: 403,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	{
		route: 'POST /api/meetings/[meetingId]/start',
		path: (f) => `/api/meetings/${f.ended}/start`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 400,
			professional: 403,
			parent: 403,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	{
		route: 'POST /api/offline-copies',
		path: () => '/api/offline-copies',
		json: {},
		expect: {
			'*': 400,
			anonymous: 401,
			guest: 401,
			guestReadOnly: 401,
			guestExpired: 401,
			guestRevoked: 401
		}
	},
	{
		route: 'GET /api/snapshots/[snapshotId]',
		path: (f) => `/api/snapshots/${f.snapshot}`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	{
		route: 'GET /api/snapshots/[snapshotId]/diff/[otherId]',
		path: (f) => `/api/snapshots/${f.snapshot}/diff/${f.otherSnapshot}`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	{
		route: 'GET /api/snapshots/[snapshotId]/pdf',
		path: (f) => `/api/snapshots/${f.snapshot}/pdf`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	{
		route: 'GET /api/snapshots/[snapshotId]/state',
		path: (f) => `/api/snapshots/${f.snapshot}/state`,
		expect: {
			'*': 401,
			admin: 404,
			facilitator: 200,
			professional: 200,
			parent: 200,
			fosterNoConsent: 404,
			otherCase: 404,
			fosterConsent: 404
		}
	},
	// ── the sync upgrade ───────────────────────────────────────────────────────────────────────
	{
		route: 'SYNC /sync/[boardId]',
		path: () => PLANNED_BOARD,
		expect: {
			'*': 101,
			anonymous: 401,
			admin: 403,
			otherCase: 403,
			guestExpired: 401,
			guestRevoked: 401
		}
	},
	{
		route: 'SYNC /sync/[boardId]',
		path: () => `${PLANNED_BOARD}~goals`,
		expect: {
			'*': 101,
			anonymous: 401,
			admin: 403,
			fosterNoConsent: 403,
			otherCase: 403,
			guestExpired: 401,
			guestRevoked: 401
		}
	},
	{
		route: 'SYNC /sync/[boardId]',
		path: () => ENDED_BOARD,
		expect: {
			'*': 403,
			anonymous: 401,
			facilitator: 101,
			professional: 101,
			parent: 101,
			guestExpired: 401,
			guestRevoked: 401
		}
	},
	{
		route: 'SYNC /sync/[boardId]',
		path: () => OTHER_CASE.boardId,
		expect: { '*': 403, anonymous: 401, otherCase: 101, guestExpired: 401, guestRevoked: 401 }
	}
];

let server: TestServer;
let fixture: Fixture;
const cookies: Partial<Record<Role, string>> = {};
const inviteTokens: Partial<Record<Guest, string>> = {};

beforeAll(async () => {
	server = await startServer({ demo: true });
	await seedSecondCase(server.dbPath);
	const anne = api(server.url, await login(server.url, 'anne@demo.example'));
	const invites: Partial<Record<Guest, string>> = {};
	for (const guest of GUESTS) {
		const res = await anne(`/api/meetings/${PLANNED}/invites`, {
			method: 'POST',
			body: JSON.stringify({
				name: `Gæst ${guest}`,
				role: 'mormor',
				readOnly: guest === 'guestReadOnly'
			})
		});
		const { id, token } = (await res.json()) as { id: string; token: string };
		invites[guest] = id;
		inviteTokens[guest] = token;
	}
	expect((await anne(`/api/invites/${invites.guestRevoked}`, { method: 'DELETE' })).ok).toBe(true);
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
	const image = await anne(`/api/images?meetingId=${PLANNED}`, {
		method: 'POST',
		headers: { 'content-type': 'image/png' },
		body: png
	});
	const { sha256 } = (await image.json()) as { sha256: string };
	const second = await anne(`/api/meetings/${PLANNED}/snapshots`, { method: 'POST' });
	const { snapshotId: otherSnapshot } = (await second.json()) as { snapshotId: string };
	const snapshot = await withAppDb(server.dbPath, async (db) => {
		await db
			.update(tables.invites)
			.set({ expiresAt: new Date(Date.now() - 60_000) })
			.where(eq(tables.invites.id, invites.guestExpired!));
		// The second case was closed long ago (the retention row needs a closed case).
		await db
			.update(tables.cases)
			.set({ closedAt: new Date(Date.now() - 6 * 365 * 86_400_000) })
			.where(eq(tables.cases.id, OTHER_CASE.id));
		const [row] = await db
			.select({ id: tables.snapshots.id })
			.from(tables.snapshots)
			.where(eq(tables.snapshots.meetingId, ENDED))
			.limit(1);
		return row!.id;
	});
	fixture = {
		case: CASE,
		planned: PLANNED,
		ended: ENDED,
		snapshot,
		otherSnapshot,
		image: sha256,
		revokedInvite: invites.guestRevoked!
	};
	for (const [role, email] of Object.entries(LOGINS))
		if (role !== 'fosterConsent') cookies[role as Role] = await login(server.url, email);
	cookies.fosterConsent = cookies.fosterNoConsent;
});
afterAll(async () => {
	await server.stop();
	removeServerDir(server);
});

async function giveConsent(): Promise<void> {
	await withAppDb(server.dbPath, async (db) => {
		for (const parent of ['demo-line', 'demo-carsten'])
			await db
				.insert(tables.consents)
				.values({
					caseId: CASE,
					userId: parent,
					shareGoalsWithPlacement: true,
					updatedAt: new Date()
				})
				.onConflictDoUpdate({
					target: [tables.consents.caseId, tables.consents.userId],
					set: { shareGoalsWithPlacement: true, updatedAt: new Date() }
				});
	});
}

async function request(role: Role, row: Row): Promise<number> {
	const path = row.path(fixture);
	const headers: Record<string, string> = { origin: server.url };
	let cookie = cookies[role];
	if (row.fresh && LOGINS[role]) cookie = await login(server.url, LOGINS[role]);
	const token = isGuest(role) ? inviteTokens[role]! : null;
	if (cookie) headers.cookie = cookie;
	if (token) headers.cookie = `invite=${token}`;
	if (row.route.startsWith('SYNC ')) {
		const query = token ? `?invite=${encodeURIComponent(token)}` : '';
		return upgradeStatus(server.url, path, headers, query);
	}
	const [method] = row.route.split(' ');
	// A guest's board link carries the invite in the query, as the link does.
	const url =
		token && path.endsWith('/board') ? `${path}?invite=${encodeURIComponent(token)}` : path;
	let body: BodyInit | undefined;
	if (row.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(row.form).toString();
	} else if (row.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(row.json);
	} else if (method === 'POST' && row.route === 'POST /api/images') {
		headers['content-type'] = 'image/png';
		body = '';
	}
	// Form actions are posted as the enhanced form does, and answer with the action's outcome.
	if (row.form) headers['x-sveltekit-action'] = 'true';
	const res = await fetch(`${server.url}${url}`, { method, headers, body, redirect: 'manual' });
	const text = await res.text();
	if (!row.form || res.status !== 200) return res.status;
	const outcome = JSON.parse(text) as { type: string; status?: number };
	if (outcome.type === 'failure' || outcome.type === 'error') return outcome.status ?? 500;
	return outcome.type === 'redirect' ? 303 : 200;
}

const expected = (row: Row, role: Role) => row.expect[role] ?? row.expect['*'];

describe('the access matrix', () => {
	it('has a row for every route on disk, and no row for a route that is gone', () => {
		const onDisk = [...routesOnDisk(join(ROOT, 'src/routes')), 'SYNC /sync/[boardId]'].sort();
		const inMatrix = [...new Set(ROWS.map((r) => r.route))].sort();
		expect(inMatrix).toEqual(onDisk);
	});

	const seen: Record<string, Partial<Record<Role, number>>> = {};
	for (const role of ROLES)
		it(`answers ${role} exactly as the matrix says`, async () => {
			if (role === 'fosterConsent') await giveConsent();
			const wrong: string[] = [];
			for (const [i, row] of ROWS.entries()) {
				const status = await request(role, row);
				(seen[`${i} ${row.route} ${row.path(fixture)}`] ??= {})[role] = status;
				if (status !== expected(row, role))
					wrong.push(
						`${row.route} (${row.path(fixture)}): ${status}, expected ${expected(row, role)}`
					);
			}
			if (!process.env.MATRIX_PRINT) expect(wrong).toEqual([]);
		});

	it.runIf(!!process.env.MATRIX_PRINT)('prints what it saw', () => {
		for (const [key, statuses] of Object.entries(seen)) {
			const values = Object.values(statuses);
			const common = values
				.sort((a, b) => values.filter((v) => v === b).length - values.filter((v) => v === a).length)
				.at(0);
			const rest = Object.entries(statuses)
				.filter(([, s]) => s !== common)
				.map(([r, s]) => `${r}: ${s}`);
			console.log(`${key}\n\t{ '*': ${common}${rest.length ? ', ' + rest.join(', ') : ''} }`);
		}
	});
});
