// The shell: sign-in gate, header with navigation, language switch and sign out, and the page
// the current path names. The main landmark receives focus after each navigation so keyboard and
// screen-reader users land on the new content.
import { useEffect, useRef } from 'preact/hooks';
import { html } from './html.js';
import { t, language, languages, setLanguage } from './i18n.js';
import { useSignal } from './hooks.js';
import { path, match, Link, navigate } from './router.js';
import { screens } from './screens.js';
import { signal } from './signal.js';
import * as session from './session.js';
import { whenUnauthenticated } from './api.js';
import { SignInPage } from './pages/signin.js';

const signedIn = signal(Boolean(session.token()));

export function markSignedIn() {
  signedIn.set(true);
}

whenUnauthenticated(() => {
  session.signOut();
  signedIn.set(false);
});

function LanguageSwitch() {
  const current = useSignal(language);
  return html`<div class="language" role="group" aria-label=${t('language.label')}>
    ${languages.map((code) => html`<button type="button" lang=${code}
        aria-pressed=${current === code ? 'true' : 'false'}
        onClick=${() => setLanguage(code)}>${t('language.' + code)}</button>`)}
  </div>`;
}

// The screen is the current page or one of its sub-pages (/workflows/std under /workflows).
function isCurrent(screenPath, current) {
  const pathname = current.split('?')[0];
  if (screenPath === '/') return pathname === '/';
  return pathname === screenPath || pathname.startsWith(screenPath + '/');
}

function NotFoundPage() {
  return html`<h1>${t('notfound.title')}</h1><p><${Link} href="/">${t('nav.dashboard')}</${Link}></p>`;
}

export function App() {
  useSignal(language);  // re-render every string on a language switch
  const current = useSignal(path);
  const isSignedIn = useSignal(signedIn);
  const main = useRef(null);
  let page = NotFoundPage;
  let params = {};
  let title = 'notfound.title';
  for (const screen of screens) {
    const found = match(screen.path, current);
    if (found) {
      page = screen.page;
      params = found;
      title = screen.title;
      break;
    }
  }
  const firstRender = useRef(true);
  useEffect(() => {
    document.title = `${t(isSignedIn ? title : 'signin.title')} · duly`;
  }, [current, isSignedIn, language.value]);
  useEffect(() => {
    // After a navigation (not on the first load, where Tab must reach the skip link first).
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (main.current && (document.activeElement === document.body ||
        !main.current.contains(document.activeElement))) main.current.focus();
  }, [current, isSignedIn]);
  const signOut = () => {
    session.signOut();
    signedIn.set(false);
    navigate('/');
  };
  const Page = page;
  return html`
    <a class="skip" href="#main">${t('nav.skip')}</a>
    <header class="top">
      <span class="brand">duly</span>
      ${isSignedIn && html`<nav aria-label=${t('nav.label')}>
        <ul>${screens.filter((s) => s.nav).map((s) => html`<li>
          <${Link} href=${s.path}
            aria-current=${isCurrent(s.path, current) ? 'page' : undefined}>${t(s.title)}</${Link}>
        </li>`)}</ul>
      </nav>`}
      <${LanguageSwitch} />
      ${isSignedIn && html`<button type="button" class="secondary" onClick=${signOut}>
        ${t('signin.out')}</button>`}
    </header>
    <main id="main" tabindex="-1" ref=${main}>
      ${isSignedIn ? html`<${Page} ...${params} key=${current.split('?')[0]} />` :
          html`<${SignInPage} onSignedIn=${markSignedIn} />`}
    </main>`;
}
