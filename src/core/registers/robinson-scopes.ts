/**
 * Spain's Lista Robinson (`es-robinson`, builtin-profiles.ts) answers per channel and per advertising
 * sector: its choices, and the words a Spanish export writes them with.
 */
import type { ProfileScopes } from './profile.ts';

/**
 * Lista Robinson's channels, and the advertising sectors quietlist names for it (docs/REGISTERS.md):
 * Adigital answers per channel and per sector, and a company may call a number opted out only of
 * other sectors. Where the register's own sector list differs, a profile file declares it.
 *
 * Each choice's aliases are how a Spanish export writes it: its Spanish name as the names above and
 * the scrub page's Spanish give it (`llamadas telefónicas`, `SMS y MMS`, `correo postal`, `energía y
 * suministros`), the shorter forms exports use (`llamadas`, `Teléfono`, `SMS/MMS`, `energía`) and the
 * English words. Accents, case and spaces around do not matter (`TELEFONO`). A word that
 * could mean two channels is left out on purpose: `correo` alone (post or e-mail) and `mail` (e-mail in
 * Spain, post in English) are refused rather than read as one of them.
 */
export const ROBINSON_SCOPES: ProfileScopes = {
  channels: [
    {
      code: 'call',
      name: 'telephone calls (llamadas)',
      aliases: [
        'llamadas',
        'llamada',
        'llamadas telefónicas',
        'llamada telefónica',
        'teléfono',
        'teléfonos',
        'telefónico',
        'telefonía',
        'phone',
        'telephone',
        'calls',
        'phone calls',
        'telephone calls',
      ],
    },
    {
      code: 'sms',
      name: 'SMS and MMS',
      aliases: [
        'SMS/MMS',
        'SMS y MMS',
        'SMS-MMS',
        'MMS',
        'mensajes',
        'mensajes de texto',
        'mensaje de texto',
        'mensajes SMS',
        'text messages',
      ],
    },
    {
      code: 'email',
      name: 'e-mail (correo electrónico)',
      aliases: ['correo electrónico', 'correos electrónicos', 'correo-e', 'e-mail', 'e-mails', 'emails'],
    },
    {
      code: 'post',
      name: 'post (correo postal)',
      aliases: [
        'correo postal',
        'correo ordinario',
        'correo convencional',
        'correo físico',
        'postal',
        'carta',
        'cartas',
        'publicidad por correo postal',
        'postal mail',
        'letters',
      ],
    },
  ],
  sectors: [
    {
      code: 'energy',
      name: 'energy and utilities (energía y suministros)',
      aliases: ['energía y suministros', 'energía', 'suministros', 'electricidad y gas', 'utilities'],
    },
    {
      code: 'telecoms',
      name: 'telecommunications (telecomunicaciones)',
      aliases: [
        'telecomunicaciones',
        'telecomunicación',
        'telecom',
        'telefonía',
        'telefonía e internet',
        'telecommunications',
      ],
    },
    {
      code: 'finance',
      name: 'banking and finance (banca y finanzas)',
      aliases: [
        'banca y finanzas',
        'banca',
        'finanzas',
        'servicios financieros',
        'entidades financieras',
        'banking',
        'banking and finance',
      ],
    },
    {
      code: 'insurance',
      name: 'insurance (seguros)',
      aliases: ['seguros', 'seguro', 'aseguradoras'],
    },
    {
      code: 'retail',
      name: 'retail and consumer goods (comercio y consumo)',
      aliases: ['comercio y consumo', 'comercio', 'consumo', 'gran consumo', 'consumer goods'],
    },
    {
      code: 'travel',
      name: 'travel and leisure (viajes y ocio)',
      aliases: ['viajes y ocio', 'viajes', 'ocio', 'turismo', 'viajes y turismo', 'leisure'],
    },
    {
      code: 'automotive',
      name: 'motoring (automoción)',
      aliases: ['automoción', 'automóvil', 'automóviles', 'motor', 'motoring'],
    },
    {
      code: 'media',
      name: 'media and publishing (medios y publicaciones)',
      aliases: [
        'medios y publicaciones',
        'medios',
        'publicaciones',
        'medios de comunicación',
        'editorial',
        'prensa',
        'publishing',
      ],
    },
    {
      code: 'education',
      name: 'education and training (formación)',
      aliases: [
        'formación',
        'educación',
        'formación y educación',
        'educación y formación',
        'enseñanza',
        'training',
      ],
    },
    {
      code: 'health',
      name: 'health and wellbeing (salud y bienestar)',
      aliases: ['salud y bienestar', 'salud', 'bienestar', 'sanidad', 'wellbeing'],
    },
    {
      code: 'charity',
      name: 'charities and NGOs (ONG)',
      aliases: [
        'ONG',
        'ONGs',
        'ONG y entidades benéficas',
        'entidades benéficas',
        'entidades sin ánimo de lucro',
        'sin ánimo de lucro',
        'fundaciones',
        'charities',
        'NGO',
        'NGOs',
      ],
    },
  ],
};
