/**
 * A Lista Robinson export in Spanish through the builder's keying layer (src/builder/entry-keys.ts):
 * read from its bytes (UTF-8 and Windows-1252, `;`, quoted cells) by the real reader, every row's
 * channels and sectors reach the labels its codes give; a value that is no code and no alias refuses
 * the row with the codes accepted and the existence of aliases said, never a digit of the value.
 * Then built: the Spanish export gives the same filters as the same registrations written in codes,
 * and the manifest signs the register's rules exactly as before aliases existed.
 */
import { describe, expect, it } from 'vitest';
import { labelsOfRow } from '../../../src/builder/entry-keys.ts';
import { readRegistry } from '../../../src/builder/input/read-registry.ts';
import type { InputDescription, InputRecord } from '../../../src/builder/input/record.ts';
import { canonicalJson } from '../../../src/core/encoding/canonical-json.ts';
import { builtinProfile } from '../../../src/core/registers/builtin-profiles.ts';
import {
  type ProfileScopes,
  type RegisterRules,
  registerRulesOf,
} from '../../../src/core/registers/profile.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';
import { spanishNumbers } from '../../helpers/register-fixtures.ts';
import {
  ROBINSON_SIGNED_RULES,
  robinsonExport,
  SPANISH_SHAPES,
  shapeOf,
  windows1252,
} from '../../helpers/robinson-export.ts';

const numbers = spanishNumbers(40, 1234);

async function read(bytes: Buffer): Promise<{ records: InputRecord[]; description: InputDescription }> {
  async function* source() {
    yield bytes;
  }
  const description: InputDescription = {};
  const records: InputRecord[] = [];
  for await (const batch of readRegistry(source(), { scopeColumns: {} }, 'ES', description))
    records.push(...batch);
  return { records, description };
}

/** The register's profile scopes (aliases included), as a build from its profile reads the export. */
const ROBINSON_SCOPES = builtinProfile('es-robinson')!.scopes!;

const labels = (row: Pick<InputRecord, 'channels' | 'sectors'>) => {
  const result = labelsOfRow(ROBINSON_SCOPES, { line: 2, phone: '', ...row });
  if (!result.ok) throw new Error(result.text);
  return result.labels;
};

