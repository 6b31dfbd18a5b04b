/**
 * Registration dates as spreadsheets and CRMs also write them, none of them ambiguous: Excel's serial
 * day numbers (a date column saved as "General": 45691 is 2025-02-03), ISO 8601's basic form
 * (20250203) and dates with the month in words, French or English ("3 févr. 2025", "1er mars 2024",
 * "Feb 3, 2025"). Read after the numeric forms of registration-date.ts, so they never change a date
 * those read.
 */

/** Excel's 1900 date system: serial 1 is 1900-01-01 and 1900-02-29 (which never was) is 60, so day 0 of every serial after it is 1899-12-30. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** 2000-01-01 to 2099-12-31: a five-digit number outside this is not a registration date. */
const EXCEL_SERIAL_RANGE = [36_526, 73_050] as const;
const EXCEL_SERIAL = /^(\d{5})(?:[.,]\d+)?$/;
const BASIC_ISO = /^((?:19|20)\d{2})(\d{2})(\d{2})$/;

const MONTHS: Record<string, number> = {
  janvier: 1,
  janv: 1,
  jan: 1,
  january: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  feb: 2,
  february: 2,
  mars: 3,
  mar: 3,
  march: 3,
  avril: 4,
  avr: 4,
  apr: 4,
  april: 4,
  mai: 5,
  may: 5,
  juin: 6,
  june: 6,
  jun: 6,
  juillet: 7,
  juil: 7,
  july: 7,
  jul: 7,
  aout: 8,
  aou: 8,
  august: 8,
  aug: 8,
  septembre: 9,
  sept: 9,
  sep: 9,
  september: 9,
  octobre: 10,
  oct: 10,
  october: 10,
  novembre: 11,
  nov: 11,
  november: 11,
  decembre: 12,
  dec: 12,
  december: 12,
};
/** "3 févr. 2025", "03 février 2025", "1er mars 2024", "3 Feb 2025". */
const DAY_MONTH_YEAR = /^(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})$/;
/** "Feb 3, 2025", "February 3 2025". */
const MONTH_DAY_YEAR = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/;

/** YYYY-MM-DD, or undefined when the value is none of these spellings (or no real day). */
export function readDateSpelling(value: string): string | undefined {
  const serial = EXCEL_SERIAL.exec(value);
  if (serial) {
    const day = Number(serial[1]);
    if (day < EXCEL_SERIAL_RANGE[0] || day > EXCEL_SERIAL_RANGE[1]) return undefined;
    return new Date(EXCEL_EPOCH_MS + day * DAY_MS).toISOString().slice(0, 10);
  }
  const basic = BASIC_ISO.exec(value);
  if (basic) return realDay(Number(basic[1]), Number(basic[2]), Number(basic[3]));
  // Accents off and lower case: "Févr." and "fevr" are the same month.
  const words = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
  const dayFirst = DAY_MONTH_YEAR.exec(words);
  if (dayFirst) return inWords(dayFirst[3]!, dayFirst[2]!, dayFirst[1]!);
  const monthFirst = MONTH_DAY_YEAR.exec(words);
  if (monthFirst) return inWords(monthFirst[3]!, monthFirst[1]!, monthFirst[2]!);
  return undefined;
}

function inWords(year: string, month: string, day: string): string | undefined {
  const number = MONTHS[month];
  return number === undefined ? undefined : realDay(Number(year), number, Number(day));
}

function realDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? date.toISOString().slice(0, 10) : undefined;
}
