/**
 * Finding a column by its header as exports name it: "Téléphone", "TELEPHONE", "Numéro de téléphone",
 * "phone_number", "Date d'inscription", "registered_on". Names are compared accent-, case- and
 * punctuation-insensitively. Runtime-neutral: the builder and scrub pick columns the same way.
 */

/** "Numéro de téléphone" → "numero de telephone"; "registered_on" → "registered on"; "Tél." → "tel". */
export function normalizeHeaderName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface HeaderVocabulary {
  /** Whole names, normalised, in order of preference: the first present wins. */
  names: readonly string[];
  /** Words that make a name a candidate when no whole name matches; two candidates are ambiguous. */
  words: readonly string[];
  /**
   * Another column carrying one of the words makes even a whole-name match ambiguous. For phones:
   * "Téléphone fixe" beside "Téléphone portable", or "Téléphone" beside "Mobile", are two numbers a
   * row may be called on; checking one silently would leave the other unchecked.
   */
  wordsRivalNames?: boolean;
}

export const PHONE_HEADERS: HeaderVocabulary = {
  // Specific names first: "Numéro" or "number" alone may be a customer number next to "Téléphone".
  names: [
    'phone',
    'phone number',
    'telephone',
    'tel',
    'msisdn',
    'e164',
    'numero de telephone',
    'numero telephone',
    'num tel',
    'no tel',
    'n tel',
    'mobile',
    'portable',
    'gsm',
    'cell',
    'cellphone',
    'mobile phone',
    'phone mobile',
    'telephone mobile',
    'telephone portable',
    'numero de mobile',
    'numero mobile',
    // Spanish exports (Lista Robinson): "Teléfono", "Móvil".
    'telefono',
    'numero de telefono',
    'movil',
    'number',
    'numero',
  ],
  // Not "numero"/"number" alone: "Numéro client" or "account number" are not phone numbers.
  words: [
    'phone',
    'telephone',
    'tel',
    'mobile',
    'portable',
    'gsm',
    'msisdn',
    'cellphone',
    'cellulaire',
    'fixe',
    'telefono',
    'movil',
  ],
  wordsRivalNames: true,
};

export const REGISTRATION_DATE_HEADERS: HeaderVocabulary = {
  names: [
    'registered on',
    'registered at',
    'registration date',
    'date of registration',
    'date inscription',
    'date d inscription',
    'date de inscription',
    'inscription',
    'inscrit le',
    'date enregistrement',
    'date d enregistrement',
    'date de enregistrement',
    'created at',
    'created on',
    'creation date',
    'date creation',
    'date de creation',
    'signup date',
    'subscribed on',
    'subscription date',
    // The registers' other languages: Spain, Italy, Belgium and the Netherlands, Germany and Austria.
    'fecha alta',
    'fecha de alta',
    'fecha inscripcion',
    'fecha de inscripcion',
    'fecha registro',
    'fecha de registro',
    'data iscrizione',
    'data di iscrizione',
    'data registrazione',
    'data di registrazione',
    'datum inschrijving',
    'inschrijvingsdatum',
    'registratiedatum',
    'datum registratie',
    'anmeldedatum',
    'registrierungsdatum',
    'eintragungsdatum',
    'eingetragen am',
    'date',
  ],
  // Not "date" alone as a word: "Date de naissance" is a birth date, whose use would expire everyone.
  words: ['inscription', 'inscrit', 'registered', 'registration', 'enregistrement', 'signup', 'subscribed'],
};

/** The channels a registration is limited to (Spain's Lista Robinson: calls, SMS, e-mail, post). */
export const CHANNELS_HEADERS: HeaderVocabulary = {
  names: ['channels', 'channel', 'canales', 'canal', 'canaux', 'opt out channels', 'media'],
  words: ['channels', 'channel', 'canales', 'canal', 'canaux'],
};

/** The advertising sectors a registration is limited to. */
export const SECTORS_HEADERS: HeaderVocabulary = {
  names: ['sectors', 'sector', 'sectores', 'secteurs', 'secteur', 'opt out sectors', 'industries'],
  words: ['sectors', 'sector', 'sectores', 'secteurs', 'secteur'],
};

export type HeaderMatch =
  | { kind: 'found'; index: number }
  | { kind: 'ambiguous'; indexes: number[] }
  | { kind: 'none' };

export function findHeaderColumn(header: readonly string[], vocabulary: HeaderVocabulary): HeaderMatch {
  const normalized = header.map(normalizeHeaderName);
  const indexes: number[] = [];
  normalized.forEach((name, index) => {
    if (name.split(' ').some((word) => vocabulary.words.includes(word))) indexes.push(index);
  });
  for (const name of vocabulary.names) {
    const index = normalized.indexOf(name);
    if (index === -1) continue;
    const rivals = vocabulary.wordsRivalNames ? indexes.filter((other) => other !== index) : [];
    return rivals.length === 0
      ? { kind: 'found', index }
      : { kind: 'ambiguous', indexes: [index, ...rivals] };
  }
  if (indexes.length === 1) return { kind: 'found', index: indexes[0]! };
  return indexes.length > 1 ? { kind: 'ambiguous', indexes } : { kind: 'none' };
}

/** The column a user named: the same comparison, so `--column telephone` finds "Téléphone". */
export function findNamedColumn(header: readonly string[], wanted: string): number {
  const target = normalizeHeaderName(wanted);
  return header.findIndex((name) => normalizeHeaderName(name) === target);
}
