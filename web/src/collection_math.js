// Figures the dashboard computes from the invoices themselves while no report API answers:
// open and overdue totals and the aging buckets (not due, 1-30, 31-60, 61-90, 90+ days past
// due), in integer cents. `today` is a YYYY-MM-DD string.
import { toCents } from './money.js';

export const BUCKETS = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'];

export function daysBetween(from, to) {
  const start = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10));
  const end = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10));
  return Math.round((end - start) / 86400000);
}

export function bucketOf(daysPastDue) {
  if (daysPastDue <= 0) return 'not_due';
  if (daysPastDue <= 30) return 'd1_30';
  if (daysPastDue <= 60) return 'd31_60';
  if (daysPastDue <= 90) return 'd61_90';
  return 'd90_plus';
}

export function aging(invoices, today) {
  const buckets = Object.fromEntries(BUCKETS.map((b) => [b, { cents: 0, count: 0 }]));
  let open = 0;
  let overdue = 0;
  let overdueCount = 0;
  const customers = new Set();
  for (const invoice of invoices) {
    if (invoice.status !== 'open') continue;
    const cents = toCents(invoice.open_amount ?? invoice.amount);
    const days = daysBetween(invoice.due, today);
    const bucket = buckets[bucketOf(days)];
    bucket.cents += cents;
    bucket.count += 1;
    open += cents;
    if (days > 0) {
      overdue += cents;
      overdueCount += 1;
      customers.add(invoice.customer);
    }
  }
  return { buckets, open, overdue, overdueCount, overdueCustomers: customers.size,
    count: invoices.filter((i) => i.status === 'open').length };
}

export function todayIso(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// A step's "at" ("due-5d", "due+4h") as days relative to the due date, or null when malformed.
export function stepOffsetDays(at) {
  const match = /^due([+-])(\d{1,6})([dh])$/.exec(String(at ?? ''));
  if (!match) return null;
  const amount = Number(match[2]) * (match[1] === '-' ? -1 : 1);
  return match[3] === 'd' ? amount : amount / 24;
}
