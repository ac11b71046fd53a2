import type { AppRouter } from '@tracker/api';
import type { inferRouterOutputs } from '@trpc/server';

export type Outputs = inferRouterOutputs<AppRouter>;
export type RecommendationSummary = Outputs['catalogue']['recommendations'][number];
export type StateSummary = Outputs['states']['list'][number];
