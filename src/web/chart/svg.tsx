// Column, bar, line and area charts as inline SVG, drawn on the server: titled, described, with axes, ticks and gridlines.
import type { Child, Html } from '../../html/jsx-runtime.ts';
import { Fills, Marker, fillOf, lookOf } from './marks.tsx';
import { niceTicks, type NumberFormats } from './scale.ts';
import type { ChartType } from './spec.ts';

export interface ChartModel {
  type: ChartType;
  title: string;
  desc: string;
  categories: string[];
  series: { label: string; values: (number | null)[] }[];
  /** The categories' axis and the values' axis. */
  xTitle: string;
  yTitle: string;
  numbers: NumberFormats;
  /** What the svg's title and description are named by: `chart` unless a page shows more than one chart. */
  id?: string;
}

/** The drawing's width: wide for a screen, narrow for a phone, where the wide one's text would shrink to 8 px. */
export const chartWidths = { wide: 960, narrow: 400 } as const;
const ink = '#1b1f24';
const muted = '#4a5560';
const grid = '#dde3e9';
/** Rough widths of text at 12 px, enough to lay out labels without a browser. */
const textWidth = (text: string, size = 12) => text.length * size * 0.56;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The svg element with its accessible name and description; shapes inside are decoration for assistive technology. */
export function ChartSvg(props: { model: ChartModel; width: number; height: number; looks: number; children?: Child }): Html {
  const id = props.model.id ?? 'chart';
  return (
    <svg class={props.width < chartWidths.wide ? 'chart-svg chart-narrow' : 'chart-svg'} role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${props.width} ${props.height}`} width={props.width} height={props.height} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{props.model.title}</title>
      <desc id={`${id}-desc`}>{props.model.desc}</desc>
      {/* Lines fill nothing: their patterns would only repeat ids when a page draws two charts. */}
      <Fills count={props.model.type === 'line' ? 0 : props.looks} />
      {props.children}
    </svg>
  );
}

function valueRange(model: ChartModel) {
  const values = model.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (values.length === 0) return niceTicks(0, 1);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  // Bars and areas measure from zero; a line shows change, so it may start near its lowest value.
  const fromZero = model.type !== 'line' || min <= 0 || min < max * 0.4;
  if (!fromZero) {
    const margin = (max - min) * 0.05 || Math.abs(max) * 0.05;
    return niceTicks(min - margin, max + margin, 5, false);
  }
  // A little headroom, so the tallest mark does not touch the frame and its value label fits.
  return niceTicks(Math.min(0, min) * 1.02, Math.max(0, max) * 1.02);
}

const tip = (model: ChartModel, category: string, series: number, value: number) =>
  `${category} · ${model.series.length > 1 || !model.yTitle ? `${model.series[series].label}: ` : ''}${model.numbers.full(value)}`;

/** Columns, lines and areas: categories along the bottom, values up the side. */
export function VerticalChart(props: { model: ChartModel; width?: number }): Html {
  const { model } = props;
  const width = props.width ?? chartWidths.wide;
  const n = model.categories.length;
  const k = model.series.length;
  const { ticks, low, high, step } = valueRange(model);
  const axisNumber = model.numbers.axis(ticks, step);
  const tickLabels = ticks.map(axisNumber);
  const axisLeft = Math.round(10 + (model.yTitle ? 24 : 0) + Math.max(...tickLabels.map((l) => textWidth(l))) + 8);
  const right = 16;
  const longest = Math.max(...model.categories.map((c) => textWidth(truncate(c, 24))));
  const rotate = longest > (width - axisLeft - right) / n - 6;
  const labels = model.categories.map((c) => truncate(c, rotate ? 20 : 24));
  // A slanted first label reaches left of its column: make room so it is not cut off.
  const firstReach = rotate ? textWidth(labels[0]) * 0.71 - (width - axisLeft - right) / n / 2 + 6 : 0;
  const left = Math.round(Math.max(axisLeft, firstReach));
  const plotWidth = width - left - right;
  const band = plotWidth / n;
  const every = rotate ? Math.ceil(16 / band) : 1;
  const labelHeight = rotate ? Math.min(20, Math.max(...labels.map((l) => l.length))) * 12 * 0.56 * 0.72 + 18 : 24;
  const showValues = model.type === 'column' && k === 1 && n <= 24;
  const top = showValues ? 26 : 16;
  const plotHeight = 340;
  const height = Math.ceil(top + plotHeight + labelHeight + (model.xTitle ? 28 : 6));
  const y = (v: number) => top + (plotHeight * (high - v)) / (high - low);
  const xCentre = (i: number) => left + band * (i + 0.5);

  const marks: Html[] = [];
  if (model.type === 'column') {
    const inner = band * (k > 1 ? 0.82 : 0.72);
    const barWidth = inner / k;
    const gap = barWidth > 8 ? Math.min(3, barWidth * 0.1) : 0;
    model.series.forEach((s, j) => {
      s.values.forEach((v, i) => {
        if (v === null) return;
        const x = left + band * i + (band - inner) / 2 + j * barWidth + gap / 2;
        const barTop = Math.min(y(v), y(0));
        marks.push(
          <rect class="bar" x={x.toFixed(1)} y={barTop.toFixed(1)} width={Math.max(0.5, barWidth - gap).toFixed(1)} height={Math.abs(y(v) - y(0)).toFixed(1)}
            fill={fillOf(j)} stroke={lookOf(j).colour} stroke-width={barWidth > 4 ? '1' : '0'} data-series={String(j)} data-value={String(v)}>
            <title>{tip(model, model.categories[i], j, v)}</title>
          </rect>,
        );
        if (showValues) {
          const text = textWidth(model.numbers.full(v), 11) <= band - 2 ? model.numbers.full(v) : axisNumber(v);
          marks.push(<text class="value-label" x={(x + (barWidth - gap) / 2).toFixed(1)} y={(v >= 0 ? y(v) - 6 : y(v) + 14).toFixed(1)} text-anchor="middle" font-size="11" fill={ink}>{text}</text>);
        }
      });
    });
  } else {
    const markerEvery = n <= 100 ? 1 : Math.ceil(n / 40);
    const r = n <= 30 ? 5 : 4;
    model.series.forEach((s, j) => {
      const look = lookOf(j);
      const runs: [number, number][][] = [[]];
      s.values.forEach((v, i) => (v === null ? runs.push([]) : runs[runs.length - 1].push([xCentre(i), y(v)])));
      const lines = runs.filter((run) => run.length > 0);
      const path = (run: [number, number][]) => run.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
      if (model.type === 'area') {
        for (const run of lines) {
          const base = y(Math.max(0, low)).toFixed(1);
          const d = `${path(run)} L${run[run.length - 1][0].toFixed(1)},${base} L${run[0][0].toFixed(1)},${base} Z`;
          marks.push(<path class="area" d={d} fill={look.colour} fill-opacity={k > 1 ? '0.14' : '0.22'} />);
        }
      }
      for (const run of lines) {
        if (run.length === 1) continue;
        marks.push(<path class="line" d={path(run)} fill="none" stroke={look.colour} stroke-width="2.5" stroke-linejoin="round" stroke-dasharray={look.dash || undefined} />);
      }
      s.values.forEach((v, i) => {
        if (v === null || (i % markerEvery !== 0 && i !== n - 1)) return;
        marks.push(
          <Marker look={look} x={xCentre(i)} y={y(v)} r={r} attributes={{ class: 'point', 'data-series': String(j), 'data-value': String(v) }}>
            <title>{tip(model, model.categories[i], j, v)}</title>
          </Marker>,
        );
      });
    });
  }

  return (
    <ChartSvg model={model} width={width} height={height} looks={k}>
      <g class="grid">
        {ticks.map((t, i) => (
          <>
            <line x1={left} x2={width - right} y1={y(t).toFixed(1)} y2={y(t).toFixed(1)} stroke={t === 0 || (i === 0 && low > 0) ? ink : grid} stroke-width="1" />
            <text x={left - 8} y={(y(t) + 4).toFixed(1)} text-anchor="end" font-size="12" fill={muted}>{tickLabels[i]}</text>
          </>
        ))}
      </g>
      {model.yTitle && <text x="16" y={top + plotHeight / 2} transform={`rotate(-90 16 ${top + plotHeight / 2})`} text-anchor="middle" font-size="13" fill={ink}>{model.yTitle}</text>}
      <g class="marks">{marks}</g>
      <g class="x-labels">
        {labels.map((label, i) => {
          if (i % every !== 0) return null;
          const x = xCentre(i);
          const ly = top + plotHeight + (rotate ? 10 : 18);
          return rotate ? (
            <text transform={`translate(${x.toFixed(1)} ${ly}) rotate(-45)`} text-anchor="end" font-size="12" fill={muted}>{label}</text>
          ) : (
            <text x={x.toFixed(1)} y={ly} text-anchor="middle" font-size="12" fill={muted}>{label}</text>
          );
        })}
      </g>
      {model.xTitle && <text x={left + plotWidth / 2} y={height - 8} text-anchor="middle" font-size="13" fill={ink}>{model.xTitle}</text>}
    </ChartSvg>
  );
}

/** Horizontal bars: long category names read best down the side. */
export function HorizontalChart(props: { model: ChartModel; width?: number }): Html {
  const { model } = props;
  const width = props.width ?? chartWidths.wide;
  const k = model.series.length;
  const { ticks, low, high, step } = valueRange(model);
  const axisNumber = model.numbers.axis(ticks, step);
  const labels = model.categories.map((c) => truncate(c, width < chartWidths.wide ? 16 : 28));
  const showValues = k === 1;
  const left = Math.round(12 + Math.max(...labels.map((l) => textWidth(l))) + 10);
  const right = Math.round(16 + (showValues ? Math.max(...model.series[0].values.map((v) => (v === null ? 0 : textWidth(model.numbers.full(v), 11)))) + 8 : 0));
  const barHeight = k === 1 ? 18 : 12;
  const band = k * barHeight + 10;
  const top = model.xTitle ? 30 : 10;
  const plotWidth = width - left - right;
  const plotHeight = band * model.categories.length;
  const height = Math.ceil(top + plotHeight + 26 + (model.yTitle ? 26 : 0));
  const x = (v: number) => left + (plotWidth * (v - low)) / (high - low);

  const marks: Html[] = [];
  model.series.forEach((s, j) => {
    s.values.forEach((v, i) => {
      if (v === null) return;
      const y = top + band * i + 5 + j * barHeight;
      marks.push(
        <rect class="bar" x={Math.min(x(v), x(0)).toFixed(1)} y={y.toFixed(1)} width={Math.abs(x(v) - x(0)).toFixed(1)} height={barHeight - 2}
          fill={fillOf(j)} stroke={lookOf(j).colour} stroke-width="1" data-series={String(j)} data-value={String(v)}>
          <title>{tip(model, model.categories[i], j, v)}</title>
        </rect>,
      );
      if (showValues) {
        marks.push(<text class="value-label" x={(Math.max(x(v), x(0)) + 6).toFixed(1)} y={(y + barHeight / 2 + 3).toFixed(1)} font-size="11" fill={ink}>{model.numbers.full(v)}</text>);
      }
    });
  });

  return (
    <ChartSvg model={model} width={width} height={height} looks={k}>
      {model.xTitle && <text x="12" y="18" font-size="13" font-weight="600" fill={ink}>{model.xTitle}</text>}
      <g class="grid">
        {ticks.map((t, i) => (
          <>
            <line x1={x(t).toFixed(1)} x2={x(t).toFixed(1)} y1={top} y2={top + plotHeight} stroke={t === 0 ? ink : grid} stroke-width="1" />
            <text x={x(t).toFixed(1)} y={top + plotHeight + 18} text-anchor={i === ticks.length - 1 ? 'end' : 'middle'} font-size="12" fill={muted}>{axisNumber(t)}</text>
          </>
        ))}
      </g>
      <g class="y-labels">
        {labels.map((label, i) => (
          <text x={left - 10} y={(top + band * i + band / 2 + 4).toFixed(1)} text-anchor="end" font-size="12" fill={muted}>{label}</text>
        ))}
      </g>
      <g class="marks">{marks}</g>
      {model.yTitle && <text x={left + plotWidth / 2} y={height - 8} text-anchor="middle" font-size="13" fill={ink}>{model.yTitle}</text>}
    </ChartSvg>
  );
}
