import { lazy } from 'react';

// Charts load on demand so the first page stays small.
export const ScoreLine = lazy(() => import('./ScoreLine'));
export const ScoreBars = lazy(() => import('./ScoreBars'));
export const ValueBars = lazy(() => import('./ValueBars'));
export const RegionMap = lazy(() => import('./RegionMap'));
export { ChartFrame } from './ChartFrame';
export { ScoreComparison, ScoreTimeline } from './ScoreTimeline';
