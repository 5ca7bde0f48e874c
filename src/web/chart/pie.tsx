// The pie chart as inline SVG: one series, slices from twelve o'clock, each patterned, with its share outside the rim.
import type { Html } from '../../html/jsx-runtime.ts';
import { fillOf, otherColour } from './marks.tsx';
import { ChartSvg, type ChartModel } from './svg.tsx';

const size = 400;
const centre = size / 2;
const radius = 140;

function point(angle: number, r: number): [number, number] {
  return [centre + r * Math.sin(angle), centre - r * Math.cos(angle)];
}

function slicePath(from: number, to: number): string {
  const [x1, y1] = point(from, radius);
  const [x2, y2] = point(to, radius);
  const large = to - from > Math.PI ? 1 : 0;
  return `M${centre},${centre} L${x1.toFixed(2)},${y1.toFixed(2)} A${radius},${radius} 0 ${large} 1 ${x2.toFixed(2)},${y2.toFixed(2)} Z`;
}

/** Slices for the categories (values above zero) and, when given, one for the rest. */
export function PieChart(props: { model: ChartModel; other: { label: string; value: number } | null }): Html {
  const { model, other } = props;
  const values = model.series[0].values;
  const slices = values
    .map((v, i) => ({ label: model.categories[i], value: v ?? 0, fill: fillOf(i) }))
    .concat(other && other.value > 0 ? [{ label: other.label, value: other.value, fill: otherColour }] : []);
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  let angle = 0;
  const marks: Html[] = [];
  const labels: Html[] = [];
  for (const slice of slices) {
    if (slice.value <= 0 || total <= 0) continue;
    const share = slice.value / total;
    const from = angle;
    const to = angle + share * 2 * Math.PI;
    angle = to;
    const tip = <title>{`${slice.label} · ${model.numbers.full(slice.value)} (${model.numbers.percent(share)})`}</title>;
    marks.push(
      share >= 0.9999 ? (
        <circle class="slice" cx={centre} cy={centre} r={radius} fill={slice.fill} stroke="#fff" stroke-width="2" data-value={String(slice.value)}>{tip}</circle>
      ) : (
        <path class="slice" d={slicePath(from, to)} fill={slice.fill} stroke="#fff" stroke-width="2" stroke-linejoin="round" data-value={String(slice.value)}>{tip}</path>
      ),
    );
    if (share >= 0.03) {
      const middle = (from + to) / 2;
      const [lx, ly] = point(middle, radius + 20);
      const anchor = Math.sin(middle) > 0.3 ? 'start' : Math.sin(middle) < -0.3 ? 'end' : 'middle';
      labels.push(<text x={lx.toFixed(1)} y={(ly + 4).toFixed(1)} text-anchor={anchor} font-size="13" fill="#1b1f24">{model.numbers.percent(share)}</text>);
    }
  }
  return (
    <ChartSvg model={model} width={size} height={size} looks={values.length}>
      <g class="marks">{marks}</g>
      <g class="shares">{labels}</g>
    </ChartSvg>
  );
}
