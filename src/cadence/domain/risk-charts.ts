import type { CalendarDate } from '../../core/domain/calendar.ts';
import type { Risk, RiskSnapshot } from './risk.ts';

/**
 * The weekly report's two pictures as Vega-Lite specs (plain JSON, rendered by src/platform/charts) and their alt
 * text. Pure: the same register gives the same spec. Colours come from viridis, which stays readable with every common
 * colour-vision deficiency and in greyscale; every number a chart shows is also in the report's text.
 */
export type ChartSpec = Record<string, unknown>;
export type Chart = { name: string; title: string; altText: string; spec: ChartSpec };

const LEVELS = [1, 2, 3, 4, 5];
/** Ids shown per line and lines per cell; past that the cell says how many more. */
const IDS_PER_LINE = 3;
const LINES_PER_CELL = 3;

export type HeatCell = { severity: number; likelihood: number; score: number; ids: number[]; label: string[] };

/** The 25 cells, severity 5 at the top, each with the ids of the open risks in it (lowest id first). */
export function heatMapCells(open: readonly Risk[]): HeatCell[] {
  const cells: HeatCell[] = [];
  for (const severity of LEVELS) {
    for (const likelihood of LEVELS) {
      const ids = open
        .filter((r) => r.status === 'open' && r.severity === severity && r.likelihood === likelihood)
        .map((r) => r.id)
        .sort((a, b) => a - b);
      const lines: string[] = [];
      for (let i = 0; i < ids.length && lines.length < LINES_PER_CELL; i += IDS_PER_LINE) {
        lines.push(
          ids
            .slice(i, i + IDS_PER_LINE)
            .map((id) => `#${id}`)
            .join(' '),
        );
      }
      const shown = Math.min(ids.length, IDS_PER_LINE * LINES_PER_CELL);
      if (ids.length > shown) lines[lines.length - 1] = `${lines.at(-1)} +${ids.length - shown}`;
      cells.push({ severity, likelihood, score: severity * likelihood, ids, label: lines });
    }
  }
  return cells;
}

export function heatMapChart(input: { releaseName: string; open: readonly Risk[]; asOf: CalendarDate }): Chart {
  const cells = heatMapCells(input.open);
  const occupied = cells.filter((c) => c.ids.length > 0).sort((a, b) => b.score - a.score || b.severity - a.severity);
  const altText =
    occupied.length === 0
      ? `Risk heat map of ${input.releaseName} on ${input.asOf}: no open risks.`
      : `Risk heat map of ${input.releaseName} on ${input.asOf}, severity by likelihood (1–5 each): ` +
        occupied
          .map(
            (c) =>
              `severity ${c.severity} × likelihood ${c.likelihood} (score ${c.score}): ${c.ids.map((id) => `#${id}`).join(', ')}`,
          )
          .join('; ') +
        '.';
  const axis = (title: string) => ({
    field: title === 'Likelihood' ? 'likelihood' : 'severity',
    type: 'ordinal',
    title,
    scale: { domain: title === 'Likelihood' ? LEVELS : [...LEVELS].reverse() },
    axis: { labelAngle: 0, labelFontSize: 13, titleFontSize: 14, titlePadding: 10 },
  });
  return {
    name: 'heat-map',
    title: `Risk heat map · ${input.releaseName} · ${input.asOf}`,
    altText: altText.slice(0, 1000),
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: `Open risks · ${input.releaseName}`, subtitle: `${input.asOf} · score = severity × likelihood` },
      width: 440,
      height: 440,
      data: { values: cells.map((c) => ({ ...c, count: c.ids.length })) },
      encoding: { x: axis('Likelihood'), y: axis('Severity') },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
          encoding: {
            color: {
              field: 'score',
              type: 'quantitative',
              title: 'Score',
              scale: { scheme: 'viridis', reverse: true, domain: [1, 25] },
              legend: { titleFontSize: 12, labelFontSize: 12, gradientLength: 200 },
            },
          },
        },
        {
          transform: [{ filter: 'datum.count > 0' }],
          mark: { type: 'text', fontSize: 14, fontWeight: 'bold', lineHeight: 18 },
          encoding: {
            text: { field: 'label' },
            // Dark ids on the light (low-score) end of the scale, white on the dark end.
            color: { condition: { test: 'datum.score >= 10', value: 'white' }, value: 'black' },
          },
        },
      ],
      config: { view: { stroke: null }, font: 'DejaVu Sans' },
    },
  };
}

