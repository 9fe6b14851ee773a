// The admin console: the "Create run" dialog of GoFastCompany, talking to
// company_service on this page's own origin and to app_service on another one,
// with every call explained beside it. No framework: nothing to fetch or build.

const settings = document.body.dataset;
const appUrl = settings.appUrl;
const ownOrigin = window.location.origin;
const callTimeoutMs = 10000;

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

// The dialog's fields: test id, the body's JSON name (dotted inside runClub),
// and how the value is sent.
const runFields = [
  { id: 'run-title', name: 'title' },
  { id: 'run-club-slug', name: 'runClub.slug' },
  { id: 'run-club-name', name: 'runClub.name' },
  { id: 'run-club-logo', name: 'runClub.logoUrl' },
  { id: 'run-city', name: 'meetUpCity' },
  { id: 'run-city-slug', name: 'citySlug' },
  { id: 'run-address', name: 'meetUpAddress' },
  { id: 'run-start-date', name: 'startDate' },
  { id: 'run-start-hour', name: 'startTimeHour', kind: 'number' },
  { id: 'run-start-minute', name: 'startTimeMinute', kind: 'number' },
  { id: 'run-start-period', name: 'startTimePeriod' },
  { id: 'run-meetup-point', name: 'meetUpPoint' },
  { id: 'run-meetup-address', name: 'meetUpStreetAddress' },
  { id: 'run-lat', name: 'meetUpLat', kind: 'number' },
  { id: 'run-lng', name: 'meetUpLng', kind: 'number' },
  { id: 'run-miles', name: 'totalMiles', kind: 'number' },
  { id: 'run-pace', name: 'pace' },
  { id: 'run-description', name: 'description' },
  { id: 'run-recurring', name: 'isRecurring', kind: 'checkbox' },
  { id: 'run-day-of-week', name: 'dayOfWeek' },
];
// A club's logo may also come as runClub.logo; it is the same input.
const fieldByName = new Map(runFields.map((field) => [field.name, field]));
fieldByName.set('runClub.logo', fieldByName.get('runClub.logoUrl'));

const state = { token: null, staffId: null, runId: null, nextCursor: null, steps: 0 };

// --- small helpers ---------------------------------------------------------

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function shortToken(token) {
  return token.length <= 24 ? token : `${token.slice(0, 12)}…${token.slice(-6)}`;
}

function base64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function tokenClaims(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(
      Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

// The next Saturday, as the date input wants it (local time).
function nextSaturday() {
  const day = new Date();
  day.setDate(day.getDate() + ((6 - day.getDay() + 7) % 7 || 7));
  const pad = (n) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

// --- the walkthrough -------------------------------------------------------

const serviceNames = {
  company: 'company_service (GoFastCompany)',
  app: 'app_service (gofastapp-mvp)',
  emulator: 'the Firebase Auth Emulator',
};

function shownHeaders(headers) {
  const lines = [];
  for (const [name, value] of Object.entries(headers)) {
    lines.push(`${name}: ${name === 'Authorization' ? `Bearer ${shortToken(value.slice(7))}` : value}`);
  }
  return lines.join('\n');
}

function addStep({ title, service, method, url, headers, body }) {
  state.steps += 1;
  const number = state.steps;
  const item = element('li', { 'data-testid': `step-${number}`, 'data-status': 'pending', class: 'step' });
  const summary = element('summary', {},
    element('span', { class: 'step-title', text: `${number}. ${title}` }),
    element('span', { class: 'badge', 'data-role': 'status', text: '…' }));
  const request = element('pre', { class: 'code',
    text: `${method} ${url}\n${shownHeaders(headers)}${body === undefined ? '' : `\n\n${JSON.stringify(body, null, 2)}`}` });
  const answer = element('pre', { class: 'code', 'data-role': 'answer', text: 'waiting for the answer…' });
  const where = element('p', { class: 'where', text: `Sent to ${serviceNames[service]}.` });
  const explained = element('p', { class: 'explained', 'data-role': 'explained' });
  const details = element('details', { open: '' }, summary, where,
    element('h3', { text: 'Request' }), request,
    element('h3', { text: 'Answer' }), answer, explained);
  item.append(details);
  // Not scrolled into view: the person stays at the form they are filling.
  byTestId('step-list').append(item);
  return item;
}

function finishStep(item, { status, requestId, body, explanation }) {
  item.dataset.status = String(status);
  item.querySelector('[data-role="status"]').textContent = status === 0 ? 'no answer' : String(status);
  item.classList.add(status >= 200 && status < 300 ? 'ok' : 'failed');
  const head = status === 0 ? '(no answer the page may read)' : `HTTP ${status}${requestId ? `   X-Request-Id: ${requestId}` : ''}`;
  item.querySelector('[data-role="answer"]').textContent =
    body === undefined ? head : `${head}\n\n${typeof body === 'string' ? body : JSON.stringify(body, null, 2)}`;
  item.querySelector('[data-role="explained"]').textContent = explanation;
}

// A fetch whose failure is told in words: a timeout, an app the browser may
// not read (CORS), or a service that does not answer.
async function call({ title, service, method, url, token, body, explain }) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const item = addStep({ title, service, method, url, headers, body });
  try {
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(callTimeoutMs),
      cache: 'no-store',
    });
    const text = await response.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    const result = { status: response.status, json, requestId: response.headers.get('X-Request-Id') };
    finishStep(item, { ...result, body: json ?? text, explanation: explain(result) });
    return result;
  } catch (error) {
    const why = await whyNoAnswer(service, url, error);
    finishStep(item, { status: 0, explanation: why });
    return { status: 0, json: null, failure: why };
  }
}

