// Version history of a workflow: every saved version, and a line diff between any two of them or
// the draft in the editor; a version can be loaded into the editor (then activated anew).
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, dateTime } from '../i18n.js';
import { api } from '../api.js';
import { useLoad } from '../hooks.js';
import { lineDiff } from '../line_diff.js';
import { Loading, ErrorBox, Field } from '../components/status.js';
import { documentText } from '../workflow_document.js';

const CONTEXT = 3;

function Diff({ before, after }) {
  const lines = lineDiff(before, after);
  const changed = lines.filter((l) => l.kind !== 'same').length;
  if (changed === 0) return html`<p class="muted" role="status">${t('versions.same')}</p>`;
  // Unchanged lines more than CONTEXT lines away from a change fold into one "…" line.
  const near = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === 'same') return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j++) {
      near[j] = true;
    }
  });
  const shown = [];
  lines.forEach((l, i) => {
    if (near[i]) shown.push(l);
    else if (shown.length === 0 || shown[shown.length - 1].kind !== 'fold') {
      shown.push({ kind: 'fold', text: '…' });
    }
  });
  const sign = { added: '+ ', removed: '- ', same: '  ', fold: '  ' };
  return html`<p role="status">${t('versions.changed', { count: changed })}</p>
    <pre class="diff" aria-label=${t('versions.diff')}>${shown.map((l) => html`<span
        class=${'diff-' + l.kind}>${sign[l.kind]}${l.text}
</span>`)}</pre>`;
}

export function VersionsPanel({ id, draftText, onLoad }) {
  const versions = useLoad(() => api.versions(id), [id]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('draft');
  if (versions.loading) return html`<section><h2>${t('versions.title')}</h2><${Loading} /></section>`;
  if (versions.error) {
    return html`<section><h2>${t('versions.title')}</h2><${ErrorBox} error=${versions.error} /></section>`;
  }
  const items = versions.data.items;
  const texts = new Map(items.map((v) => [String(v.version), documentText(v.document)]));
  texts.set('draft', draftText);
  const latest = items.length ? String(items[items.length - 1].version) : 'draft';
  const fromKey = from || (items.length > 1 ? String(items[items.length - 2].version) : latest);
  const options = [...items.map((v) => ({ value: String(v.version),
    label: t('versions.version', { version: v.version }) })),
  { value: 'draft', label: t('versions.draft') }];
  return html`<section aria-labelledby="versions-heading" class="versions">
    <h2 id="versions-heading">${t('versions.title')}</h2>
    <table>
      <thead><tr><th scope="col">${t('workflows.version')}</th><th scope="col">${t('versions.saved')}</th>
        <th scope="col">${t('versions.actor')}</th><th scope="col"><span class="visually-hidden">
          ${t('versions.actions')}</span></th></tr></thead>
      <tbody>${[...items].reverse().map((v) => html`<tr key=${v.version}>
        <td>${v.version}${String(v.version) === latest ? html` <span class="badge">
          ${t('versions.active')}</span>` : ''}</td>
        <td>${dateTime(v.created_at)}</td><td>${v.actor}</td>
        <td><button type="button" class="secondary" onClick=${() => onLoad(texts.get(String(v.version)))}>
          ${t('versions.load', { version: v.version })}</button></td>
      </tr>`)}</tbody>
    </table>
    <div class="row">
      <${Field} label=${t('versions.from')} id="diff-from">
        <select id="diff-from" value=${fromKey} onChange=${(e) => setFrom(e.currentTarget.value)}>
          ${options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
        </select>
      </${Field}>
      <${Field} label=${t('versions.to')} id="diff-to">
        <select id="diff-to" value=${to} onChange=${(e) => setTo(e.currentTarget.value)}>
          ${options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
        </select>
      </${Field}>
    </div>
    <${Diff} before=${texts.get(fromKey) || ''} after=${texts.get(to) || ''} />
  </section>`;
}
