/** Prints suite results (a metric × size table, notes, PASS/FAIL per target) and saves them as JSON. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Measurement, SuiteResult, TargetCheck } from './suite.ts';

export function formatSize(size: number): string {
  if (size >= 1e6 && size % 1e5 === 0) return `${size / 1e6}M`;
  if (size >= 1e3 && size % 100 === 0) return `${size / 1e3}k`;
  return String(size);
}

export function formatValue(value: number | string): string {
  if (typeof value === 'string') return value;
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && magnitude < 0.01) return value.toExponential(2);
  if (magnitude >= 1000 || Number.isInteger(value)) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(magnitude >= 100 ? 1 : 2);
}

function columnOf(measurement: Measurement): string {
  if (measurement.size === undefined) return '';
  return `${formatSize(measurement.size)}${measurement.projected ? ' (projected)' : ''}`;
}

export function formatTable(measurements: Measurement[]): string {
  const columns = [...new Set(measurements.map(columnOf))];
  const rows = [...new Set(measurements.map((m) => m.metric))];
  const cell = new Map(measurements.map((m) => [`${m.metric}\u0000${columnOf(m)}`, formatValue(m.value)]));
  const table = [
    ['', ...columns],
    ...rows.map((row) => [row, ...columns.map((c) => cell.get(`${row}\u0000${c}`) ?? '')]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
  return table
    .map((line) =>
      line.map((text, i) => (i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join('  '),
    )
    .join('\n');
}

function formatTargetValue(value: number, unit: string): string {
  if (unit === '%') return `${(value * 100).toFixed(1)}%`;
  if (unit === '×') return `${value.toFixed(1)}×`;
  if (unit === 'rate') return value.toExponential(2);
  if (unit === 'bool') return value >= 1 ? 'yes' : 'no';
  return `${formatValue(value)}${unit}`;
}

export function formatTarget(check: TargetCheck): string {
  const verdict = check.pass ? 'PASS' : 'FAIL';
  const actual = formatTargetValue(check.actual, check.unit);
  const target = formatTargetValue(check.target, check.unit);
  return `${verdict}  ${check.name}: ${actual} (target ${check.comparison} ${target})`;
}

export function formatSuite(name: string, result: SuiteResult): string {
  return [
    `== ${name} ==`,
    formatTable(result.measurements),
    ...result.notes.map((note) => `note: ${note}`),
    '',
    ...result.targets.map(formatTarget),
  ].join('\n');
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
