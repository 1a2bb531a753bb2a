// Dashboard: open and overdue totals and the aging of open invoices, computed from /v1/invoices;
// the open tasks of the work list; DSO and the report figures once /v1/reports/dashboard answers.
import { html } from '../html.js';
import { t, moneyCents, number } from '../i18n.js';
import { api, available } from '../api.js';
import { useLoad } from '../hooks.js';
import { aging, BUCKETS, todayIso } from '../collection_math.js';
import { BarChart } from '../components/bar_chart.js';
import { Loading, ErrorBox, Unavailable } from '../components/status.js';
import { Link } from '../router.js';

const BUCKET_COLORS = {
  not_due: '#2f6b3a', d1_30: '#8a5a00', d31_60: '#a8480f', d61_90: '#a12a2a', d90_plus: '#6d1313',
};

function Figure({ label, value, detail }) {
  return html`<div class="figure">
    <div class="figure-label">${label}</div>
    <div class="figure-value">${value}</div>
    ${detail && html`<div class="figure-detail muted">${detail}</div>`}
  </div>`;
}

function Tasks() {
  const tasks = useLoad(() => api.tasks({ limit: 1000 }), []);
  if (tasks.loading) return html`<${Loading} />`;
  if (tasks.error) {
    return tasks.error.status === 403 ? null : html`<${ErrorBox} error=${tasks.error} />`;
  }
  const items = tasks.data.items;
  const calls = items.filter((task) => task.kind === 'call').length;
  return html`<${Figure} label=${t('dashboard.open_tasks')} value=${number(items.length)}
      detail=${html`${t('dashboard.calls', { count: calls })} ·
          <${Link} href="/work">${t('nav.work')}</${Link}>`} />`;
}

function Reports() {
  const state = useLoad(async () => (await available('/v1/reports/dashboard')) ?
      api.reportsDashboard() : null, []);
  if (state.loading) return html`<${Loading} />`;
  if (state.error) return html`<${ErrorBox} error=${state.error} />`;
  if (state.data === null) return html`<${Unavailable} what=${t('dashboard.reports')} />`;
  return html`<pre class="report-json">${JSON.stringify(state.data, null, 2)}</pre>`;
}

export function DashboardPage() {
  const today = todayIso();
  const invoices = useLoad(() => api.openInvoices(), []);
  let figures = html`<${Loading} />`;
  let chart = null;
  if (invoices.error) figures = html`<${ErrorBox} error=${invoices.error} />`;
  else if (invoices.data) {
    const summary = aging(invoices.data, today);
    figures = html`
      <${Figure} label=${t('dashboard.open')} value=${moneyCents(summary.open)}
          detail=${t('dashboard.invoices', { count: number(summary.count) })} />
      <${Figure} label=${t('dashboard.overdue')} value=${moneyCents(summary.overdue)}
          detail=${t('dashboard.overdue_detail', { count: number(summary.overdueCount),
            customers: number(summary.overdueCustomers) })} />`;
    if (invoices.data.truncated) {
      figures = html`${figures}<p class="notice" role="status">
        ${t('dashboard.partial', { count: number(invoices.data.length) })}</p>`;
    }
    chart = html`<${BarChart} title=${t('dashboard.aging_chart')}
        bars=${BUCKETS.map((bucket) => ({
          label: t('aging.' + bucket),
          value: summary.buckets[bucket].cents,
          text: `${moneyCents(summary.buckets[bucket].cents)} (${summary.buckets[bucket].count})`,
          color: BUCKET_COLORS[bucket],
        }))} />`;
  }
  return html`<h1>${t('dashboard.title')}</h1>
    <section class="figures" aria-label=${t('dashboard.figures')}>
      ${figures}
      <${Tasks} />
    </section>
    <section>
      <h2>${t('dashboard.aging')}</h2>
      <p class="muted">${t('dashboard.aging_basis', { today })}</p>
      ${chart}
    </section>
    <section>
      <h2>${t('dashboard.reports')}</h2>
      <${Reports} />
    </section>`;
}
