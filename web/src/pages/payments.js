// Payments, a page at a time: amount, date, customer, and how each was allocated.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, money, date } from '../i18n.js';
import { api } from '../api.js';
import { useLoad } from '../hooks.js';
import { Link } from '../router.js';
import { Loading, ErrorBox } from '../components/status.js';

export function PaymentsPage() {
  const [pages, setPages] = useState(['']);
  const after = pages[pages.length - 1];
  const list = useLoad(() => api.payments({ limit: 100, after }), [after]);
  return html`<h1>${t('payments.title')}</h1>
    ${list.loading ? html`<${Loading} />` : list.error ? html`<${ErrorBox} error=${list.error} />` :
      list.data.items.length === 0 ? html`<p class="muted">${t('payments.none')}</p>` :
      html`<table>
        <thead><tr><th scope="col">${t('payments.id')}</th><th scope="col">${t('payments.date')}</th>
          <th scope="col">${t('payments.customer')}</th><th scope="col" class="num">${t('payments.amount')}</th>
          <th scope="col">${t('payments.allocations')}</th></tr></thead>
        <tbody>${list.data.items.map((p) => html`<tr key=${p.id}>
          <td><code>${p.id}</code></td><td>${date(p.received)}</td>
          <td>${p.customer ? html`<${Link} href=${'/customers/' + encodeURIComponent(p.customer)}>
              ${p.customer}</${Link}>` : '—'}</td>
          <td class="num">${money(p.amount, p.currency)}</td>
          <td>${(p.allocations || []).map((a) => `${a.invoice}: ${money(a.amount, p.currency)}`)
              .join(', ')}</td></tr>`)}</tbody>
      </table>
      <div class="actions">
        ${pages.length > 1 && html`<button type="button" class="secondary"
            onClick=${() => setPages(pages.slice(0, -1))}>${t('common.previous')}</button>`}
        ${list.data.next_after && html`<button type="button" class="secondary"
            onClick=${() => setPages([...pages, list.data.next_after])}>${t('common.next')}</button>`}
      </div>`}`;
}
