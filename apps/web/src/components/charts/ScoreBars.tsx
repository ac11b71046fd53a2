import { asText } from '@tracker/domain';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../format';

export interface ScoreBar {
  key: string;
  title: string;
  score: number | null;
}

export default function ScoreBars({ bars, label }: { bars: ScoreBar[]; label: string }) {
  const format = useFormat();
  return (
    <ResponsiveContainer width="100%" height={Math.max(200, bars.length * 36)}>
      <BarChart data={bars} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer>
        <CartesianGrid stroke="#d5dae0" strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="key" width={44} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v) => [format.number(Number(v)), label]} labelFormatter={(key) => bars.find((b) => b.key === key)?.title ?? asText(key)} />
        <Bar dataKey="score" name={label} fill="#2b8cbe" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
