// Client-side routing over the History API: the current path is a signal; <Link> and navigate()
// push a new entry; patterns are literal segments and :name parameters ("/customers/:id").
import { html } from './html.js';
import { signal } from './signal.js';

export const path = signal(location.pathname + location.search);

export function navigate(to, { replace = false } = {}) {
  if (to === path.value) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  path.set(to);
}

addEventListener('popstate', () => path.set(location.pathname + location.search));

export function match(pattern, current) {
  const [pathname] = current.split('?');
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

export function queryParam(name) {
  const [, search = ''] = path.value.split('?');
  return new URLSearchParams(search).get(name) || '';
}

export function Link({ href, children, ...rest }) {
  const onClick = (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}
