// A customer's history (the hash-chained events), newest first, loaded a page at a time.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, dateTime } from '../i18n.js';
import { api } from '../api.js';
import { Loading, ErrorBox } from './status.js';

function summary(payload) {
  if (!payload || typeof payload !== 'object') return '';
  return Object.entries(payload)
      .filter(([, v]) => v !== '' && v !== null && typeof v !== 'object')
      .slice(0, 6).map(([k, v]) => `${k}: ${v}`).join(' · ');
}

// All events of the customer (pages of 1000, oldest first on the server), or an error.
export async function loadHistory(customer) {
  const events = [];
  let after = '';
  do {
    const page = await api.history(customer, { limit: 1000, after });
    events.push(...page.items);
    after = page.next_after || '';
  } while (after && events.length < 20000);
  return events;
}

export function HistoryList({ customer, limit = 50, events: given }) {
  const [state, setState] = useState({ events: given || null, error: null });
  const [shown, setShown] = useState(limit);
  useEffect(() => {
    if (given) return;
    loadHistory(customer).then((events) => setState({ events, error: null }),
        (error) => setState({ events: null, error }));
  }, [customer]);
  if (state.error) return html`<${ErrorBox} error=${state.error} />`;
  if (!state.events) return html`<${Loading} />`;
  const newest = [...state.events].reverse();
  if (newest.length === 0) return html`<p class="muted">${t('history.none')}</p>`;
  return html`<ol class="history" aria-label=${t('history.title')}>
      ${newest.slice(0, shown).map((e) => html`<li key=${e.seq} data-type=${e.type}>
        <div><strong><code>${e.type}</code></strong>
          ${e.invoice && html` · <code>${e.invoice}</code>`}</div>
        <div class="muted">${dateTime(e.at)} · ${e.actor}</div>
        ${summary(e.payload) && html`<div class="payload">${summary(e.payload)}</div>`}
      </li>`)}
    </ol>
    ${newest.length > shown && html`<button type="button" class="secondary"
        onClick=${() => setShown(shown + limit)}>${t('history.more', { count: newest.length - shown })}</button>`}`;
}
