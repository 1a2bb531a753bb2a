// Simulate a draft: choose live open invoices, run POST /v1/workflows/{id}/simulate and show the
// timeline it answers (nothing live is touched). Problems of the draft go back to the editor.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, money, date, dateTime } from '../i18n.js';
import { api } from '../api.js';
import { useLoad } from '../hooks.js';
import { Loading, ErrorBox, Field } from '../components/status.js';

function Detail({ line }) {
  const parts = [];
  if (line.channel) parts.push(t('simulate.channel', { channel: line.channel }));
  if (line.template) parts.push(line.template);
  if (line.steps) parts.push(line.steps.join(', '));
  else if (line.step) parts.push(line.step);
  if (line.script) parts.push(line.script);
  if (line.amount) parts.push(money(line.amount));
  if (line.reason) parts.push(line.reason);
  if (line.colleague) parts.push(line.colleague);
  return parts.join(' · ');
}

export function SimulatePanel({ id, draft, onProblems }) {
  const invoices = useLoad(() => api.invoices({ status: 'open', limit: 200 }), []);
  const [chosen, setChosen] = useState(new Set());
  const [filter, setFilter] = useState('');
  const [days, setDays] = useState('60');
  const [run, setRun] = useState(null);
  const toggle = (invoice) => {
    const next = new Set(chosen);
    if (next.has(invoice)) next.delete(invoice);
    else next.add(invoice);
    setChosen(next);
  };
  const simulate = async (event) => {
    event.preventDefault();
    setRun({ state: 'running' });
    try {
      const answer = await api.simulate(id, { workflow: draft, invoices: [...chosen],
        days: Number(days) });
      setRun({ state: 'done', timeline: answer.timeline });
    } catch (error) {
      setRun({ state: 'failed', error });
      const drafted = (error.fields || []).filter((f) => f.field.startsWith('/workflow'));
      if (drafted.length) onProblems(drafted);
    }
  };
  let list = html`<${Loading} />`;
  if (invoices.error) list = html`<${ErrorBox} error=${invoices.error} />`;
  else if (invoices.data) {
    const needle = filter.trim().toLowerCase();
    const shown = invoices.data.items.filter((i) => !needle ||
        i.id.toLowerCase().includes(needle) || i.customer.toLowerCase().includes(needle));
    list = html`<fieldset class="invoice-picker">
      <legend>${t('simulate.invoices', { count: chosen.size })}</legend>
      <ul>${shown.slice(0, 60).map((invoice) => html`<li key=${invoice.id}>
        <label><input type="checkbox" name="invoice" value=${invoice.id}
            checked=${chosen.has(invoice.id)} onChange=${() => toggle(invoice.id)} />
          <code>${invoice.id}</code> ${invoice.customer} · ${money(invoice.open_amount,
              invoice.currency)} · ${t('simulate.due', { date: date(invoice.due) })}</label>
      </li>`)}</ul>
    </fieldset>`;
  }
  return html`<section aria-labelledby="simulate-heading" class="simulate">
    <h2 id="simulate-heading">${t('simulate.title')}</h2>
    <p class="muted">${t('simulate.intro')}</p>
    <form onSubmit=${simulate}>
      <div class="row">
        <${Field} label=${t('simulate.filter')} id="invoice-filter">
          <input id="invoice-filter" type="search" value=${filter}
              onInput=${(e) => setFilter(e.currentTarget.value)} />
        </${Field}>
        <${Field} label=${t('simulate.days')} id="simulate-days">
          <input id="simulate-days" type="number" min="1" max="400" value=${days}
              onInput=${(e) => setDays(e.currentTarget.value)} />
        </${Field}>
      </div>
      ${list}
      <button type="submit" id="simulate" disabled=${!draft || chosen.size === 0 ||
          (run && run.state === 'running')}>${t('simulate.run')}</button>
    </form>
    ${run && run.state === 'running' && html`<p role="status">${t('simulate.running')}</p>`}
    ${run && run.state === 'failed' && html`<${ErrorBox} error=${run.error} />`}
    ${run && run.state === 'done' && html`<div role="status" class="simulation-result">
      <p>${t('simulate.lines', { count: run.timeline.length })}</p>
      <table>
        <thead><tr><th scope="col">${t('simulate.at')}</th><th scope="col">${t('simulate.type')}</th>
          <th scope="col">${t('simulate.invoice')}</th><th scope="col">${t('simulate.detail')}</th></tr></thead>
        <tbody>${run.timeline.map((line, i) => html`<tr key=${i}>
          <td>${dateTime(line.at)}</td><td>${t('timeline_type.' + line.type)}</td>
          <td>${line.invoice || (line.invoices || []).join(', ')}</td>
          <td><${Detail} line=${line} /></td></tr>`)}</tbody>
      </table>
    </div>`}
  </section>`;
}
