import { expect, test } from 'vitest';
import type { Risk } from '../../../src/cadence/domain/risk.ts';
import { heatMapCells, heatMapChart } from '../../../src/cadence/domain/risk-charts.ts';
import { renderChart } from '../../../src/platform/charts/render.ts';
import { pngSize } from '../../helpers/png.ts';

function risk(id: number, severity: number, likelihood: number, status: Risk['status'] = 'open'): Risk {
  const at = new Date('2026-11-23T09:00:00Z');
  return {
    id,
    releaseId: 1,
    title: `risk ${id}`,
    severity,
    likelihood,
    ownerId: null,
    mitigation: null,
    dueDate: null,
    status,
    createdBy: 'URM',
    createdAt: at,
    updatedAt: at,
    reviewedAt: null,
    closedAt: null,
  };
}

/** Severity 5 × likelihood 5 holds three risks; a mitigated and a closed risk are not drawn. */
const REGISTER = [
  risk(1, 1, 1),
  risk(2, 5, 5),
  risk(3, 5, 5),
  risk(4, 5, 5),
  risk(5, 2, 4),
  risk(6, 4, 2),
  risk(7, 3, 3, 'mitigated'),
  risk(8, 1, 5, 'closed'),
  risk(12, 1, 5),
];

/** Each text mark of the SVG with where vega placed it (inside the plot's group). */
function texts(svg: string): Array<{ x: number; y: number; text: string }> {
  const found: Array<{ x: number; y: number; text: string }> = [];
  const pattern = /<text[^>]*transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*[^/]>((?:(?!<text)[\s\S])*?)<\/text>/g;
  for (const m of svg.matchAll(pattern)) {
    const text = (m[3] ?? '')
      .replace(/<tspan[^>]*>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .trim();
    found.push({ x: Number(m[1]), y: Number(m[2]), text });
  }
  return found;
}

test('a fixed register lands each open risk id in its severity × likelihood cell', async () => {
  const chart = heatMapChart({ releaseName: 'Checkout 2.0', open: REGISTER, asOf: '2026-11-30' });
  const { svg, png, width, height } = await renderChart(chart.spec);
  // The plot is 440 × 440 in 5 bands: likelihood 1..5 left to right, severity 5..1 top to bottom.
  const band = 440 / 5;
  const cellOf = (x: number, y: number) => ({
    likelihood: Math.floor(x / band) + 1,
    severity: 5 - Math.floor(y / band),
  });
  const idMarks = texts(svg).filter((t) => t.text.startsWith('#'));
  const placed = new Map<number, { severity: number; likelihood: number }>();
  for (const mark of idMarks) {
    for (const id of mark.text.match(/#\d+/g) ?? []) placed.set(Number(id.slice(1)), cellOf(mark.x, mark.y));
  }
  expect(Object.fromEntries(placed)).toEqual({
    1: { severity: 1, likelihood: 1 },
    2: { severity: 5, likelihood: 5 },
    3: { severity: 5, likelihood: 5 },
    4: { severity: 5, likelihood: 5 },
    5: { severity: 2, likelihood: 4 },
    6: { severity: 4, likelihood: 2 },
    12: { severity: 1, likelihood: 5 },
  });
  expect(svg).toContain('Likelihood');
  expect(svg).toContain('Severity');
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(pngSize(png)).toEqual({ width, height });
  expect(width).toBeGreaterThan(880);
  expect(height).toBeGreaterThan(880);
  expect(chart.altText).toContain('severity 5 × likelihood 5 (score 25): #2, #3, #4');
  expect(chart.altText).not.toContain('#7');
}, 30_000);

test('a crowded cell shows nine ids and how many more', () => {
  const crowded = Array.from({ length: 11 }, (_, i) => risk(i + 1, 3, 3));
  const cell = heatMapCells(crowded).find((c) => c.severity === 3 && c.likelihood === 3);
  expect(cell?.label).toEqual(['#1 #2 #3', '#4 #5 #6', '#7 #8 #9 +2']);
  expect(cell?.ids).toHaveLength(11);
});