export type TrendPoint = {
  at: Date;
  exposure: number;
  open: number;
  high: number;
  medium: number | null;
  low: number | null;
};

export function trendPoints(snapshots: readonly RiskSnapshot[]): TrendPoint[] {
  return snapshots.map((s) => ({
    at: s.takenAt,
    exposure: s.totalScore,
    open: s.openCount,
    high: s.highCount,
    medium: s.mediumCount ?? null,
    low: s.lowCount ?? null,
  }));
}

const BAND_COLOURS = { high: '#440154', medium: '#21918c', low: '#fde725' };

/**
 * Open exposure (a line) and the open count by band (stacked bars), one point per report, with the release's target
 * date as a labelled rule. A snapshot from before the bands were recorded has no bars, not zero ones.
 */
export function trendChart(input: {
  releaseName: string;
  points: readonly TrendPoint[];
  targetDate: CalendarDate;
}): Chart {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const rows = input.points.map((p) => ({ date: day(p.at), exposure: p.exposure, open: p.open }));
  const bands = input.points.flatMap((p) =>
    p.medium === null || p.low === null
      ? []
      : [
          { date: day(p.at), band: 'high', rank: 0, count: p.high },
          { date: day(p.at), band: 'medium', rank: 1, count: p.medium },
          { date: day(p.at), band: 'low', rank: 2, count: p.low },
        ],
  );
  const target = [{ date: input.targetDate, label: `target ${input.targetDate}` }];
  const dates = [...rows.map((r) => r.date), input.targetDate].sort();
  const x = {
    field: 'date',
    type: 'temporal',
    title: null,
    scale: { domain: [dates[0], dates.at(-1)], padding: 30 },
    axis: { format: '%b %d', labelFontSize: 12, tickCount: 'week', labelAngle: 0 },
  };
  const rule = {
    data: { values: target },
    layer: [
      { mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 2, color: '#333' }, encoding: { x } },
      {
        mark: { type: 'text', align: 'right', dx: -6, dy: 2, baseline: 'top', fontSize: 12, color: '#333' },
        encoding: { x, y: { value: 0 }, text: { field: 'label' } },
      },
    ],
  };
  const altText =
    rows.length === 0
      ? `Risk trend of ${input.releaseName}: no report yet; target ${input.targetDate}.`
      : `Risk trend of ${input.releaseName}, one point per report, target ${input.targetDate}: ` +
        input.points
          .map(
            (p) =>
              `${day(p.at)} exposure ${p.exposure}, ${p.open} open` +
              (p.medium === null || p.low === null ? '' : ` (high ${p.high}, medium ${p.medium}, low ${p.low})`),
          )
          .join('; ') +
        '.';
  return {
    name: 'trend',
    title: `Risk trend · ${input.releaseName}`,
    altText: altText.slice(0, 1000),
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: `Risk trend · ${input.releaseName}`, subtitle: 'one point per weekly report' },
      vconcat: [
        {
          width: 520,
          height: 180,
          layer: [
            {
              data: { values: rows },
              mark: { type: 'line', point: { size: 60, filled: true }, color: '#3b528b', strokeWidth: 3 },
              encoding: {
                x,
                y: {
                  field: 'exposure',
                  type: 'quantitative',
                  title: 'Open exposure',
                  axis: { titleFontSize: 13, labelFontSize: 12 },
                },
              },
            },
            rule,
          ],
        },
        {
          width: 520,
          height: 140,
          layer: [
            {
              data: { values: bands },
              mark: { type: 'bar', size: 18 },
              encoding: {
                x,
                y: {
                  field: 'count',
                  type: 'quantitative',
                  stack: 'zero',
                  title: 'Open risks',
                  axis: { titleFontSize: 13, labelFontSize: 12, tickMinStep: 1 },
                },
                color: {
                  field: 'band',
                  type: 'nominal',
                  title: 'Band',
                  scale: { domain: ['high', 'medium', 'low'], range: Object.values(BAND_COLOURS) },
                  legend: { orient: 'right', titleFontSize: 12, labelFontSize: 12 },
                },
                // High at the bottom of each bar, where it is read first.
                order: { field: 'rank', sort: 'ascending' },
              },
            },
            rule,
          ],
        },
      ],
      resolve: { scale: { x: 'shared' } },
      config: { font: 'DejaVu Sans', view: { stroke: null } },
    },
  };
}
