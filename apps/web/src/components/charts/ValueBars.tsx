import { asText } from '@tracker/domain';
import { isLowerBound, type ObservationQualifier } from '@tracker/domain/vocabulary';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../format';

export interface ValuePoint {
  observedOn: string;
  value: number;
  qualifier: ObservationQualifier;
  label: string;
}

/**
 * One bar per observation of an indicator, dated, its value written on it as the source gives it
 * ("at least 100,000"). A lower bound is hatched and open at the top, never drawn as an exact value.
 */
export default function ValueBars({ points, unit }: { points: ValuePoint[]; unit: string }) {
  const format = useFormat();
  return (
    <ResponsiveContainer width="100%" height={230}>
      <BarChart data={points} margin={{ top: 22, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
        <defs>
          <pattern id="lower-bound" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#bdd7ee" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#1f6fa8" strokeWidth="3" />
          </pattern>
        </defs>
        <CartesianGrid stroke="#d5dae0" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="observedOn" tickFormatter={(d: string) => format.date(d)} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={(v: number) => format.compact(v)} width={52} tick={{ fontSize: 12 }} />
        <Tooltip labelFormatter={(d) => format.date(asText(d))} formatter={(_v, _n, item) => [(item.payload as ValuePoint).label, unit]} />
        <Bar dataKey="value" name={unit} isAnimationActive={false}>
          {points.map((p) => (
            <Cell key={p.observedOn} fill={isLowerBound(p.qualifier) ? 'url(#lower-bound)' : '#1f6fa8'} className={isLowerBound(p.qualifier) ? 'bar-lower-bound' : 'bar-exact'} />
          ))}
          <LabelList dataKey="label" position="top" fontSize={12} fill="#1b1f24" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