describe('a Spanish Lista Robinson export through the keying layer', () => {
  it('reads every row of the UTF-8 and the Windows-1252 export to the labels of its codes', async () => {
    const text = robinsonExport(numbers);
    for (const [encoding, bytes] of [
      ['utf-8', Buffer.from(text)],
      ['windows-1252', windows1252(text)],
    ] as const) {
      const { records, description } = await read(bytes);
      expect(description).toMatchObject({
        encoding,
        delimiter: ';',
        phoneColumn: 'Teléfono',
        channelsColumn: 'Canales',
        sectorsColumn: 'Sectores',
      });
      expect(records).toHaveLength(numbers.length);
      records.forEach((record, i) => {
        expect(record.channels, `${encoding} row ${i}`).toBe(shapeOf(i).channels);
        expect(labels(record), `${encoding} row ${i}`).toEqual(labels(shapeOf(i).codes));
      });
    }
  });

  it('gives every shape the registration its codes say', () => {
    expect(labels({ channels: 'Teléfono, SMS', sectors: '' })).toEqual(['call/*', 'sms/*', '?/*']);
    expect(labels({ channels: 'Telefono', sectors: 'Energía y suministros' })).toEqual([
      'call/energy',
      'call/?',
      '?/energy',
      '?/?',
    ]);
    expect(labels({ channels: 'Todos', sectors: 'todos' })).toEqual(['*/*']);
    // Every channel named, in Spanish: all channels, one entry.
    expect(labels({ channels: 'llamadas|SMS/MMS|correo electrónico|correo postal', sectors: '' })).toEqual([
      '*/*',
    ]);
    for (const shape of SPANISH_SHAPES) expect(labels(shape)).toEqual(labels(shape.codes));
  });

  it('refuses a value that is no code and no alias: the codes and their aliases said, no digit shown', () => {
    const refused = (channels: string, sectors = '') => {
      const result = labelsOfRow(ROBINSON_SCOPES, { line: 9, phone: '', channels, sectors });
      if (result.ok) throw new Error(`"${channels}" was accepted`);
      return result;
    };
    expect(refused('Fax, Teléfono')).toMatchObject({
      reason: 'UNKNOWN_CHANNEL',
      value: 'Fax',
      text: 'a channel the register\'s profile does not declare: "Fax" (accepted: call, sms, email, post, or an alias of one: docs/REGISTERS.md)',
    });
    // `correo` alone could be post or e-mail: refused, not guessed.
    expect(refused('correo').text).toContain('"correo"');
    const sector = refused('llamadas', 'juguetes');
    expect(sector.reason).toBe('UNKNOWN_SECTOR');
    expect(sector.text).toMatch(/"juguetes" \(accepted: energy, telecoms, .*, charity, or an alias of one/);
    // A phone number shifted into the channels column is never repeated.
    const shifted = refused('612345678');
    expect(shifted.text).toContain('a value not shown (it holds digits or control characters)');
    expect(shifted.text).not.toMatch(/\d{3}/);
  });
});

describe('a build of the Spanish export', () => {
  /** The manifest's register and the shards' SHA-256 of a build of `text` under `register`. */
  async function build(
    text: string,
    register: RegisterRules,
    keys = newOperatorKeys(),
    exportScopes?: ProfileScopes,
  ) {
    async function* rows() {
      yield (await read(Buffer.from(text))).records;
    }
    const rejects: string[] = [];
    const report = await buildInto(tempFileStore(), keys, [], {
      rows: rows(),
      region: 'ES',
      register,
      ...(exportScopes ? { exportScopes } : {}),
      shardMaxBytes: 4096,
      onReject: (reject) => rejects.push(`${reject.line} ${reject.code}`),
    });
    const manifest = report.signed.manifest;
    return {
      register: manifest.register,
      registerBytes: canonicalJson(manifest.register),
      shards: manifest.shards.map((shard) => shard.sha256),
      counts: manifest.counts,
      rejects,
    };
  }

  it('signs the rules main signed, and enters what the same export in codes enters', async () => {
    const keys = newOperatorKeys();
    // main's code path: its rules object, the export in codes (all it could read).
    const before = await build(robinsonExport(numbers, { codes: true }), ROBINSON_SIGNED_RULES, keys);
    const profile = builtinProfile('es-robinson')!;
    const now = await build(robinsonExport(numbers), registerRulesOf(profile), keys, profile.scopes);
    expect(before.rejects).toEqual([]);
    expect(now.rejects).toEqual([]);
    expect(now.register).toEqual(ROBINSON_SIGNED_RULES);
    expect(now.registerBytes).toBe(canonicalJson(ROBINSON_SIGNED_RULES));
    expect(now.registerBytes).toBe(before.registerBytes);
    expect(JSON.stringify(now.register)).not.toContain('aliases');
    expect(now.counts).toEqual(before.counts);
    expect(now.shards).toEqual(before.shards);
  });

  it('reads codes only without the profile scopes, and refuses scopes of other codes', async () => {
    const keys = newOperatorKeys();
    const profile = builtinProfile('es-robinson')!;
    // The signed rules alone read codes: the Spanish cells refuse their rows, and so the build.
    await expect(build(robinsonExport(numbers), registerRulesOf(profile), keys)).rejects.toThrow(
      /rows rejected .*: nothing published/,
    );
    const scopes = profile.scopes!;
    const other = { ...scopes, channels: scopes.channels.slice(1) };
    await expect(build(robinsonExport(numbers), registerRulesOf(profile), keys, other)).rejects.toThrow(
      /the channels and sectors the export is read with .* are not the register's/,
    );
  });
});
