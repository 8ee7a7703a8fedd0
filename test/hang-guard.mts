// The one time limit of the tests. It is there to end a hang (a loop, a backtracking
// regular expression, a child that never exits) with a message, never to check speed:
// speed lives in `npm run bench`. It is minutes, so no load on a shared machine reaches
// it; a test that must show an input does not blow up sizes the input so the old,
// quadratic behaviour would run for hours (see test/reliability/hostile-values.test.ts).
//
//   HANG_GUARD_MS   one spawned process, one request to the server, one fuzz case
//   TEST_GUARD_MS   one whole test (it may spawn several processes)
export const HANG_GUARD_MS = Number(process.env.QMSLINT_HANG_GUARD_MS ?? 5 * 60_000);
export const TEST_GUARD_MS = 2 * HANG_GUARD_MS;
