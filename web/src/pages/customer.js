// One customer: contact details and preferences, opt-outs (from the customer.opted_out and
// customer.opted_in events), open and settled invoices, messages with their delivery status, and
// every event of the history.
import { html } from '../html.js';
import { t, dateTime, money } from '../i18n.js';
import { api, getAll } from '../api.js';
import { useLoad } from '../hooks.js';
import { Loading, ErrorBox } from '../components/status.js';
import { HistoryList, loadHistory } from '../components/history_list.js';
import { InvoiceTable } from '../components/invoice_table.js';

// Channel -> the latest opt event ("opted_out" or "opted_in") with its time.
export function optOuts(events) {
  const state = new Map();
  for (const e of events) {
    if (e.type !== 'customer.opted_out' && e.type !== 'customer.opted_in') continue;
    const channel = (e.payload && e.payload.channel) || '?';
    state.set(channel, { out: e.type === 'customer.opted_out', at: e.at });
  }
  return [...state.entries()].filter(([, s]) => s.out).map(([channel, s]) => ({ channel, at: s.at }));
}

function Contact({ customer, events }) {
  const outs = optOuts(events);
  const row = (label, value) => value ? html`<dt>${label}</dt><dd>${value}</dd>` : null;
  return html`<dl class="facts">
    ${row(t('customers.id'), html`<code>${customer.id}</code>`)}
    ${row(t('customers.kind'), customer.kind)}
    ${row(t('customers.language'), customer.language)}
    ${row(t('customers.email'), customer.email)}
    ${row(t('customers.phone'), customer.phone)}
    ${row(t('customers.whatsapp'), customer.whatsapp === undefined ? '' :
        (customer.whatsapp ? t('common.yes') : t('common.no')))}
    ${row(t('customers.preferred'), (customer.preferred_channels || []).map((c) =>
        t('channel.' + c)).join(', ') || t('customers.no_preference'))}
    ${row(t('customers.account_manager'), customer.account_manager)}
    ${row(t('customers.credit_limit'), customer.credit_limit && money(customer.credit_limit,
        customer.currency))}
    ${row(t('customers.address'), customer.address && [customer.address.street,
      customer.address.postal_code, customer.address.city, customer.address.country]
        .filter(Boolean).join(', '))}
    <dt>${t('customers.opt_outs')}</dt>
    <dd id="opt-outs">${outs.length ? outs.map((o) => html`<span class="badge warn">
        ${t('channel.' + o.channel)} · ${dateTime(o.at)}</span> `) : t('customers.no_opt_outs')}</dd>
  </dl>
  ${(customer.contacts || []).length > 0 && html`<table>
    <caption>${t('customers.contacts')}</caption>
    <thead><tr><th scope="col">${t('customers.name')}</th><th scope="col">${t('customers.role')}</th>
      <th scope="col">${t('customers.email')}</th><th scope="col">${t('customers.phone')}</th></tr></thead>
    <tbody>${customer.contacts.map((c) => html`<tr><td>${c.name}</td><td>${c.role}</td>
      <td>${c.email}</td><td>${c.phone}</td></tr>`)}</tbody></table>`}`;
}

function Messages({ id }) {
  const messages = useLoad(() => api.messages(id, { limit: 200 }), [id]);
  if (messages.loading) return html`<${Loading} />`;
  if (messages.error) return html`<${ErrorBox} error=${messages.error} />`;
  const items = messages.data.items;
  if (items.length === 0) return html`<p class="muted">${t('messages.none')}</p>`;
  return html`<table class="messages">
    <thead><tr><th scope="col">${t('messages.when')}</th><th scope="col">${t('messages.channel')}</th>
      <th scope="col">${t('messages.template')}</th><th scope="col">${t('messages.invoices')}</th>
      <th scope="col">${t('messages.state')}</th><th scope="col">${t('messages.delivery')}</th></tr></thead>
    <tbody>${items.map((m) => html`<tr key=${m.id}>
      <td>${dateTime(m.sent_at || m.due_at)}</td><td>${t('channel.' + m.channel)}</td>
      <td>${m.template}</td><td>${(m.invoices || []).join(', ')}</td>
      <td>${t('message_state.' + m.state)}${m.last_error ? html`<div class="muted">${m.last_error}</div>` : ''}</td>
      <td><span class=${'delivery ' + (m.delivery || 'none')}>${m.delivery ?
          t('delivery.' + m.delivery) : '—'}</span></td></tr>`)}</tbody>
  </table>`;
}

export function CustomerPage({ id }) {
  const state = useLoad(async () => {
    const [customer, invoices, events] = await Promise.all([api.customer(id),
      getAll('/v1/invoices', { customer: id }), loadHistory(id)]);
    return { customer, invoices, events };
  }, [id]);
  if (state.loading) return html`<h1>${t('customers.title')}</h1><${Loading} />`;
  if (state.error) return html`<h1>${t('customers.title')}</h1><${ErrorBox} error=${state.error} />`;
  const { customer, invoices, events } = state.data;
  const open = invoices.filter((i) => i.status === 'open');
  const settled = invoices.filter((i) => i.status !== 'open');
  return html`<h1>${customer.name}</h1>
    <section aria-labelledby="contact-heading">
      <h2 id="contact-heading">${t('customers.contact')}</h2>
      <${Contact} customer=${customer} events=${events} />
    </section>
    <section aria-labelledby="invoices-heading">
      <h2 id="invoices-heading">${t('customers.invoices')}</h2>
      <${InvoiceTable} invoices=${open} caption=${t('customers.open_invoices', { count: open.length })} />
      ${settled.length > 0 && html`<details><summary>${t('customers.settled', { count: settled.length })}</summary>
        <${InvoiceTable} invoices=${settled} /></details>`}
    </section>
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading">${t('messages.title')}</h2>
      <${Messages} id=${id} />
    </section>
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">${t('history.title')}</h2>
      <${HistoryList} customer=${id} events=${events} />
    </section>`;
}
