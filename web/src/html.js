// htm bound to Preact's h: every component writes html`<div>...</div>`.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