async function whyNoAnswer(service, url, error) {
  if (error && error.name === 'TimeoutError') {
    return `${serviceNames[service]} did not answer within ${callTimeoutMs / 1000} seconds.`;
  }
  if (service !== 'app') {
    return `${serviceNames[service]} at ${new URL(url).origin} does not answer: is it running?`;
  }
  // An opaque answer to a no-cors request means something answered there;
  // only the browser's CORS check can then have kept the real answer away.
  try {
    await fetch(`${appUrl}/healthz`, { mode: 'no-cors', cache: 'no-store',
      signal: AbortSignal.timeout(callTimeoutMs) });
    return `The browser refused this call: app_service at ${appUrl} answers, but does not ` +
      `allow this page's origin, ${ownOrigin}. Start app_service with --cors-origin ${ownOrigin}.`;
  } catch {
    return `app_service at ${appUrl} does not answer: is it running, and is ${appUrl} its address?`;
  }
}

// --- sign-in ---------------------------------------------------------------

const signInModes = {
  local: 'Emulator mode: a local sign-in makes an unsigned token of the Firebase Auth ' +
    `Emulator's form for project ${settings.projectId}, right in this page. Both services accept it.`,
  emulator: `Sign up or sign in through the Firebase Auth Emulator at ${settings.emulatorHost}, ` +
    `project ${settings.projectId}.`,
  production: `Production mode: paste a Firebase ID token of project ${settings.projectId} ` +
    '(both services check its signature).',
};

function signInMode() {
  if (settings.authMode === 'production') return 'production';
  return settings.emulatorHost ? 'emulator' : 'local';
}

function localToken(name, email) {
  const now = Math.floor(Date.now() / 1000);
  const uid = `local-${email.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const payload = {
    iss: `https://securetoken.google.com/${settings.projectId}`,
    aud: settings.projectId,
    auth_time: now,
    user_id: uid,
    sub: uid,
    iat: now,
    exp: now + 3600,
    email,
    email_verified: true,
    firebase: { identities: { email: [email] }, sign_in_provider: 'password' },
  };
  if (name) payload.name = name;
  return `${base64Url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64Url(JSON.stringify(payload))}.`;
}

