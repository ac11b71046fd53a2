import { z } from 'zod';
import { errorCodes } from './errors';

/** A problem with one field of the input: its dotted path (empty for the whole input) and what is wrong. */
export const fieldIssueSchema = z
  .object({
    path: z.string().meta({ description: 'Dotted path of the field, such as `iso3` or `evidenceIds.2`; empty for the whole input.' }),
    message: z.string(),
  });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** The body of every error answer outside tRPC's own wire format, described once (and in the OpenAPI document). */
export const errorBodySchema = z
  .object({
    error: z.object({
      message: z.string().meta({ description: 'What went wrong, naming each field at fault.' }),
      code: z.enum(errorCodes),
      issues: z.array(fieldIssueSchema).meta({ description: 'One entry per field at fault; empty when the error is not about a field.' }),
    }),
  });
export type ErrorBody = z.infer<typeof errorBodySchema>;
