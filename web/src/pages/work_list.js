// The collectors' work list: tasks due now in priority order; a task's page claims it, shows the
// customer's history and open invoices, and records the outcome (reached, promise, dispute, no
// answer, wrong number). Claims and completions name the colleague chosen in "Working as".
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, money, dateTime, number } from '../i18n.js';
import { api } from '../api.js';
import { useLoad } from '../hooks.js';
import { Link, navigate } from '../router.js';
import * as session from '../session.js';
import { Loading, ErrorBox, Field } from '../components/status.js';
import { HistoryList } from '../components/history_list.js';
import { InvoiceTable } from '../components/invoice_table.js';
import { OutcomeForm } from './task_outcome.js';

const KINDS = ['', 'call', 'reply', 'failed_message', 'unknown_outcome'];

function ColleagueChoice({ value, onChange }) {
  const colleagues = useLoad(() => api.colleagues(), []);
  const usable = colleagues.data && colleagues.data.length > 0;
  return html`<${Field} label=${t('work.working_as')} id="colleague" hint=${t('work.working_as_hint')}>
    ${usable ? html`<select id="colleague" value=${value}
        onChange=${(e) => onChange(e.currentTarget.value)} aria-describedby="colleague-hint">
        <option value="">${t('work.token_colleague')}</option>
        ${colleagues.data.map((c) => html`<option value=${c.id}>${c.name} (${c.id})</option>`)}
      </select>` :
      html`<input id="colleague" value=${value} aria-describedby="colleague-hint"
          onChange=${(e) => onChange(e.currentTarget.value.trim())} />`}
  </${Field}>`;
}

function TaskList({ kind }) {
  const tasks = useLoad(() => api.tasks({ kind, limit: 200 }), [kind]);
  if (tasks.loading) return html`<${Loading} />`;
  if (tasks.error) return html`<${ErrorBox} error=${tasks.error} />`;
  const items = tasks.data.items;
  if (items.length === 0) return html`<p class="muted" role="status">${t('work.empty')}</p>`;
  return html`<table class="tasks">
    <thead><tr><th scope="col">${t('work.customer')}</th><th scope="col">${t('work.kind')}</th>
      <th scope="col" class="num">${t('work.open_amount')}</th>
      <th scope="col" class="num">${t('work.days_overdue')}</th>
      <th scope="col">${t('work.state')}</th><th scope="col">${t('work.due')}</th></tr></thead>
    <tbody>${items.map((task) => html`<tr key=${task.id} data-task=${task.id} data-kind=${task.kind}>
      <td><${Link} href=${'/work/' + task.id}>${task.customer_name || task.customer}</${Link}>
        ${task.script && html`<div class="muted">${task.script}</div>`}</td>
      <td>${t('task_kind.' + task.kind)}</td>
      <td class="num">${money(task.open_amount)}</td>
      <td class="num">${number(task.days_overdue)}</td>
      <td>${t('task_state.' + task.state)}${task.assignee ? ' · ' + task.assignee : ''}</td>
      <td>${dateTime(task.due_at)}</td></tr>`)}</tbody>
  </table>`;
}

function TaskDetail({ id, colleague }) {
  const task = useLoad(() => api.task(id), [id]);
  const [current, setCurrent] = useState(null);
  const [claim, setClaim] = useState(null);
  const shown = current || task.data;
  const invoices = useLoad(async () => (shown ? (await api.invoices({ customer: shown.customer,
    status: 'open', limit: 1000 })).items : []), [shown && shown.customer]);
  if (task.loading) return html`<${Loading} />`;
  if (task.error) return html`<${ErrorBox} error=${task.error} />`;
  const doClaim = async () => {
    setClaim({ state: 'busy' });
    try {
      setCurrent(await api.claimTask(id, colleague));
      setClaim(null);
    } catch (error) {
      setClaim({ state: 'failed', error });
    }
  };
  const claimable = shown.state === 'open';
  const completable = shown.state === 'claimed' || shown.state === 'open';
  return html`<article class="task" aria-labelledby="task-heading" data-state=${shown.state}>
    <h2 id="task-heading">${t('task_kind.' + shown.kind)}: ${shown.customer_name || shown.customer}</h2>
    <dl class="facts">
      <dt>${t('work.state')}</dt><dd id="task-state">${t('task_state.' + shown.state)}
        ${shown.assignee ? ' · ' + shown.assignee : ''}</dd>
      <dt>${t('work.open_amount')}</dt><dd>${money(shown.open_amount)}</dd>
      <dt>${t('work.days_overdue')}</dt><dd>${number(shown.days_overdue)}</dd>
      ${shown.script && html`<dt>${t('work.script')}</dt><dd>${shown.script}</dd>`}
      ${shown.detail && html`<dt>${t('work.detail')}</dt><dd>${shown.detail}</dd>`}
      <dt>${t('work.attempts')}</dt><dd>${shown.attempts}</dd>
      <dt>${t('work.customer')}</dt><dd><${Link} href=${'/customers/' +
          encodeURIComponent(shown.customer)}>${shown.customer}</${Link}></dd>
    </dl>
    ${shown.items.length > 0 && html`<ul class="task-items">${shown.items.map((item) => html`<li>
      <code>${item.invoice}</code> · ${item.step}${item.script ? ' · ' + item.script : ''}</li>`)}</ul>`}
    ${claimable && html`<p><button type="button" id="claim" onClick=${doClaim}
        disabled=${claim && claim.state === 'busy'}>${t('work.claim')}</button></p>`}
    ${claim && claim.state === 'failed' && html`<${ErrorBox} error=${claim.error} />`}
    ${completable && (shown.state === 'claimed' || shown.kind !== 'call') && html`<${OutcomeForm}
        task=${shown} colleague=${colleague} onDone=${setCurrent} />`}
    ${(shown.state === 'done' || shown.state === 'cancelled') && html`<p class="notice" role="status"
        id="task-done">${t('work.completed')} <${Link} href="/work">${t('work.back')}</${Link}></p>`}
    <div class="columns">
      <section aria-labelledby="task-invoices">
        <h3 id="task-invoices">${t('work.open_invoices')}</h3>
        ${invoices.loading ? html`<${Loading} />` : invoices.error ?
            html`<${ErrorBox} error=${invoices.error} />` :
            html`<${InvoiceTable} invoices=${invoices.data} />`}
      </section>
      <section aria-labelledby="task-history">
        <h3 id="task-history">${t('history.title')}</h3>
        <${HistoryList} customer=${shown.customer} limit=${15} />
      </section>
    </div>
  </article>`;
}

export function WorkListPage({ task }) {
  const [colleague, setColleague] = useState(session.colleague());
  const [kind, setKind] = useState('call');
  const choose = (id) => {
    session.setColleague(id);
    setColleague(id);
  };
  return html`<h1>${t('work.title')}</h1>
    <div class="row">
      <${ColleagueChoice} value=${colleague} onChange=${choose} />
      ${!task && html`<${Field} label=${t('work.kind')} id="task-kind">
        <select id="task-kind" value=${kind} onChange=${(e) => setKind(e.currentTarget.value)}>
          ${KINDS.map((k) => html`<option value=${k}>${k ? t('task_kind.' + k) : t('work.all_kinds')}</option>`)}
        </select>
      </${Field}>`}
    </div>
    ${task ? html`<p><button type="button" class="link" onClick=${() => navigate('/work')}>
        ← ${t('work.back')}</button></p><${TaskDetail} id=${task} colleague=${colleague} />` :
        html`<${TaskList} kind=${kind} />`}`;
}
