// Translation: every string the UI shows comes from a message catalogue (messages/en.js,
// messages/nl.js) by key; {name} placeholders are filled from params. A missing key shows the key
// itself, so a gap is visible (and test/catalogues.test.js keeps both catalogues in step).
import { signal } from './signal.js';
import { storedLanguage, storeLanguage } from './session.js';
import en from './messages/en.js';
import nl from './messages/nl.js';
import { toCents } from './money.js';

export { toCents };

export const catalogues = { en, nl };
export const languages = ['en', 'nl'];

function initialLanguage() {
  const stored = storedLanguage();
  if (languages.includes(stored)) return stored;
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return languages.includes(browser) ? browser : 'en';
}

export const language = signal(initialLanguage());

export function setLanguage(code) {
  if (!languages.includes(code)) return;
  storeLanguage(code);
  document.documentElement.lang = code;
  language.set(code);
}

export function t(key, params) {
  const text = catalogues[language.value][key] ?? catalogues.en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name) =>
    params[name] === undefined ? match : String(params[name]));
}

// Locale-aware formats for the current language.
function locale() {
  return language.value === 'nl' ? 'nl-NL' : 'en-GB';
}

// Amounts arrive as decimal strings ("1234.50"); shown with the currency, never as floats summed.
export function money(amount, currency = 'EUR') {
  const cents = toCents(amount);
  return new Intl.NumberFormat(locale(), { style: 'currency', currency })
      .format(cents / 100);
}

export function moneyCents(cents, currency = 'EUR') {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(cents / 100);
}

export function date(text) {
  if (!text) return '';
  const value = new Date(text.length === 10 ? text + 'T00:00:00' : text);
  if (Number.isNaN(value.getTime())) return text;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(value);
}

export function dateTime(text) {
  if (!text) return '';
  const value = new Date(text);
  if (Number.isNaN(value.getTime())) return text;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' })
      .format(value);
}

export function number(value) {
  return new Intl.NumberFormat(locale()).format(value);
}
