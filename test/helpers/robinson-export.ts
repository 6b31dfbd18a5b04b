/**
 * A Lista Robinson export as a Spanish operator's system writes it (docs/REGISTERS.md, "Channels and
 * sectors in an export"): `;`-separated, a header in Spanish, channels and sectors in the register's own
 * words with their accents, capitals and the accents Excel drops, cells quoted where they hold a
 * separator; in UTF-8 or Windows-1252. Beside it, the same registrations written with the codes, the
 * export every build before aliases accepted: both must give the same filters.
 */
import type { RegisterRules } from '../../src/core/registers/profile.ts';
import type { RobinsonRow } from './register-fixtures.ts';

/** One registration as the export writes it, and the same in codes. */
export interface SpanishShape {
  channels: string;
  sectors: string;
  codes: Omit<RobinsonRow, 'phone'>;
}

export const SPANISH_SHAPES: readonly SpanishShape[] = [
  { channels: 'Teléfono, SMS', sectors: '', codes: { channels: 'call|sms', sectors: '' } },
  {
    channels: 'LLAMADAS|correo postal',
    sectors: 'Energía y suministros',
    codes: { channels: 'call|post', sectors: 'energy' },
  },
  { channels: 'Telefono', sectors: '', codes: { channels: 'call', sectors: '' } },
  {
    channels: 'Correo electrónico',
    sectors: 'TELECOMUNICACIONES; Banca y Finanzas',
    codes: { channels: 'email', sectors: 'telecoms|finance' },
  },
  { channels: 'SMS/MMS', sectors: 'Automocion', codes: { channels: 'sms', sectors: 'automotive' } },
  { channels: 'Todos', sectors: 'ONG', codes: { channels: '', sectors: 'charity' } },
  {
    channels: ' llamadas telefónicas ; e-mail',
    sectors: 'Viajes y ocio|Salud',
    codes: { channels: 'call|email', sectors: 'travel|health' },
  },
  { channels: '', sectors: '', codes: { channels: '', sectors: '' } },
  { channels: 'Correo Postal', sectors: 'Formación', codes: { channels: 'post', sectors: 'education' } },
  {
    channels: 'mensajes',
    sectors: 'seguros, comercio y consumo',
    codes: { channels: 'sms', sectors: 'insurance|retail' },
  },
];

/** The shape of the i-th registration. */
export const shapeOf = (i: number): SpanishShape => SPANISH_SHAPES[i % SPANISH_SHAPES.length]!;

const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

/**
 * The export's text: header `Teléfono;Canales;Sectores`, one row per number (its 9 national digits),
 * the i-th in the i-th shape; `codes` writes the codes instead of the Spanish words. `extra` rows are
 * appended as they are.
 */
export function robinsonExport(
  e164s: readonly string[],
  options: { codes?: boolean; extra?: string[] } = {},
) {
  const lines = e164s.map((e164, i) => {
    const shape = shapeOf(i);
    const cells = options.codes ? shape.codes : shape;
    return `${e164.slice(3)};${quoted(cells.channels)};${quoted(cells.sectors)}`;
  });
  return `Teléfono;Canales;Sectores\r\n${[...lines, ...(options.extra ?? [])].join('\r\n')}\r\n`;
}

/** The text in Windows-1252, as Excel saves "CSV (separado por punto y coma)" in Spain. */
export function windows1252(text: string): Buffer {
  if ([...text].some((c) => c.codePointAt(0)! > 0xff))
    throw new RangeError('only Latin-1 characters in these fixtures');
  return Buffer.from(text, 'latin1');
}

/**
 * What Lista Robinson's manifest `register` was before aliases existed, byte for byte (main's
 * `registerRulesOf(builtinProfile('es-robinson'))`): what every deployed client reads.
 */
export const ROBINSON_SIGNED_RULES: RegisterRules = {
  id: 'es-robinson',
  name: 'Lista Robinson',
  country: 'ES',
  lines: 'consumers',
  validity: 'never',
  rescrubDays: 30,
  languages: ['es', 'en'],
  scopes: {
    channels: [
      { code: 'call', name: 'telephone calls (llamadas)' },
      { code: 'sms', name: 'SMS and MMS' },
      { code: 'email', name: 'e-mail (correo electrónico)' },
      { code: 'post', name: 'post (correo postal)' },
    ],
    sectors: [
      { code: 'energy', name: 'energy and utilities (energía y suministros)' },
      { code: 'telecoms', name: 'telecommunications (telecomunicaciones)' },
      { code: 'finance', name: 'banking and finance (banca y finanzas)' },
      { code: 'insurance', name: 'insurance (seguros)' },
      { code: 'retail', name: 'retail and consumer goods (comercio y consumo)' },
      { code: 'travel', name: 'travel and leisure (viajes y ocio)' },
      { code: 'automotive', name: 'motoring (automoción)' },
      { code: 'media', name: 'media and publishing (medios y publicaciones)' },
      { code: 'education', name: 'education and training (formación)' },
      { code: 'health', name: 'health and wellbeing (salud y bienestar)' },
      { code: 'charity', name: 'charities and NGOs (ONG)' },
    ],
  },
};
