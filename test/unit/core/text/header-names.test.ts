import { describe, expect, it } from 'vitest';
import {
  findHeaderColumn,
  findNamedColumn,
  normalizeHeaderName,
  PHONE_HEADERS,
  REGISTRATION_DATE_HEADERS,
} from '../../../../src/core/text/header-names.ts';

describe('header names', () => {
  it('normalises accents, case and punctuation', () => {
    expect(normalizeHeaderName(' Numéro de Téléphone ')).toBe('numero de telephone');
    expect(normalizeHeaderName('registered_on')).toBe('registered on');
    expect(normalizeHeaderName('Date d’inscription')).toBe('date d inscription');
    expect(normalizeHeaderName('TÉL.')).toBe('tel');
  });

  it('finds the phone column however it is spelled', () => {
    for (const name of [
      'Téléphone',
      'TELEPHONE',
      'Numéro de téléphone',
      'phone',
      'Mobile',
      'tel',
      'Numero',
      'Tél. portable',
      'phone_number',
      'E164',
    ])
      expect(findHeaderColumn(['id', name, 'Nom'], PHONE_HEADERS), name).toEqual({ kind: 'found', index: 1 });
  });

  it('prefers a phone name to a bare "numéro", which may be a customer number', () => {
    expect(findHeaderColumn(['Numéro', 'Téléphone'], PHONE_HEADERS)).toEqual({ kind: 'found', index: 1 });
    expect(findHeaderColumn(['Numéro client', 'Nom'], PHONE_HEADERS)).toEqual({ kind: 'none' });
  });

  it('calls two phone columns ambiguous, even when one has a whole phone name', () => {
    // Checking one of two numbers a row may be called on would leave the other unchecked.
    for (const header of [
      ['Nom', 'Téléphone fixe', 'Téléphone portable'],
      ['Téléphone', 'Mobile'],
      ['Phone', 'Phone 2'],
      ['Numéro', 'Tél. domicile'],
    ])
      expect(findHeaderColumn(header, PHONE_HEADERS).kind, header.join(',')).toBe('ambiguous');
    expect(findHeaderColumn(['Nom', 'Téléphone fixe', 'Ville'], PHONE_HEADERS)).toEqual({
      kind: 'found',
      index: 1,
    });
  });

  it('finds the registration date, never a birth date', () => {
    for (const name of [
      'registered_on',
      'date_inscription',
      "Date d'inscription",
      'registration_date',
      'date',
      'created_at',
      'Date de création',
      'Inscrit le',
      'Date inscription Bloctel',
      'Fecha alta',
      'Fecha de inscripción',
      'Data di iscrizione',
      'Inschrijvingsdatum',
      'Registrierungsdatum',
      'Eingetragen am',
    ])
      expect(findHeaderColumn(['phone', name], REGISTRATION_DATE_HEADERS), name).toEqual({
        kind: 'found',
        index: 1,
      });
    for (const birth of ['Date de naissance', 'Fecha de nacimiento', 'Data di nascita', 'Geburtsdatum'])
      expect(findHeaderColumn(['phone', birth], REGISTRATION_DATE_HEADERS), birth).toEqual({ kind: 'none' });
  });

  it('finds a column the user named the same way', () => {
    expect(findNamedColumn(['Nom', 'Téléphone'], 'telephone')).toBe(1);
    expect(findNamedColumn(['Nom', 'Téléphone'], 'mobile')).toBe(-1);
  });
});
