// Sign in: paste an API token (`duly token create`); it is checked against the server and kept
// in sessionStorage for this tab only.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import * as session from '../session.js';
import { Field } from '../components/status.js';

export function SignInPage({ onSignedIn }) {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    const value = secret.trim();
    if (!value) {
      setError(t('signin.empty'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await api.whoAmI(value);
      session.signIn(value);
      onSignedIn();
    } catch (e) {
      setError(e.status === 401 ? t('signin.rejected') :
          e.status === 403 ? t('signin.forbidden') : e.message);
    } finally {
      setBusy(false);
    }
  };
  return html`<section class="signin">
    <h1>${t('signin.title')}</h1>
    <p>${t('signin.intro')}</p>
    <form onSubmit=${submit} novalidate>
      <${Field} label=${t('signin.token')} id="token" error=${error} hint=${t('signin.hint')}>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false"
               value=${secret} onInput=${(e) => setSecret(e.currentTarget.value)}
               aria-invalid=${error ? 'true' : 'false'}
               aria-describedby=${error ? 'token-error token-hint' : 'token-hint'} required />
      </${Field}>
      <button type="submit" disabled=${busy}>${t('signin.submit')}</button>
    </form>
  </section>`;
}