async function emulatorToken(name, email, password) {
  const base = `http://${settings.emulatorHost}/identitytoolkit.googleapis.com/v1/accounts`;
  const explain = ({ status, json }) => (status === 200
    ? 'The emulator checked the password and issued an ID token (unsigned, as the emulator does).'
    : `The emulator said no: ${json?.error?.message ?? status}.`);
  const signIn = await call({
    title: 'Sign in (Firebase Auth Emulator)', service: 'emulator', method: 'POST',
    url: `${base}:signInWithPassword?key=local`, body: { email, password, returnSecureToken: true },
    explain });
  if (signIn.status === 200) return signIn.json.idToken;
  if (!/EMAIL_NOT_FOUND|INVALID_LOGIN_CREDENTIALS/.test(signIn.json?.error?.message ?? '')) {
    throw new Error(signIn.failure ?? `The emulator refused the sign-in: ${signIn.json?.error?.message ?? signIn.status}`);
  }
  const signUp = await call({
    title: 'Sign up (Firebase Auth Emulator)', service: 'emulator', method: 'POST',
    url: `${base}:signUp?key=local`,
    body: { email, password, displayName: name || undefined, returnSecureToken: true }, explain });
  if (signUp.status !== 200) {
    throw new Error(signUp.failure ?? `The emulator refused the sign-up: ${signUp.json?.error?.message ?? signUp.status}`);
  }
  return signUp.json.idToken;
}

async function signIn(event) {
  event.preventDefault();
  const status = byTestId('signin-status');
  const button = byTestId('signin-submit');
  const name = byTestId('signin-name').value.trim();
  const email = byTestId('signin-email').value.trim();
  button.disabled = true;
  try {
    const mode = signInMode();
    let token;
    if (mode === 'production') {
      token = byTestId('signin-token').value.trim();
      if (!token) throw new Error('Paste an ID token first.');
    } else {
      if (!email) throw new Error('An email is needed: the company links staff rows by email.');
      token = mode === 'local' ? localToken(name, email)
        : await emulatorToken(name, email, byTestId('signin-password').value);
    }
    state.token = token;
    const claims = tokenClaims(token) ?? {};
    status.textContent = `Signed in${claims.email ? ` as ${claims.email}` : ''} (uid ` +
      `${claims.sub ?? '?'}). Token ${shortToken(token)}: the same token is valid in both ` +
      'services, since they trust one Firebase project.';
    status.classList.remove('failed');
  } catch (error) {
    status.textContent = error.message;
    status.classList.add('failed');
  } finally {
    button.disabled = false;
  }
}

// --- the dialog ------------------------------------------------------------

function readRunForm() {
  const body = {};
  const club = {};
  for (const field of runFields) {
    const input = byTestId(field.id);
    let value;
    if (field.kind === 'checkbox') value = input.checked;
    else if (input.disabled) continue;
    else value = input.value.trim();
    if (value === '') continue;
    // The app takes a number or a string that parses fully as one: send
    // what cannot be a number as typed, so the app's own words come back.
    if (field.kind === 'number' && Number.isFinite(Number(value))) value = Number(value);
    if (field.name.startsWith('runClub.')) club[field.name.slice('runClub.'.length)] = value;
    else body[field.name] = value;
  }
  if (Object.keys(club).length > 0) body.runClub = club;
  return body;
}

function clearErrors() {
  for (const node of document.querySelectorAll('#run-form .error')) node.textContent = '';
  for (const input of document.querySelectorAll('#run-form [aria-invalid]')) input.removeAttribute('aria-invalid');
}

function showError(message, fieldName) {
  const field = fieldName && fieldByName.get(fieldName);
  if (field) {
    byTestId(`error-${field.id}`).textContent = message;
    const input = byTestId(field.id);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `error-${field.id}`);
    input.focus();
    return;
  }
  byTestId('error-message').textContent = message;
}

function refusal(who, result) {
  if (result.status === 0) return result.failure;
  const error = result.json?.error ?? `HTTP ${result.status}`;
  return `${who} answered ${result.status}${result.json?.code ? ` ${result.json.code}` : ''}: ${error}`;
}

