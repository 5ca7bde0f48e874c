// How series look: colour-blind-safe colours (3:1 on white at least), fill patterns, point markers and dashes, so colour is never the only cue.
import type { Html } from '../../html/jsx-runtime.ts';

/** Okabe–Ito, darkened where a hue was too light for white paper. */
const palette = ['#0072B2', '#D55E00', '#009E73', '#AA4499', '#332288', '#A67C00', '#882255', '#5F6B7A'];
export const otherColour = '#6B7280';

const dashes = ['', '7 4', '2 3', '10 3 2 3', '4 4', '12 4'];

interface Look {
  colour: string;
  /** 0 is a plain fill; 1–7 a pattern of white marks over the colour. */
  pattern: number;
  marker: number;
  dash: string;
}

/** The look of the i-th series or slice: after eight colours, patterns shift so every pair stays unique. */
export function lookOf(i: number): Look {
  return { colour: palette[i % 8], pattern: (i + 3 * Math.floor(i / 8)) % 8, marker: i % 8, dash: dashes[i % dashes.length] };
}

export const fillOf = (i: number): string => (lookOf(i).pattern === 0 ? lookOf(i).colour : `url(#chart-fill-${i})`);

function patternMarks(kind: number): Html {
  const stroke = { stroke: '#fff', 'stroke-width': '1.6', 'stroke-opacity': '0.85' };
  switch (kind) {
    case 1:
      return <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {...stroke} />;
    case 2:
      return <circle cx="4" cy="4" r="1.7" fill="#fff" fill-opacity="0.85" />;
    case 3:
      return <path d="M0,4 h8" {...stroke} />;
    case 4:
      return <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" {...stroke} stroke-width="1.1" />;
    case 5:
      return <path d="M4,0 v8" {...stroke} />;
    case 6:
      return <path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" {...stroke} />;
    default:
      return <path d="M0,4 h8 M4,0 v8" {...stroke} stroke-width="1.1" />;
  }
}

/** Pattern definitions for the first `count` looks; legends elsewhere on the page refer to them too. */
export function Fills(props: { count: number }): Html {
  const patterns = Array.from({ length: props.count }, (_, i) => i).filter((i) => lookOf(i).pattern !== 0);
  return (
    <defs>
      {patterns.map((i) => (
        <pattern id={`chart-fill-${i}`} width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill={lookOf(i).colour} />
          {patternMarks(lookOf(i).pattern)}
        </pattern>
      ))}
    </defs>
  );
}

function polygon(points: [number, number][], x: number, y: number, r: number): string {
  return `M${points.map(([px, py]) => `${(x + px * r).toFixed(1)},${(y + py * r).toFixed(1)}`).join(' L')} Z`;
}

const shapes: [number, number][][] = [
  [],
  [[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]],
  [[0, -1.1], [1, 0.75], [-1, 0.75]],
  [[0, -1.2], [1.1, 0], [0, 1.2], [-1.1, 0]],
  [[0, 1.1], [1, -0.75], [-1, -0.75]],
  [[-1, -0.6], [-0.6, -1], [0, -0.4], [0.6, -1], [1, -0.6], [0.4, 0], [1, 0.6], [0.6, 1], [0, 0.4], [-0.6, 1], [-1, 0.6], [-0.4, 0]],
  [[-0.35, -1], [0.35, -1], [0.35, -0.35], [1, -0.35], [1, 0.35], [0.35, 0.35], [0.35, 1], [-0.35, 1], [-0.35, 0.35], [-1, 0.35], [-1, -0.35], [-0.35, -0.35]],
  [[0, -1.1], [0.95, -0.55], [0.95, 0.55], [0, 1.1], [-0.95, 0.55], [-0.95, -0.55]],
];

/** A point of a line: its own shape per series, white-edged so it stands out on any line. */
export function Marker(props: { look: Look; x: number; y: number; r: number; attributes?: Record<string, string>; children?: Html }): Html {
  const { look, x, y, r } = props;
  const common = { fill: look.colour, stroke: '#fff', 'stroke-width': '1.2' };
  if (look.marker === 0) return <circle {...props.attributes} cx={x.toFixed(1)} cy={y.toFixed(1)} r={r} {...common}>{props.children}</circle>;
  return <path {...props.attributes} d={polygon(shapes[look.marker], x, y, r)} {...common}>{props.children}</path>;
}

/** The small picture beside a legend entry: the same fill, or the same line and marker, as in the chart. */
function Swatch(props: { index: number; kind: 'fill' | 'line'; colour?: string }): Html {
  const look = lookOf(props.index);
  return (
    <svg class="chart-swatch" width="32" height="18" viewBox="0 0 32 18" aria-hidden="true" focusable="false">
      {props.kind === 'fill' ? (
        <rect x="1" y="1" width="30" height="16" fill={props.colour ?? fillOf(props.index)} stroke={props.colour ?? look.colour} stroke-width="1.5" />
      ) : (
        <>
          <path d="M1,9 H31" stroke={look.colour} stroke-width="2.5" stroke-dasharray={look.dash || undefined} fill="none" />
          <Marker look={look} x={16} y={9} r={4.5} />
        </>
      )}
    </svg>
  );
}

export function Legend(props: { label: string; items: { text: string; detail?: string; colour?: string }[]; kind: 'fill' | 'line' }): Html {
  return (
    <ul class="chart-legend" aria-label={props.label}>
      {props.items.map((item, i) => (
        <li>
          <Swatch index={i} kind={props.kind} colour={item.colour} />
          <span>{item.text}</span>
          {item.detail && <span class="chart-legend-detail">{item.detail}</span>}
        </li>
      ))}
    </ul>
  );
}
