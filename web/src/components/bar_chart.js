// A horizontal bar chart as SVG: one bar per { label, value, text }, scaled to the largest value,
// with a <title> and a hidden table-like description for screen readers.
import { html } from '../html.js';

export function BarChart({ title, bars, color = 'var(--accent)' }) {
  const width = 520;
  const labelWidth = 110;
  const row = 30;
  const height = bars.length * row + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const scale = (width - labelWidth - 140) / max;
  return html`<figure class="chart">
    <svg viewBox=${`0 0 ${width} ${height}`} role="img" aria-label=${title}
         preserveAspectRatio="xMinYMin meet">
      <title>${title}</title>
      ${bars.map((bar, i) => html`<g transform=${`translate(0 ${i * row + 4})`}>
        <text x=${labelWidth - 8} y="17" text-anchor="end" class="chart-label">${bar.label}</text>
        <rect x=${labelWidth} y="4" height="18" rx="2"
              width=${Math.max(bar.value > 0 ? 2 : 0, bar.value * scale)}
              fill=${bar.color || color} />
        <text x=${labelWidth + Math.max(2, bar.value * scale) + 6} y="17"
              class="chart-value">${bar.text}</text>
      </g>`)}
    </svg>
    <figcaption class="visually-hidden">
      ${bars.map((b) => `${b.label}: ${b.text}`).join('; ')}
    </figcaption>
  </figure>`;
}
