/**
 * Numbers, sizes, dates and durations as a person reads them in their language (Intl): "1 234 lignes",
 * "137 ko", "6 décembre 2026 à 01:00", "environ 11 minutes". Shared by the status page (rendered on
 * the server, dates in UTC) and /scrub's script (the person's time zone).
 */

export interface Formats {
  locale: string;
  number(value: number): string;
  percent(done: number, total: number): string;
  bytes(value: number): string;
  /** A day: "6 December 2026". */
  date(iso: string): string;
  /** A moment: "6 December 2026, 01:00" (with the zone's name when it is UTC). */
  dateTime(iso: string): string;
  /** About how long: "40 seconds", "11 minutes", rounded to seconds, minutes, hours, days or years. */
  duration(minutes: number): string;
}

export function formatsFor(locale: string, timeZone?: string): Formats {
  const numbers = new Intl.NumberFormat(locale);
  const zone = timeZone ? { timeZone } : {};
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', ...zone });
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', ...zone });
  // dateStyle cannot be combined with timeZoneName: the zone is named by hand when it is UTC.
  const zoneName = timeZone === 'UTC' ? ' UTC' : '';
  const unit = (value: number, name: string, digits = 0) =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: name,
      unitDisplay: 'short',
      maximumFractionDigits: digits,
    }).format(value);
  const longUnit = (value: number, name: string) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  return {
    locale,
    number: (value) => numbers.format(value),
    percent: (done, total) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
        total === 0 ? 1 : Math.min(1, done / total),
      ),
    // Units of 1000, as browsers and file managers show downloads.
    bytes: (value) =>
      value >= 1e6
        ? unit(value / 1e6, 'megabyte', value < 1e7 ? 1 : 0)
        : unit(Math.max(value, 1) / 1e3, 'kilobyte', value < 1e4 ? 1 : 0),
    date: (iso) => day.format(new Date(iso)),
    dateTime: (iso) => `${moment.format(new Date(iso))}${zoneName}`,
    duration: (minutes) => {
      // A walk under a minute in seconds: "1 minute" would overstate what protects the list.
      if (minutes < 1) return longUnit(Math.max(1, Math.round(minutes * 60)), 'second');
      if (minutes < 120) return longUnit(Math.round(minutes), 'minute');
      const hours = minutes / 60;
      if (hours < 72) return longUnit(Math.round(hours), 'hour');
      const days = hours / 24;
      if (days < 730) return longUnit(Math.round(days), 'day');
      return longUnit(Math.round(days / 365), 'year');
    },
  };
}
