// The picture of a workflow: its steps on an axis of days around the due date, one marker per
// step coloured by action, labels staggered on rows so they do not overlap. Steps with a problem
// (their index in `invalidSteps`) are drawn in the error colour; a malformed "at" puts the step
// in a list under the picture instead.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { stepOffsetDays } from '../collection_math.js';

const ACTION_COLORS = {
  message: '#1d5fa8',
  call_task: '#7a3e9d',
  notify_colleague: '#2f6b3a',
  open_case: '#8a5a00',
  fee: '#a12a2a',
  credit_hold: '#a12a2a',
  handover: '#3d3d3d',
  wait_for: '#5b6770',
};

export function WorkflowTimeline({ steps, invalidSteps = new Set() }) {
  const placed = [];
  const unplaced = [];
  (Array.isArray(steps) ? steps : []).forEach((step, index) => {
    const days = stepOffsetDays(step && step.at);
    if (days === null) unplaced.push({ step, index });
    else placed.push({ step, index, days });
  });
  const min = Math.min(-7, ...placed.map((p) => p.days));
  const max = Math.max(14, ...placed.map((p) => p.days));
  const width = 760;
  const left = 30;
  const right = 30;
  const x = (days) => left + ((days - min) / (max - min)) * (width - left - right);
  placed.sort((a, b) => a.days - b.days || a.index - b.index);
  // Rows: a label goes on the first row whose last label ends left of it.
  const rowEnds = [];
  const rows = placed.map((p) => {
    const start = x(p.days);
    const labelWidth = 7 * String(p.step.id || '').length + 12;
    let row = rowEnds.findIndex((end) => end < start);
    if (row === -1) {
      row = rowEnds.length;
      rowEnds.push(0);
    }
    rowEnds[row] = start + labelWidth;
    return row;
  });
  const axisY = 30;
  const height = axisY + 30 + Math.max(1, rowEnds.length) * 22;
  const ticks = [];
  const stepSize = max - min > 60 ? 14 : 7;
  for (let d = Math.ceil(min / stepSize) * stepSize; d <= max; d += stepSize) ticks.push(d);
  return html`<figure class="timeline">
    <svg viewBox=${`0 0 ${width} ${height}`} role="img"
         aria-label=${t('timeline.label', { count: placed.length })}>
      <title>${t('timeline.label', { count: placed.length })}</title>
      <line x1=${left} x2=${width - right} y1=${axisY} y2=${axisY} class="axis" />
      ${ticks.map((d) => html`<g>
        <line x1=${x(d)} x2=${x(d)} y1=${axisY - 4} y2=${axisY + 4} class="axis" />
        <text x=${x(d)} y=${axisY - 10} text-anchor="middle" class="tick">
          ${d === 0 ? t('timeline.due') : (d > 0 ? '+' : '') + d + t('timeline.days')}</text>
      </g>`)}
      <line x1=${x(0)} x2=${x(0)} y1=${axisY - 20} y2=${height} class="due-line" />
      ${placed.map((p, i) => {
        const invalid = invalidSteps.has(p.index);
        const color = invalid ? 'var(--danger)' :
            ACTION_COLORS[p.step.action && p.step.action.type] || '#5b6770';
        const y = axisY + 24 + rows[i] * 22;
        // Labels of the last steps end at their marker so they stay inside the picture.
        const nearEnd = x(p.days) > width - 110;
        return html`<g class=${invalid ? 'step invalid' : 'step'} data-step=${p.step.id}>
          <title>${`${p.step.id}: ${p.step.at}, ${p.step.action && p.step.action.type}`}</title>
          <line x1=${x(p.days)} x2=${x(p.days)} y1=${axisY} y2=${y - 6} stroke=${color}
                stroke-dasharray="2 2" />
          <circle cx=${x(p.days)} cy=${axisY} r="5" fill=${color} />
          <text x=${nearEnd ? x(p.days) - 4 : x(p.days) + 4} y=${y} fill=${color}
                text-anchor=${nearEnd ? 'end' : 'start'} class="step-label">
            ${invalid ? '⚠ ' : ''}${p.step.id}</text>
        </g>`;
      })}
    </svg>
    <figcaption>
      <ul class="legend">
        ${Object.entries(ACTION_COLORS).map(([type, color]) => html`<li>
          <span class="swatch" style=${{ background: color }}></span>${t('action.' + type)}</li>`)}
      </ul>
      ${unplaced.length > 0 && html`<p class="field-error">
        ${t('timeline.unplaced')} ${unplaced.map((u) => (u.step && u.step.id) || '#' + u.index)
            .join(', ')}</p>`}
    </figcaption>
  </figure>`;
}
