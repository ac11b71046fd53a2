DROP INDEX "evidence_newest_idx";--> statement-breakpoint
DROP INDEX "assessments_cell_idx";--> statement-breakpoint
CREATE INDEX "evidence_newest_idx" ON "evidence" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "assessments_cell_idx" ON "assessments" USING btree ("iso3","recommendation_id","effective_from" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "assessments"."review_state" = 'approved';