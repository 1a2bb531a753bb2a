// One workflow: the JSON editor validated as you type (the server's problems shown at their line
// and step), the timeline picture, a simulation of the draft over chosen invoices, the version
// history with a diff, and activation (saving the draft as the version in force).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { useLoad } from '../hooks.js';
import { navigate } from '../router.js';
import { documentText } from '../workflow_document.js';
import { pointerLines, lineOf, syntaxError } from '../json_lines.js';
import { JsonEditor } from '../components/json_editor.js';
import { WorkflowTimeline } from '../components/timeline_svg.js';
import { Loading, ErrorBox } from '../components/status.js';
import { SimulatePanel } from './workflow_simulate.js';
import { VersionsPanel } from './workflow_versions.js';

const NEW_WORKFLOW = {
  id: 'new-workflow',
  name: 'New workflow',
  segment: 'standard',
  steps: [
    { id: 'reminder-1', at: 'due+3d',
      action: { type: 'message', channel: 'preferred', template: 'reminder-friendly' } },
  ],
};

// Problems of a text: a syntax error, or the server's verdict mapped to lines.
function locate(text, problems, prefix = '') {
  const lines = pointerLines(text);
  return problems.map((p) => {
    const field = p.field.startsWith(prefix) ? p.field.slice(prefix.length) : p.field;
    return { field, message: p.message, line: lineOf(lines, field) };
  });
}

function stepIndexes(problems) {
  const indexes = new Set();
  for (const p of problems) {
    const match = /^\/steps\/(\d+)/.exec(p.field || '');
    if (match) indexes.add(Number(match[1]));
  }
  return indexes;
}

export function WorkflowEditorPage({ id }) {
  const isNew = id === undefined;
  const loaded = useLoad(async () => (isNew ? null : api.workflow(id)), [id]);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState('');
  const [verdict, setVerdict] = useState({ state: 'idle', problems: [], warnings: [] });
  const [activation, setActivation] = useState(null);
  const [versionsKey, setVersionsKey] = useState(0);
  const editor = useRef(null);
  const timer = useRef(0);
  const sequence = useRef(0);

  useEffect(() => {
    if (loaded.loading || loaded.error) return;
    const initial = documentText(loaded.data ? loaded.data.document : NEW_WORKFLOW);
    setText(initial);
    setSaved(loaded.data ? initial : '');
    validate(initial);
  }, [loaded.loading]);

  const validate = (value) => {
    const mine = ++sequence.current;
    const syntax = syntaxError(value);
    if (syntax) {
      setVerdict({ state: 'invalid', problems: [{ line: syntax.line,
        message: t('editor.syntax', { message: syntax.message }) }], warnings: [] });
      return;
    }
    setVerdict((v) => ({ ...v, state: 'checking' }));
    api.validateWorkflow(JSON.parse(value)).then((answer) => {
      if (mine !== sequence.current) return;
      setVerdict({ state: answer.valid ? 'valid' : 'invalid',
        problems: locate(value, answer.problems), warnings: answer.warnings || [] });
    }, (error) => {
      if (mine !== sequence.current) return;
      setVerdict({ state: 'invalid', problems: locate(value, error.fields.length ?
          error.fields : [{ field: '', message: error.message }]), warnings: [] });
    });
  };

  const onInput = (value) => {
    setText(value);
    setActivation(null);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => validate(value), 300);
  };

  const activate = async () => {
    setActivation({ state: 'saving' });
    try {
      const document = JSON.parse(text);
      const version = isNew ? await api.createWorkflow(document) :
          await api.saveWorkflow(id, document);
      const savedText = documentText(version.document);
      setSaved(savedText);
      setText(savedText);
      setActivation({ state: 'done', version: version.version });
      setVersionsKey((k) => k + 1);
      if (isNew) navigate('/workflows/' + encodeURIComponent(version.id), { replace: true });
    } catch (error) {
      setActivation({ state: 'failed', error });
      if (error.fields && error.fields.length) {
        setVerdict({ state: 'invalid', problems: locate(text, error.fields), warnings: [] });
      }
    }
  };

  if (loaded.loading) return html`<h1>${t('editor.title')}</h1><${Loading} />`;
  if (loaded.error) return html`<h1>${t('editor.title')}</h1><${ErrorBox} error=${loaded.error} />`;

  let draft = null;
  try {
    draft = JSON.parse(text);
  } catch {
    draft = null;
  }
  const dirty = text !== saved;
  const name = draft && typeof draft.name === 'string' ? draft.name : (id || '');
  const canActivate = verdict.state === 'valid' && dirty;
  return html`<h1>${isNew ? t('editor.new_title') : t('editor.title_named', { name })}</h1>
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">${t('editor.timeline')}</h2>
      ${draft && html`<${WorkflowTimeline} steps=${draft.steps}
          invalidSteps=${stepIndexes(verdict.problems)} />`}
    </section>
    <section class="editor-pane" aria-labelledby="editor-heading">
      <h2 id="editor-heading">${t('editor.document')}</h2>
      <p id="verdict" class=${'verdict ' + verdict.state} role="status">
        ${t('editor.state.' + verdict.state)}${dirty && !isNew ? ' · ' + t('editor.unsaved') : ''}
      </p>
      <${JsonEditor} ref=${editor} id="workflow-json" label=${t('editor.document')}
        value=${text} onInput=${onInput} problems=${verdict.problems}
        describedBy="workflow-problems" />
      ${verdict.warnings.length > 0 && html`<ul class="warnings">
        ${verdict.warnings.map((w) => html`<li><code>${w.field || '/'}</code> ${w.message}</li>`)}
      </ul>`}
      <div class="actions">
        <button type="button" id="activate" disabled=${!canActivate} onClick=${activate}>
          ${t('editor.activate')}</button>
        ${dirty && !isNew && html`<button type="button" class="secondary"
            onClick=${() => onInput(saved)}>${t('editor.revert')}</button>`}
        <span role="status" class="activation">
          ${activation && activation.state === 'saving' && t('editor.saving')}
          ${activation && activation.state === 'done' &&
              t('editor.activated', { version: activation.version })}
        </span>
      </div>
      ${activation && activation.state === 'failed' &&
          html`<${ErrorBox} error=${activation.error} />`}
    </section>
    <${SimulatePanel} id=${isNew ? (draft && draft.id) : id} draft=${draft}
      onProblems=${(fields) => setVerdict({ state: 'invalid',
        problems: locate(text, fields, '/workflow'), warnings: [] })} />
    ${!isNew && html`<${VersionsPanel} key=${versionsKey} id=${id} draftText=${text}
        onLoad=${onInput} />`}`;
}
