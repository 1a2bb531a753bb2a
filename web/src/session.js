// The signed-in session: the API token lives in sessionStorage (gone when the tab closes), the
// colleague the user works as and the language in localStorage (kept across visits).
const TOKEN_KEY = 'duly.token';
const COLLEAGUE_KEY = 'duly.colleague';
const LANGUAGE_KEY = 'duly.language';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function signIn(secret) {
  sessionStorage.setItem(TOKEN_KEY, secret.trim());
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export function colleague() {
  return localStorage.getItem(COLLEAGUE_KEY) || '';
}

export function setColleague(id) {
  if (id) localStorage.setItem(COLLEAGUE_KEY, id);
  else localStorage.removeItem(COLLEAGUE_KEY);
}

export function storedLanguage() {
  return localStorage.getItem(LANGUAGE_KEY) || '';
}

export function storeLanguage(language) {
  localStorage.setItem(LANGUAGE_KEY, language);
}
