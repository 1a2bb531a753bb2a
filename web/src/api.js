// The API client: every call of the UI to dulyd's /v1 goes through here. Requests carry the
// session's bearer token; answers that are not 2xx become an ApiError carrying the server's
// error code, message and field errors (JSON pointers), so pages can show them at the field.
import { token } from './session.js';

export class ApiError extends Error {
  constructor(status, code, message, fields) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields || [];
  }

  // True when the route is missing on this server (an older dulyd, or a store not wired).
  get unavailable() {
    return (this.status === 404 && this.routeMissing) || this.status === 503;
  }
}

let onUnauthenticated = () => {};

// Called with no arguments whenever the server answers 401 (the token is unknown or revoked).
export function whenUnauthenticated(callback) {
  onUnauthenticated = callback;
}

function query(params) {
  const entries = Object.entries(params || {}).filter(([, v]) => v !== undefined && v !== '');
  if (entries.length === 0) return '';
  return '?' + entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
}

export async function request(method, path, { params, body, secret } = {}) {
  const headers = { Accept: 'application/json' };
  const bearer = secret === undefined ? token() : secret;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path + query(params), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, 'network', String(cause && cause.message || cause), []);
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (response.ok) return parsed;
  const error = parsed && parsed.error || {};
  const failure = new ApiError(response.status, error.code || 'http_' + response.status,
      error.message || `${method} ${path}: HTTP ${response.status}`, error.fields);
  // A 404 that names no resource of ours ("no resource at /v1/cases") means the route is missing.
  failure.routeMissing = response.status === 404 &&
      String(error.message || '').startsWith('no resource at');
  if (response.status === 401) onUnauthenticated();
  throw failure;
}

export const get = (path, params) => request('GET', path, { params });
export const post = (path, body, params) => request('POST', path, { body, params });
export const put = (path, body) => request('PUT', path, { body });

// Every item of a paged list (items + next_after), up to `max` items; the array's `truncated`
// is true when more were left unread.
export async function getAll(path, params = {}, max = 5000) {
  const items = [];
  let after = '';
  do {
    const page = await get(path, { ...params, limit: 1000, after });
    items.push(...page.items);
    after = page.next_after || '';
  } while (after && items.length < max);
  items.truncated = Boolean(after);
  return items;
}

const availability = new Map();

// Whether `path` answers on this server (feature check for the APIs that come later): false
// when it answers 404 for a missing route or 503 (not wired); true for anything else.
export async function available(path) {
  if (!availability.has(path)) {
    availability.set(path, get(path).then(() => true, (e) => !(e instanceof ApiError &&
        e.unavailable)));
  }
  return availability.get(path);
}

const enc = encodeURIComponent;

// The resources, one function per operation the UI uses.
export const api = {
  whoAmI: (secret) => request('GET', '/v1/workflows', { secret }),
  customers: (params) => get('/v1/customers', params),
  customer: (id) => get(`/v1/customers/${enc(id)}`),
  history: (id, params) => get(`/v1/customers/${enc(id)}/history`, params),
  messages: (id, params) => get(`/v1/customers/${enc(id)}/messages`, params),
  invoices: (params) => get('/v1/invoices', params),
  openInvoices: (params) => getAll('/v1/invoices', { status: 'open', ...params }),
  invoice: (id) => get(`/v1/invoices/${enc(id)}`),
  collection: (id) => get(`/v1/invoices/${enc(id)}/collection`),
  payments: (params) => get('/v1/payments', params),
  colleagues: () => getAll('/v1/colleagues'),
  workflows: () => get('/v1/workflows'),
  workflow: (id) => get(`/v1/workflows/${enc(id)}`),
  versions: (id) => get(`/v1/workflows/${enc(id)}/versions`),
  validateWorkflow: (document) => post('/v1/workflows/validate', document),
  saveWorkflow: (id, document) => put(`/v1/workflows/${enc(id)}`, document),
  createWorkflow: (document) => post('/v1/workflows', document),
  simulate: (id, body) => post(`/v1/workflows/${enc(id)}/simulate`, body),
  segments: () => get('/v1/segments'),
  tasks: (params) => get('/v1/tasks', params),
  task: (id) => get(`/v1/tasks/${enc(id)}`),
  claimTask: (id, colleague) => post(`/v1/tasks/${enc(id)}/claim`,
      colleague ? { colleague } : {}),
  completeTask: (id, body) => post(`/v1/tasks/${enc(id)}/complete`, body),
  templates: () => get('/v1/templates'),
  template: (id, language) => get(`/v1/templates/${enc(id)}/${enc(language)}`),
  reportsDashboard: () => get('/v1/reports/dashboard'),
};
