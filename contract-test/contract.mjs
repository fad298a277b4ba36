// Contract test: drives the unchanged @rocket.chat/api-client against our server.
// Run: BASE_URL=http://127.0.0.1:3000 ADMIN_USERNAME=admin ADMIN_PASS=secret node --test contract.mjs
// The steps share state and run in order (top-level node:test tests are sequential).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestClient } from '@rocket.chat/api-client';

// The client appends "/api" itself, so a trailing slash would give "//api".
const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const { ADMIN_USERNAME, ADMIN_PASS } = process.env;

// A hanging server should fail a step, not stall the whole run.
const opts = { timeout: 15_000 };

const stamp = Date.now();
const newUser = {
	username: `contract.${stamp}`,
	email: `contract.${stamp}@example.com`,
	name: `Contract User ${stamp}`,
	password: `Contract-Pass-${stamp}!`,
};

const state = { admin: undefined, adminId: undefined, adminCreds: undefined, userId: undefined };

const newClient = () => new RestClient({ baseUrl: BASE_URL });

// The client has no login() method: POST /v1/login, then hand the token to setCredentials(),
// which makes it send X-User-Id / X-Auth-Token on every later request.
async function login(client, user, password) {
	const res = await client.post('/v1/login', { user, password });
	client.setCredentials({ 'X-User-Id': res.data.userId, 'X-Auth-Token': res.data.authToken });
	return res;
}

// On non-2xx the client rejects with the raw fetch Response (not an Error).
// Network failures reject with a TypeError and are re-thrown as-is.
async function httpError(promise) {
	let res;
	try {
		const body = await promise;
		assert.fail(`expected an HTTP error, got 2xx with ${JSON.stringify(body)}`);
	} catch (err) {
		if (!(err instanceof Response)) throw err;
		res = err;
	}
	const text = await res.text();
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		assert.fail(`HTTP ${res.status} body is not JSON: ${text}`);
	}
	return { status: res.status, body };
}

// Later steps depend on earlier ones; say so instead of failing obscurely.
const needs = (value, what) => assert.ok(value, `precondition missing: ${what} (an earlier step failed)`);

test('a. admin logs in via POST /v1/login', opts, async () => {
	assert.ok(ADMIN_USERNAME && ADMIN_PASS, 'set ADMIN_USERNAME and ADMIN_PASS');
	const admin = newClient();
	// fetch's bare "fetch failed" hides why; surface e.g. ECONNREFUSED for the first request.
	const res = await login(admin, ADMIN_USERNAME, ADMIN_PASS).catch((err) => {
		throw err instanceof TypeError && err.cause ? new Error(`${BASE_URL} unreachable: ${err.cause.code ?? err.cause.message}`) : err;
	});
	assert.equal(res.status, 'success');
	assert.equal(res.success, true);
	assert.equal(typeof res.data.userId, 'string');
	assert.equal(typeof res.data.authToken, 'string');
	assert.equal(typeof res.data.me, 'object');
	assert.equal(res.data.me._id, res.data.userId);
	state.admin = admin;
	state.adminId = res.data.userId;
	state.adminCreds = admin.getCredentials();
});

test('b. GET /v1/me returns the admin', opts, async () => {
	needs(state.admin, 'admin login');
	const me = await state.admin.get('/v1/me');
	assert.equal(me._id, state.adminId);
	assert.equal(me.success, true);
});

test('c. POST /v1/users.create creates a user', opts, async () => {
	needs(state.admin, 'admin login');
	const res = await state.admin.post('/v1/users.create', newUser);
	assert.equal(res.success, true);
	assert.equal(typeof res.user._id, 'string');
	assert.equal(res.user.username, newUser.username);
	state.userId = res.user._id;
});

test('d. POST /v1/users.setActiveStatus deactivates the user', opts, async () => {
	needs(state.userId, 'created user');
	const res = await state.admin.post('/v1/users.setActiveStatus', { userId: state.userId, activeStatus: false });
	assert.deepEqual(res, { user: { _id: state.userId, active: false }, success: true });
});

test('e. GET /v1/users.info shows active=false', opts, async () => {
	needs(state.userId, 'created user');
	const res = await state.admin.get('/v1/users.info', { userId: state.userId });
	assert.equal(res.success, true);
	assert.equal(res.user._id, state.userId);
	assert.equal(res.user.active, false);
});

test('f. a deactivated user cannot log in', opts, async () => {
	needs(state.userId, 'created user');
	const { status, body } = await httpError(login(newClient(), newUser.username, newUser.password));
	assert.equal(status, 401);
	assert.equal(body.error, 'error-user-is-not-activated');
});

test('g. setActiveStatus without userId is a 400 invalid-params', opts, async () => {
	needs(state.admin, 'admin login');
	const { status, body } = await httpError(state.admin.post('/v1/users.setActiveStatus', { activeStatus: true }));
	assert.equal(status, 400);
	assert.deepEqual(body, {
		success: false,
		error: "must have required property 'userId'\n[invalid-params]",
		errorType: 'invalid-params',
	});
});

test('h. reactivated user can log in again', opts, async () => {
	needs(state.userId, 'created user');
	const res = await state.admin.post('/v1/users.setActiveStatus', { userId: state.userId, activeStatus: true });
	assert.deepEqual(res, { user: { _id: state.userId, active: true }, success: true });

	const user = newClient();
	const login2 = await login(user, newUser.username, newUser.password);
	assert.equal(login2.data.userId, state.userId);
	// The fresh token must also authenticate the user's own requests.
	const me = await user.get('/v1/me');
	assert.equal(me._id, state.userId);
});

test('i. setActiveStatus with an unknown userId is a 400', opts, async () => {
	needs(state.admin, 'admin login');
	const { status, body } = await httpError(
		state.admin.post('/v1/users.setActiveStatus', { userId: `no-such-user-${stamp}`, activeStatus: true }),
	);
	assert.equal(status, 400);
	assert.deepEqual(body, { success: false, error: 'User not found' });
});

test('j. POST /v1/logout invalidates the admin token', opts, async () => {
	needs(state.admin, 'admin login');
	// Called without params like the typed API (POST: () => ...): no body, but Content-Type: application/json.
	await state.admin.post('/v1/logout');
	// A fresh client with the old credentials proves the server, not the client, forgot the token.
	const stale = new RestClient({ baseUrl: BASE_URL, credentials: state.adminCreds });
	const { status } = await httpError(stale.get('/v1/me'));
	assert.equal(status, 401);
});
