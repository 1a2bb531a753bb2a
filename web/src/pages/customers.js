// Customers, a page at a time in id order, with a filter over the page shown.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { useLoad } from '../hooks.js';
import { Link } from '../router.js';
import { Loading, ErrorBox, Field } from '../components/status.js';

export function CustomersPage() {
  const [pages, setPages] = useState(['']);
  const after = pages[pages.length - 1];
  const [filter, setFilter] = useState('');
  const list = useLoad(() => api.customers({ limit: 100, after }), [after]);
  const needle = filter.trim().toLowerCase();
  return html`<h1>${t('customers.title')}</h1>
    <${Field} label=${t('customers.filter')} id="customer-filter">
      <input id="customer-filter" type="search" value=${filter}
          onInput=${(e) => setFilter(e.currentTarget.value)} />
    </${Field}>
    ${list.loading ? html`<${Loading} />` : list.error ? html`<${ErrorBox} error=${list.error} />` :
      html`<table>
        <thead><tr><th scope="col">${t('customers.name')}</th><th scope="col">${t('customers.id')}</th>
          <th scope="col">${t('customers.kind')}</th><th scope="col">${t('customers.language')}</th>
          <th scope="col">${t('customers.email')}</th></tr></thead>
        <tbody>${list.data.items.filter((c) => !needle || c.name.toLowerCase().includes(needle) ||
            c.id.toLowerCase().includes(needle)).map((c) => html`<tr key=${c.id}>
          <td><${Link} href=${'/customers/' + encodeURIComponent(c.id)}>${c.name}</${Link}></td>
          <td><code>${c.id}</code></td><td>${c.kind || ''}</td><td>${c.language || ''}</td>
          <td>${c.email || ''}</td></tr>`)}</tbody>
      </table>
      <div class="actions">
        ${pages.length > 1 && html`<button type="button" class="secondary"
            onClick=${() => setPages(pages.slice(0, -1))}>${t('common.previous')}</button>`}
        ${list.data.next_after && html`<button type="button" class="secondary"
            onClick=${() => setPages([...pages, list.data.next_after])}>${t('common.next')}</button>`}
      </div>`}`;
}
