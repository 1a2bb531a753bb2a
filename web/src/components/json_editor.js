// A JSON text editor: a plain <textarea> (keyboard and screen readers work as usual) over a
// backdrop that highlights the lines with problems, a gutter of line numbers marking them, and
// the list of problems; each problem's button moves the caret to its line.
import { useRef, useState, useImperativeHandle } from 'preact/hooks';
import { forwardRef } from 'preact/compat';
import { html } from '../html.js';
import { t } from '../i18n.js';

const LINE_HEIGHT = 20;  // px; the CSS sets the same for .json-editor

function lineRange(text, line) {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next === -1) break;
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  return [start, end];
}

// problems: [{ line, field, message }]
export const JsonEditor = forwardRef(function JsonEditor(
    { id, label, value, onInput, problems, describedBy }, ref) {
  const area = useRef(null);
  const [scroll, setScroll] = useState(0);
  const lineCount = value.split('\n').length;
  const byLine = new Map();
  for (const problem of problems) {
    if (!byLine.has(problem.line)) byLine.set(problem.line, []);
    byLine.get(problem.line).push(problem);
  }
  const jump = (line) => {
    const element = area.current;
    if (!element) return;
    const [start, end] = lineRange(value, line);
    element.focus();
    element.setSelectionRange(start, end);
    element.scrollTop = Math.max(0, (line - 4) * LINE_HEIGHT);
    setScroll(element.scrollTop);
  };
  useImperativeHandle(ref, () => ({ jump }));
  const numbers = [];
  for (let n = 1; n <= lineCount; n++) {
    const here = byLine.get(n);
    numbers.push(html`<div class=${here ? 'line bad' : 'line'} data-line=${n}
        title=${here ? here.map((p) => p.message).join('\n') : undefined}>${n}</div>`);
  }
  const marks = [...byLine.keys()].map((line) => html`<div class="mark" data-error-line=${line}
      style=${{ top: (line - 1) * LINE_HEIGHT + 'px' }}></div>`);
  return html`<div class="json-editor">
    <div class="gutter" aria-hidden="true">
      <div style=${{ transform: `translateY(${-scroll}px)` }}>${numbers}</div>
    </div>
    <div class="text">
      <div class="backdrop" aria-hidden="true">
        <div style=${{ transform: `translateY(${-scroll}px)` }}>${marks}</div>
      </div>
      <textarea id=${id} ref=${area} aria-label=${label} spellcheck="false" wrap="off"
        autocapitalize="off" autocomplete="off" value=${value}
        aria-invalid=${problems.length ? 'true' : 'false'} aria-describedby=${describedBy}
        onInput=${(e) => onInput(e.currentTarget.value)}
        onScroll=${(e) => setScroll(e.currentTarget.scrollTop)}></textarea>
    </div>
  </div>
  <${ProblemList} id=${describedBy} problems=${problems} onJump=${jump} />`;
});

function ProblemList({ id, problems, onJump }) {
  return html`<div id=${id} class="problems" aria-live="polite">
    ${problems.length > 0 && html`<ul>
      ${problems.map((p) => html`<li class="problem" data-field=${p.field ?? ''}>
        <button type="button" class="link" onClick=${() => onJump(p.line)}>
          ${t('editor.line', { line: p.line })}</button>
        ${p.field !== undefined && html` <code>${p.field || '/'}</code>`} ${p.message}
      </li>`)}
    </ul>`}
  </div>`;
}
