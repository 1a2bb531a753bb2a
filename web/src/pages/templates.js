// Message templates in force: id, language, default or stored, and the parts of a chosen one.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, dateTime } from '../i18n.js';
import { api } from '../api.js';
import { useLoad } from '../hooks.js';
import { Loading, ErrorBox } from '../components/status.js';

function TemplateSource({ id, language }) {
  const one = useLoad(() => api.template(id, language), [id, language]);
  if (one.loading) return html`<${Loading} />`;
  if (one.error) return html`<${ErrorBox} error=${one.error} />`;
  const parts = one.data.parts || {};
  return html`<section aria-labelledby="template-heading">
    <h2 id="template-heading">${id} · ${language}</h2>
    ${Object.entries(parts).map(([name, text]) => html`<h3>${name}</h3>
      <pre class="template-source">${typeof text === 'string' ? text : JSON.stringify(text, null, 2)}</pre>`)}
  </section>`;
}

export function TemplatesPage() {
  const list = useLoad(() => api.templates(), []);
  const [chosen, setChosen] = useState(null);
  return html`<h1>${t('templates.title')}</h1>
    ${list.loading ? html`<${Loading} />` : list.error ? html`<${ErrorBox} error=${list.error} />` :
      html`<table>
        <thead><tr><th scope="col">${t('templates.id')}</th><th scope="col">${t('templates.language')}</th>
          <th scope="col">${t('templates.source')}</th><th scope="col">${t('workflows.version')}</th>
          <th scope="col">${t('templates.saved')}</th></tr></thead>
        <tbody>${list.data.items.map((item) => html`<tr key=${item.id + item.language}>
          <td><button type="button" class="link" onClick=${() => setChosen(item)}>${item.id}</button></td>
          <td>${item.language}</td><td>${t('templates.' + item.source)}</td><td>${item.version}</td>
          <td>${item.saved_at ? dateTime(item.saved_at) + ' · ' + (item.actor || '') : ''}</td></tr>`)}
        </tbody>
      </table>`}
    ${chosen && html`<${TemplateSource} id=${chosen.id} language=${chosen.language} />`}`;
}