function staffExplanation({ status, json }) {
  if (status === 201) {
    return 'No staff row had your uid or an invitation for your email, so company_service ' +
      'created one in company.db (table company_staff) and answered its new UUID.';
  }
  if (status === 200 && json?.linked) {
    return 'An invitation for your email was waiting in company.db (company_staff): ' +
      'company_service linked it to your uid. That row\'s UUID is your staff id.';
  }
  if (status === 200) {
    return 'company_service found the company_staff row with your uid in company.db and ' +
      'answered it as stored.';
  }
  return 'company_service did not give a staff row; nothing was written.';
}

function runExplanation({ status, json }) {
  if (status === 200) {
    return 'Before this POST the browser sent its own OPTIONS preflight (another origin, ' +
      'a JSON body and an Authorization header); app_service allowed this origin. It then ' +
      'checked your token (same Firebase project), validated the run and wrote one row to ' +
      `app.db (city_runs), with the run club beside it (run_clubs). staffGeneratedId ` +
      `"${json?.run?.staffGeneratedId}" is stored as plain text: no staff table, no foreign ` +
      'key, nobody asked the company whether it exists.';
  }
  if (status === 0) return 'The run was not sent, or its answer could not be read.';
  return 'app_service refused the run and wrote nothing; its words are shown in the dialog.';
}

async function createRun(event) {
  event.preventDefault();
  clearErrors();
  if (!state.token) {
    showError('Sign in first: both services need your ID token.');
    return;
  }
  const button = byTestId('run-submit');
  button.disabled = true;
  button.textContent = 'Creating…';
  try {
    const staff = await call({
      title: 'Find or create your staff row', service: 'company', method: 'POST',
      url: `${ownOrigin}/api/staff/find-or-create`, token: state.token, body: {},
      explain: staffExplanation });
    const staffId = staff.json?.staff?.id;
    if (!staffId) {
      showError(refusal('company_service', staff));
      return;
    }
    state.staffId = staffId;
    byTestId('staff-id').textContent = staffId;

    const run = await call({
      title: 'Create the run', service: 'app', method: 'POST',
      url: `${appUrl}/api/runs/create`, token: state.token,
      body: { staffGeneratedId: staffId, ...readRunForm() }, explain: runExplanation });
    const runId = run.json?.run?.id;
    if (!runId) {
      if (run.json?.code === 'VALIDATION_FAILED') showError(run.json.error, run.json.details?.field);
      else showError(refusal('app_service', run));
      return;
    }
    state.runId = runId;
    byTestId('run-id').textContent = runId;
    byTestId('audit-run').disabled = false;
    await listRuns(true);
  } finally {
    button.disabled = false;
    button.textContent = 'Create run';
  }
}

// --- runs by this staff member ---------------------------------------------

async function listRuns(fromStart) {
  const query = new URLSearchParams({ staffGeneratedId: state.staffId, limit: '5' });
  if (!fromStart && state.nextCursor) query.set('cursor', state.nextCursor);
  const result = await call({
    title: fromStart ? 'Runs by this staff member' : 'More runs by this staff member',
    service: 'app', method: 'GET', url: `${appUrl}/api/runs?${query}`, token: state.token,
    explain: ({ status, json }) => (status === 200
      ? `app_service read app.db (city_runs) through its staffGeneratedId index: ` +
        `${json.runs.length} run(s) on this page${json.nextCursor ? ', and more after it' : ''}. ` +
        'The company was not asked: the id is just a string here.'
      : 'app_service could not list the runs.') });
  const list = byTestId('runs-list');
  if (fromStart) list.replaceChildren();
  if (result.status !== 200) {
    list.append(element('li', { class: 'failed', text: refusal('app_service', result) }));
    return;
  }
  for (const run of result.json.runs) {
    const when = run.startDate ? run.startDate.slice(0, 10) : '';
    list.append(element('li', { 'data-run-id': run.id },
      element('strong', { text: run.title }), ` ${run.citySlug}, ${when} `,
      element('code', { text: run.id })));
  }
  state.nextCursor = result.json.nextCursor;
  byTestId('runs-more').hidden = !state.nextCursor;
}

// --- the audit ---------------------------------------------------------------

