// Loading, error and "not available on this server" states, announced to screen readers.
import { html } from '../html.js';
import { t } from '../i18n.js';

export function Loading() {
  return html`<p class="muted loading" role="status">${t('common.loading')}</p>`;
}

// An API error: its message and each field error with its JSON pointer.
export function ErrorBox({ error }) {
  if (!error) return null;
  if (error.unavailable) return html`<${Unavailable} />`;
  const fields = error.fields || [];
  return html`<div class="error-box" role="alert">
    <p><strong>${t('common.error')}</strong> ${error.message}</p>
    ${fields.length > 0 && html`<ul>
      ${fields.map((f) => html`<li><code>${f.field || '/'}</code> ${f.message}</li>`)}
    </ul>`}
  </div>`;
}

export function Unavailable({ what }) {
  return html`<p class="notice" role="status" data-unavailable>
    ${what ? what + ': ' : ''}${t('common.unavailable')}
  </p>`;
}

export function Field({ label, id, error, hint, children }) {
  return html`<div class=${'field' + (error ? ' invalid' : '')}>
    <label for=${id}>${label}</label>
    ${children}
    ${hint && html`<small id=${id + '-hint'} class="muted">${hint}</small>`}
    ${error && html`<small id=${id + '-error'} class="field-error" role="alert">${error}</small>`}
  </div>`;
}
