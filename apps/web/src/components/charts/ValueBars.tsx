import { asText } from '@tracker/domain';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../format';

/** One bar per observation of an indicator, dated; long labels are shortened with the full text on hover. */
export default function ValueBars({ points, unit }: { points: { observedOn: string; value: number; label: string }[]; unit: string }) {
  const format = useFormat();
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
        <CartesianGrid stroke="#d5dae0" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="observedOn" tickFormatter={(d: string) => format.date(d)} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={(v: number) => format.compact(v)} width={52} tick={{ fontSize: 12 }} />
        <Tooltip labelFormatter={(d) => format.date(asText(d))} formatter={(_v, _n, item) => [(item.payload as { label: string }).label, unit]} />
        <Bar dataKey="value" name={unit} fill="#1f6fa8" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
