// Entry point: renders the app into <body>'s #app.
import { render } from 'preact';
import { html } from './html.js';
import { App } from './app.js';
import { language } from './i18n.js';
import './styles.css';

document.documentElement.lang = language.value;
render(html`<${App} />`, document.getElementById('app'));
