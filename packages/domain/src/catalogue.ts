import { z } from 'zod';
import { iso3Schema, recommendationKeySchema } from './identifiers';

export const recommendationInput = z.object({ key: recommendationKeySchema });
export const stateInput = z.object({ iso3: iso3Schema });
export const optionalStateFilter = z.object({ iso3: iso3Schema.optional() }).optional();
