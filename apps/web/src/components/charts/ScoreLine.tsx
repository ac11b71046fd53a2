import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../format';

export interface ScorePoint {
  date: string;
  score: number | null;
  coverage: number;
}

const DAY = 86_400_000;
const timeOf = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);
const dateOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/** About `count` ticks at whole days, evenly spaced in time (not one per data point). */
function timeTicks(from: number, to: number, count: number): number[] {
  if (to <= from) return [from];
  const step = Math.max(DAY, Math.ceil((to - from) / (count - 1) / DAY) * DAY);
  const ticks: number[] = [];
  for (let t = from; t < to - step / 3; t += step) ticks.push(t);
  return [...ticks, to];
}

/** One line of the chart: a State's (or the region's) score after each change. */
export interface ScoreSeries {
  name: string;
  points: ScorePoint[];
}

/** Told apart by colour (a palette safe for colour-blind readers) and by dash, never by colour alone. */
const looks = [
  { stroke: '#1d4e89', dash: undefined },
  { stroke: '#c75200', dash: '6 3' },
  { stroke: '#00795a', dash: '2 3' },
  { stroke: '#a8417f', dash: '10 3 2 3' },
  { stroke: '#7a5a00', dash: '1 5' },
] as const;

/**
 * Score (0–100) over time, on a true time axis: the distance between two changes is the time between
 * them. Drawn as steps, because a score holds until the next judgement takes effect, and carried on to
 * `until` (the as-of date), since it still holds then. Several series share the axis, with a legend.
 */
export default function ScoreLine({ series, until }: { series: ScoreSeries[]; until?: string }) {
  const format = useFormat();
  const lines = series.map((line) => {
    const last = line.points.at(-1);
    const held = last && until && until > last.date ? [...line.points, { ...last, date: until, held: true }] : line.points;
    return { ...line, data: held.map((p) => ({ ...p, time: timeOf(p.date) })) };
  });
  const times = lines.flatMap((line) => line.data.map((p) => p.time));
  const from = times.length ? Math.min(...times) : 0;
  const to = times.length ? Math.max(...times) : 0;
  const ticks = timeTicks(from, to, 5);
  return (
    <ResponsiveContainer width="100%" height={lines.length > 1 ? 300 : 260}>
      <LineChart margin={{ top: 8, right: 24, bottom: 8, left: 0 }} accessibilityLayer>
        <CartesianGrid stroke="#d5dae0" strokeDasharray="3 3" />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={[from, to]}
          ticks={ticks}
          allowDuplicatedCategory={false}
          // Every tick at its own date: none dropped or moved to make room (the labels are anchored
          // inward at the ends instead).
          interval={0}
          tick={({ x, y, payload, index }: { x: string | number; y: string | number; payload: { value: unknown }; index: number }) => (
            <text
              x={x}
              y={Number(y) + 12}
              textAnchor={index === 0 ? 'start' : index === ticks.length - 1 ? 'end' : 'middle'}
              fontSize={12}
              fill="#444"
              data-date={dateOf(Number(payload.value))}
              className="time-tick"
            >
              {format.date(dateOf(Number(payload.value)))}
            </text>
          )}
        />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} width={36} tick={{ fontSize: 12 }} />
        <Tooltip labelFormatter={(time) => format.date(dateOf(Number(time)))} formatter={(v, name) => [format.number(Number(v)), name]} />
        {lines.length > 1 ? <Legend verticalAlign="top" height={28} iconType="plainline" /> : null}
        {lines.map((line, i) => {
          const look = looks[i % looks.length] ?? looks[0];
          return (
            <Line
              key={line.name}
              data={line.data}
              type="stepAfter"
              dataKey="score"
              name={line.name}
              stroke={look.stroke}
              strokeDasharray={look.dash}
              strokeWidth={2}
              dot={(props: { cx?: number; cy?: number; index?: number; payload?: { date: string; held?: boolean } }) =>
                props.payload?.held || props.cx === undefined || props.cy === undefined ? (
                  <g key={props.index} />
                ) : (
                  <circle key={props.index} cx={props.cx} cy={props.cy} r={3} fill={look.stroke} data-date={props.payload?.date} data-series={line.name} className="score-change" />
                )
              }
              isAnimationActive={false}
            />
          );
        })}
      </LineChart>
    </ResponsiveContainer>
  );
}
