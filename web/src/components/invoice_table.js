// A table of invoices: id, due date, days past due, amount and what is open, status.
import { html } from '../html.js';
import { t, money, date } from '../i18n.js';
import { daysBetween, todayIso } from '../collection_math.js';

export function InvoiceTable({ invoices, caption }) {
  if (invoices.length === 0) return html`<p class="muted">${t('invoices.none')}</p>`;
  const today = todayIso();
  return html`<table class="invoices">
    ${caption && html`<caption>${caption}</caption>`}
    <thead><tr><th scope="col">${t('invoices.id')}</th><th scope="col">${t('invoices.due')}</th>
      <th scope="col">${t('invoices.days_overdue')}</th><th scope="col" class="num">${t('invoices.amount')}</th>
      <th scope="col" class="num">${t('invoices.open')}</th><th scope="col">${t('invoices.status')}</th></tr></thead>
    <tbody>${invoices.map((i) => {
      const late = i.status === 'open' ? daysBetween(i.due, today) : 0;
      return html`<tr key=${i.id}>
        <td><code>${i.id}</code>${i.kind === 'credit_note' ? ' ' + t('invoices.credit_note') : ''}</td>
        <td>${date(i.due)}</td><td class=${late > 0 ? 'late' : ''}>${late > 0 ? late : ''}</td>
        <td class="num">${money(i.amount, i.currency)}</td>
        <td class="num">${money(i.open_amount, i.currency)}</td>
        <td>${t('invoice_status.' + i.status)}</td></tr>`;
    })}</tbody>
  </table>`;
}
