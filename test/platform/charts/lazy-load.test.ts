import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

/**
 * Start-up loads none of the chart libraries: a resolve hook registered before the bot's modules records every
 * specifier that reaches vega, vega-lite, resvg or the font; loading the composition root must record none, and the
 * first render must record them (so the hook would see them).
 */
const HOOK = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
  export async function resolve(specifier, context, next) {
    if (/^(vega|vega-lite|@resvg\\\\/resvg-js|dejavu-fonts-ttf)(\\\\/|$)/.test(specifier)) console.log('LOADED ' + specifier);
    return next(specifier, context);
  }
\`));
`;

async function loads(script: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(HOOK)}`,
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ],
    { cwd: process.cwd(), timeout: 60_000 },
  );
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('LOADED '))
    .map((line) => line.slice(7));
}

test('the composition root and the risk gateway load no chart library; the first render does', async () => {
  expect(await loads("await import('./src/bot.ts'); await import('./src/cadence/slack/gateways/risks.ts');")).toEqual(
    [],
  );
  const rendered = await loads(
    "const { renderChart } = await import('./src/platform/charts/render.ts'); await renderChart({ mark: 'point', data: { values: [{ a: 1 }] }, encoding: { x: { field: 'a', type: 'quantitative' } } });",
  );
  expect(rendered).toEqual(expect.arrayContaining(['vega-lite', 'vega', '@resvg/resvg-js']));
}, 120_000);
