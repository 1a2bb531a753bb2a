// Recording what came of a task: for a call an outcome with its details (a promise's amount and
// date, a dispute's reason, hours until a retry), for a follow-up just a note. Field errors from
// the server are shown at their input.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { ErrorBox, Field } from '../components/status.js';

const OUTCOMES = ['reached', 'promise', 'dispute', 'no_answer', 'wrong_number'];

export function OutcomeForm({ task, colleague, onDone }) {
  const isCall = task.kind === 'call';
  const [form, setForm] = useState({ outcome: isCall ? 'reached' : '', note: '',
    promised_amount: '', promised_date: '', dispute_reason: '', retry_in_working_hours: '' });
  const [failure, setFailure] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (name) => (event) => setForm({ ...form, [name]: event.currentTarget.value });
  const fieldError = (name) => failure && (failure.fields || [])
      .filter((f) => f.field === '/' + name).map((f) => f.message).join('; ');
  const submit = async (event) => {
    event.preventDefault();
    const body = {};
    if (colleague) body.colleague = colleague;
    if (form.note.trim()) body.note = form.note.trim();
    if (isCall) {
      body.outcome = form.outcome;
      if (form.outcome === 'promise') {
        body.promised_amount = form.promised_amount.trim();
        body.promised_date = form.promised_date;
      }
      if (form.outcome === 'dispute') body.dispute_reason = form.dispute_reason.trim();
      if (form.outcome === 'no_answer' && form.retry_in_working_hours) {
        body.retry_in_working_hours = Number(form.retry_in_working_hours);
      }
    }
    setBusy(true);
    setFailure(null);
    try {
      onDone(await api.completeTask(task.id, body));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const input = (name, type, extra = {}) => html`<input id=${'outcome-' + name} name=${name}
      type=${type} value=${form[name]} onInput=${set(name)}
      aria-invalid=${fieldError(name) ? 'true' : 'false'}
      aria-describedby=${fieldError(name) ? 'outcome-' + name + '-error' : undefined} ...${extra} />`;
  return html`<form class="outcome" novalidate onSubmit=${submit} aria-labelledby="outcome-heading">
    <h3 id="outcome-heading">${isCall ? t('outcome.title') : t('outcome.follow_up')}</h3>
    ${isCall && html`<fieldset>
      <legend>${t('outcome.outcome')}</legend>
      ${OUTCOMES.map((o) => html`<label class="choice"><input type="radio" name="outcome" value=${o}
          checked=${form.outcome === o} onChange=${set('outcome')} /> ${t('outcome.' + o)}</label>`)}
    </fieldset>`}
    ${isCall && form.outcome === 'promise' && html`<div class="row">
      <${Field} label=${t('outcome.promised_amount')} id="outcome-promised_amount"
          error=${fieldError('promised_amount')} hint=${t('outcome.amount_hint')}>
        ${input('promised_amount', 'text', { inputmode: 'decimal', required: true })}
      </${Field}>
      <${Field} label=${t('outcome.promised_date')} id="outcome-promised_date"
          error=${fieldError('promised_date')}>
        ${input('promised_date', 'date', { required: true })}
      </${Field}>
    </div>`}
    ${isCall && form.outcome === 'dispute' && html`<${Field} label=${t('outcome.dispute_reason')}
        id="outcome-dispute_reason" error=${fieldError('dispute_reason')}>
      ${input('dispute_reason', 'text', { required: true })}
    </${Field}>`}
    ${isCall && form.outcome === 'no_answer' && html`<${Field} label=${t('outcome.retry')}
        id="outcome-retry_in_working_hours" error=${fieldError('retry_in_working_hours')}>
      ${input('retry_in_working_hours', 'number', { min: 1, max: 200 })}
    </${Field}>`}
    <${Field} label=${t('outcome.note')} id="outcome-note" error=${fieldError('note')}>
      <textarea id="outcome-note" name="note" rows="3" value=${form.note}
          onInput=${set('note')}></textarea>
    </${Field}>
    <button type="submit" id="complete" disabled=${busy}>${t('outcome.submit')}</button>
    ${failure && html`<${ErrorBox} error=${failure} />`}
  </form>`;
}