function describeStaff(staff) {
  if (!staff) return 'someone';
  return `${staff.name ?? '(no name)'} <${staff.email ?? 'no email'}>, ${staff.role}`;
}

function resolutionSentence(answer) {
  const run = answer.run ?? {};
  const staff = answer.staff;
  switch (answer.resolution) {
    case 'found':
      return `Found: staff ${run.staffGeneratedId} is ${describeStaff(staff)}, and that staff ` +
        'row belongs to the account that created the run.';
    case 'mismatch':
      return `Mismatch: staff ${run.staffGeneratedId} exists (${describeStaff(staff)}) but ` +
        'belongs to another account than the one that created the run: the id was wrong or forged.';
    case 'not_found':
      return `Not found: the company has no staff ${run.staffGeneratedId}. The run keeps the id ` +
        'as plain text, and nothing checked it when the run was created.';
    case 'company_denied':
      return `Company denied: the company refused your token (HTTP ${answer.companyStatus}), ` +
        'so the app cannot say who created the run.';
    case 'company_unavailable':
      return 'Company unavailable: app_service could not get an answer from company_service ' +
        '(no --company-url, refused, timed out or a 5xx). The run itself is fine; only its ' +
        'creator is unknown for now.';
    case 'athlete':
      return `Athlete: an athlete created this run (athleteGeneratedId ${run.athleteGeneratedId}), ` +
        'a real relation inside app.db: no company call was needed.';
    default:
      return `Resolution ${answer.resolution}.`;
  }
}

async function audit(runId) {
  const output = byTestId('audit-resolution');
  output.textContent = '';
  delete output.dataset.resolution;
  if (!state.token) {
    output.textContent = 'Sign in first: the audit needs your ID token.';
    return;
  }
  if (!runId) {
    output.textContent = 'Give a run id.';
    return;
  }
  const result = await call({
    title: 'Who created this run?', service: 'app', method: 'GET',
    url: `${appUrl}/api/runs/${encodeURIComponent(runId)}/creator`, token: state.token,
    explain: ({ status, json }) => (status === 200
      ? 'app_service read the run from app.db (city_runs), then called company_service ' +
        `GET /api/staff/{id} with your token and request id (company.db, company_staff); ` +
        `the company answered ${json.companyStatus ?? 'nothing'}. Resolution: ${json.resolution}.`
      : 'app_service could not audit this run.') });
  if (result.status !== 200) {
    output.textContent = refusal('app_service', result);
    return;
  }
  output.dataset.resolution = result.json.resolution;
  output.textContent = resolutionSentence(result.json);
}

// --- start -------------------------------------------------------------------

function fillSelect(id, values, selected) {
  const select = byTestId(id);
  for (const value of values) {
    const option = element('option', { value: String(value), text: String(value).padStart(2, '0') });
    if (value === selected) option.selected = true;
    select.append(option);
  }
}

function start() {
  for (const node of document.querySelectorAll('.own-origin')) node.textContent = ownOrigin;
  for (const node of document.querySelectorAll('.app-url')) node.textContent = appUrl;
  const mode = signInMode();
  document.getElementById('signin-explained').textContent = signInModes[mode];
  for (const field of document.querySelectorAll('#signin-form [data-mode]')) {
    field.hidden = !field.dataset.mode.split(' ').includes(mode);
  }
  fillSelect('run-start-hour', Array.from({ length: 12 }, (_, i) => i + 1), 7);
  fillSelect('run-start-minute', Array.from({ length: 12 }, (_, i) => i * 5), 30);
  byTestId('run-start-date').value = nextSaturday();

  const recurring = byTestId('run-recurring');
  recurring.addEventListener('change', () => {
    byTestId('run-day-of-week').disabled = !recurring.checked;
  });
  document.getElementById('signin-form').addEventListener('submit', signIn);
  document.getElementById('run-form').addEventListener('submit', createRun);
  byTestId('runs-more').addEventListener('click', () => listRuns(false));
  byTestId('audit-run').addEventListener('click', () => audit(state.runId));
  document.getElementById('audit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    audit(byTestId('audit-run-id').value.trim());
  });
}

start();
