import { asText } from '@tracker/domain';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../format';

export interface ScorePoint {
  date: string;
  score: number | null;
  coverage: number;
}

/** Score (0–100) over time; steps, because a score holds until the next judgement takes effect. */
export default function ScoreLine({ points, label }: { points: ScorePoint[]; label: string }) {
  const format = useFormat();
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer>
        <CartesianGrid stroke="#d5dae0" strokeDasharray="3 3" />
        <XAxis dataKey="date" tickFormatter={(d: string) => format.date(d)} minTickGap={40} tick={{ fontSize: 12 }} />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} width={36} tick={{ fontSize: 12 }} />
        <Tooltip labelFormatter={(d) => format.date(asText(d))} formatter={(v) => [format.number(Number(v)), label]} />
        <Line type="stepAfter" dataKey="score" name={label} stroke="#1d4e89" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
