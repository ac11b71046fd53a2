import type { CatalogueTranslationInput, Viewer } from '@tracker/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { appendLedger } from '../ledger';
import { catalogueTranslations } from '../schema';

type Language = CatalogueTranslationInput['language'];

/** Every translated catalogue text in one language. */
export async function listCatalogueTranslations(db: Database, language: Language) {
  return db
    .select({ entity: catalogueTranslations.entity, key: catalogueTranslations.key, field: catalogueTranslations.field, text: catalogueTranslations.text })
    .from(catalogueTranslations)
    .where(eq(catalogueTranslations.language, language))
    .orderBy(asc(catalogueTranslations.entity), asc(catalogueTranslations.key), asc(catalogueTranslations.field));
}

/** Sets (or, with an empty text, removes) one translation; ledgered with what it replaced. */
export async function setCatalogueTranslation(db: Database, actor: Viewer, input: CatalogueTranslationInput) {
  return db.transaction(async (tx) => {
    const where = and(
      eq(catalogueTranslations.entity, input.entity),
      eq(catalogueTranslations.key, input.key),
      eq(catalogueTranslations.field, input.field),
      eq(catalogueTranslations.language, input.language),
    );
    const [before] = await tx.select({ text: catalogueTranslations.text }).from(catalogueTranslations).where(where).for('update');
    if (input.text === '') {
      await tx.delete(catalogueTranslations).where(where);
    } else {
      await tx
        .insert(catalogueTranslations)
        .values({ entity: input.entity, key: input.key, field: input.field, language: input.language, text: input.text, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: [catalogueTranslations.entity, catalogueTranslations.key, catalogueTranslations.field, catalogueTranslations.language],
          set: { text: input.text, updatedBy: actor.id, updatedAt: new Date() },
        });
    }
    await appendLedger(tx, {
      actorId: actor.id,
      action: input.text === '' ? 'catalogue.translation.remove' : 'catalogue.translation.set',
      entityType: 'catalogue_translation',
      entityId: `${input.entity}:${input.key}:${input.field}:${input.language}`,
      before: before ?? null,
      after: input.text === '' ? null : { text: input.text },
    });
    return { ...input, text: input.text === '' ? null : input.text };
  });
}
