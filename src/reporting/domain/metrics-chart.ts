import { calendarDateIn, daysBetween } from '../../core/domain/calendar.ts';
import type { MetricsRelease } from './metrics.ts';

/**
 * `/release metrics`' picture: one column per release (oldest left), three rows sharing it — delivered on time, the
 * deployment succeeded, and hours from Go to shipped. A release a figure does not apply to (not done, not shipped, no
 * recorded Go, an emergency ship) has no mark there: a gap, never a zero. Pure: a Vega-Lite spec as plain JSON, drawn
 * by src/platform/charts; viridis' ends for yes / no, which stay apart for every common colour-vision deficiency.
 */
export type MetricsChart = { name: string; title: string; altText: string; spec: Record<string, unknown> };

export type ReleasePoint = {
  release: string;
  order: number;
  onTime: boolean | null;
  deployed: boolean | null;
  goToShippedHours: number | null;
};

const throughTheGate = (r: MetricsRelease) => r.emergencyShip !== true;

export function releasePoints(releases: readonly MetricsRelease[]): ReleasePoint[] {
  // The metrics list newest first; a trend reads left to right, oldest first.
  return [...releases].reverse().map((r, order) => {
    const delivered = r.shippedAt ?? r.endedAt;
    const onTime =
      r.status === 'done' && throughTheGate(r) && delivered !== null
        ? daysBetween(calendarDateIn(delivered, r.timeZone), r.targetDate) >= 0
        : null;
    const deployed =
      r.shippedAt !== null && (r.status === 'done' || r.status === 'rolled_back') && throughTheGate(r)
        ? r.status === 'done'
        : null;
    const goToShippedHours =
      r.shippedAt !== null && r.goDecidedAt !== null && r.goDecidedAt <= r.shippedAt
        ? Math.round(((r.shippedAt.getTime() - r.goDecidedAt.getTime()) / 3_600_000) * 10) / 10
        : null;
    return { release: r.name, order, onTime, deployed, goToShippedHours };
  });
}

const YES = '#21918c';
const NO = '#440154';

export function metricsChart(releases: readonly MetricsRelease[]): MetricsChart {
  const points = releasePoints(releases);
  const names = points.map((p) => p.release);
  const outcome = (value: boolean | null, yes: string, no: string) => (value === null ? null : value ? yes : no);
  const outcomes = points.flatMap((p) => [
    ...(p.onTime === null ? [] : [{ release: p.release, row: 'On time', outcome: outcome(p.onTime, 'yes', 'no') }]),
    ...(p.deployed === null
      ? []
      : [{ release: p.release, row: 'Deployment succeeded', outcome: outcome(p.deployed, 'yes', 'no') }]),
  ]);
  const x = {
    field: 'release',
    type: 'ordinal',
    title: null,
    sort: names,
    scale: { domain: names },
    axis: { labelAngle: names.length > 6 ? -40 : 0, labelFontSize: 12, labelLimit: 120 },
  };
  const describe = (value: boolean | null, yes: string, no: string) => (value === null ? 'no data' : value ? yes : no);
  const altText =
    points.length === 0
      ? 'Release metrics: no finished release yet.'
      : `Release metrics for the last ${points.length} finished releases, oldest first: ` +
        points
          .map(
            (p) =>
              `${p.release}: ${describe(p.onTime, 'on time', 'late')}, deployment ${describe(p.deployed, 'succeeded', 'rolled back')}, ` +
              `Go to shipped ${p.goToShippedHours === null ? 'no data' : `${p.goToShippedHours} h`}`,
          )
          .join('; ') +
        '.';
  return {
    name: 'metrics',
    title: `Release metrics · last ${points.length} releases`,
    altText: altText.slice(0, 1000),
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: {
        text: `Release metrics · last ${points.length} finished releases`,
        subtitle: 'oldest left · no mark = no data for that release',
      },
      vconcat: [
        {
          width: Math.max(360, names.length * 60),
          height: 90,
          data: { values: outcomes },
          mark: { type: 'point', filled: true, size: 260, opacity: 1 },
          encoding: {
            x: { ...x, axis: { ...x.axis, labels: false, ticks: false } },
            y: {
              field: 'row',
              type: 'nominal',
              title: null,
              sort: ['On time', 'Deployment succeeded'],
              scale: { domain: ['On time', 'Deployment succeeded'] },
              axis: { labelFontSize: 13, labelLimit: 260 },
            },
            color: {
              field: 'outcome',
              type: 'nominal',
              title: null,
              scale: { domain: ['yes', 'no'], range: [YES, NO] },
              legend: { orient: 'right', labelFontSize: 12 },
            },
            shape: {
              field: 'outcome',
              type: 'nominal',
              title: null,
              scale: { domain: ['yes', 'no'], range: ['circle', 'cross'] },
              legend: { orient: 'right', labelFontSize: 12 },
            },
          },
        },
        {
          width: Math.max(360, names.length * 60),
          height: 180,
          data: { values: points.map((p) => ({ release: p.release, hours: p.goToShippedHours })) },
          // A release without the figure breaks the line: a gap, not a zero.
          mark: {
            type: 'line',
            point: { size: 70, filled: true },
            color: '#3b528b',
            strokeWidth: 3,
            invalid: 'break-paths-show-domains',
          },
          encoding: {
            x,
            y: {
              field: 'hours',
              type: 'quantitative',
              title: 'Go → shipped (hours)',
              axis: { titleFontSize: 13, labelFontSize: 12 },
            },
          },
        },
      ],
      config: { font: 'DejaVu Sans', view: { stroke: null } },
    },
  };
}
