import { createRequire } from 'node:module';

/**
 * Renders a Vega-Lite spec to SVG (vega-lite compiles it, vega draws it headless) and the SVG to PNG (resvg), with
 * the DejaVu Sans files of the `dejavu-fonts-ttf` package and no system font, so a chart's text looks the same on
 * every machine. The libraries are imported at the first render, not at start-up: most processes never draw one.
 */
export type RenderedChart = { svg: string; png: Buffer; width: number; height: number };

const FONT_FAMILY = 'DejaVu Sans';
/** Pixels per SVG unit: sharp on high-density screens, small enough to upload quickly. */
const SCALE = 2;

type Libraries = {
  compile: (spec: never) => { spec: unknown };
  vega: typeof import('vega');
  Resvg: typeof import('@resvg/resvg-js').Resvg;
  fontFiles: string[];
};

let libraries: Promise<Libraries> | undefined;

function load(): Promise<Libraries> {
  libraries ??= (async () => {
    const [vegaLite, vega, resvg] = await Promise.all([import('vega-lite'), import('vega'), import('@resvg/resvg-js')]);
    const require = createRequire(import.meta.url);
    const fontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
      require.resolve(`dejavu-fonts-ttf/ttf/${f}`),
    );
    return { compile: vegaLite.compile as Libraries['compile'], vega, Resvg: resvg.Resvg, fontFiles };
  })().catch((error: unknown) => {
    libraries = undefined;
    throw error;
  });
  return libraries;
}

export async function renderChart(spec: Record<string, unknown>): Promise<RenderedChart> {
  const { compile, vega, Resvg, fontFiles } = await load();
  const compiled = compile({ ...spec, config: { font: FONT_FAMILY, ...(spec.config as object) } } as never).spec;
  const view = new vega.View(vega.parse(compiled as never), { renderer: 'none' });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: SCALE },
    background: 'white',
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  }).render();
  return { svg, png: rendered.asPng(), width: rendered.width, height: rendered.height };
}
