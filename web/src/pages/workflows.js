// Workflows by segment: the segments in priority order, each with the workflow that serves it
// (latest version), and workflows whose segment is not defined.
import { html } from '../html.js';
import { t, dateTime } from '../i18n.js';
import { api } from '../api.js';
import { useLoad } from '../hooks.js';
import { Link } from '../router.js';
import { Loading, ErrorBox } from '../components/status.js';

function WorkflowRow({ version }) {
  const steps = version.document.steps || [];
  return html`<tr>
    <td><${Link} href=${'/workflows/' + encodeURIComponent(version.id)}>${version.document.name}</${Link}>
      <div class="muted"><code>${version.id}</code></div></td>
    <td>${version.version}</td>
    <td>${t('workflows.step_count', { count: steps.length })}</td>
    <td>${dateTime(version.created_at)} · ${version.actor}</td>
  </tr>`;
}

function Table({ versions }) {
  return html`<table>
    <thead><tr>
      <th scope="col">${t('workflows.name')}</th><th scope="col">${t('workflows.version')}</th>
      <th scope="col">${t('workflows.steps')}</th><th scope="col">${t('workflows.saved')}</th>
    </tr></thead>
    <tbody>${versions.map((v) => html`<${WorkflowRow} version=${v} key=${v.id} />`)}</tbody>
  </table>`;
}

export function WorkflowsPage() {
  const state = useLoad(async () => {
    const [workflows, segments] = await Promise.all([api.workflows(), api.segments()]);
    return { workflows: workflows.items, segments: segments.document.segments || [] };
  }, []);
  if (state.loading) return html`<h1>${t('workflows.title')}</h1><${Loading} />`;
  if (state.error) return html`<h1>${t('workflows.title')}</h1><${ErrorBox} error=${state.error} />`;
  const { workflows, segments } = state.data;
  const ordered = [...segments].sort((a, b) => a.priority - b.priority);
  const known = new Set(ordered.map((s) => s.id));
  const orphans = workflows.filter((w) => !known.has(w.segment));
  return html`<h1>${t('workflows.title')}</h1>
    <p><${Link} class="button" href="/workflows/new">${t('workflows.new')}</${Link}></p>
    ${ordered.map((segment) => {
      const serving = workflows.filter((w) => w.segment === segment.id);
      return html`<section class="segment" aria-labelledby=${'segment-' + segment.id}>
        <h2 id=${'segment-' + segment.id}>${segment.name || segment.id}
          <span class="muted"> · ${t('workflows.priority', { priority: segment.priority })}</span></h2>
        ${segment.description && html`<p class="muted">${segment.description}</p>`}
        ${serving.length ? html`<${Table} versions=${serving} />` :
            html`<p class="notice">${t('workflows.segment_unserved')}</p>`}
      </section>`;
    })}
    ${orphans.length > 0 && html`<section aria-labelledby="segment-none">
      <h2 id="segment-none">${t('workflows.no_segment')}</h2>
      <${Table} versions=${orphans} />
    </section>`}`;
}
