import { z } from 'zod';
import { fieldLimits } from './limits';
import { iso3Schema, isoDateSchema, recommendationKeySchema } from './identifiers';
import { httpUrlSchema, text } from './text';
import { addressees, translatableFields, translatedLanguages } from './vocabulary';

export const recommendationInput = z.object({ key: recommendationKeySchema });
export const stateInput = z.object({ iso3: iso3Schema });
export const optionalStateFilter = z.object({ iso3: iso3Schema.optional() }).optional();

const recommendationEntry = z.object({
  key: recommendationKeySchema,
  title: text('The title', 3, 200),
  paraphrase: text('The paraphrase', 20, 4000),
  addressees: z.array(z.enum(addressees)).min(1, 'Name at least one addressee.').max(5),
  sdgTargets: z.array(z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/, 'Use an SDG target such as 8.7.')).max(20).default([]),
  sourceLocator: text('The source locator', 1, 500),
});

const groupEntry = z.object({
  key: z.string().trim().regex(/^[A-Z0-9]{1,8}$/, 'Use a group key such as A or B.'),
  title: text('The group title', 1, 300),
  recommendations: z.array(recommendationEntry).max(500),
});

const frameworkEntry = z.object({
  slug: z.string().trim().regex(/^[a-z0-9-]{3,80}$/, 'Use a slug of lower-case letters, digits and dashes.'),
  title: text('The title', 3, 500),
  publisher: text('The publisher', 1, 300),
  publishedOn: isoDateSchema,
  url: httpUrlSchema,
  licence: text('The licence', 1, 200),
  citation: text('The citation', 10, 2000),
  groups: z.array(groupEntry).min(1).max(50),
});

/** The catalogue as a JSON document an admin can edit and import (frameworks → groups → recommendations). */
export const catalogueDocument = z
  .object({ version: z.literal(1), frameworks: z.array(frameworkEntry).min(1).max(100) })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.frameworks.forEach((f, fi) =>
      f.groups.forEach((g, gi) =>
        g.recommendations.forEach((r, ri) => {
          if (seen.has(r.key)) ctx.addIssue({ code: 'custom', message: `recommendation key ${r.key} appears twice.`, path: ['frameworks', fi, 'groups', gi, 'recommendations', ri, 'key'] });
          seen.add(r.key);
        }),
      ),
    );
  });
export type CatalogueDocument = z.infer<typeof catalogueDocument>;

export const catalogueTranslationsInput = z.object({ language: z.enum(translatedLanguages) });

/**
 * One translated catalogue text, entered by an administrator. `key` is the State's ISO code, the
 * group key or the recommendation key; an empty text removes the translation (English shows again).
 */
export const catalogueTranslationInput = z
  .object({
    language: z.enum(translatedLanguages),
    entity: z.enum(['state', 'group', 'recommendation']),
    key: z.string().trim().min(1).max(16),
    field: z.enum(['name', 'title', 'paraphrase']),
    text: text('The translation', 0, fieldLimits.translation),
  })
  .refine((v) => (translatableFields[v.entity] as readonly string[]).includes(v.field), {
    message: 'This field cannot be translated for that kind of entry.',
    path: ['field'],
  });
export type CatalogueTranslationInput = z.infer<typeof catalogueTranslationInput>;
