import { expect, it } from 'vitest';
import { FailureLimiter } from './rate-limit';

it('allows max failures per window, then says how long to wait, then resets', () => {
	const limiter = new FailureLimiter(3, 60_000);
	for (let i = 0; i < 3; i++) {
		expect(limiter.check('k', 1000).allowed).toBe(true);
		limiter.fail('k', 1000);
	}
	expect(limiter.check('k', 1000)).toEqual({ allowed: false, retryAfter: 60 });
	expect(limiter.check('other', 1000).allowed).toBe(true);
	expect(limiter.check('k', 61_000).allowed).toBe(true);
	limiter.fail('k', 61_000);
	limiter.reset('k');
	expect(limiter.check('k', 61_000).allowed).toBe(true);
});
