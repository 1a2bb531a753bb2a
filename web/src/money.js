// Amounts arrive from the API as decimal strings ("1234.50"); the UI adds them as integer cents,
// never as floats. Anything that is not such a string counts as 0.
export function toCents(amount) {
  const text = String(amount ?? '0').trim();
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return 0;
  const cents = Number(match[2]) * 100 + Number((match[3] || '0').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}
