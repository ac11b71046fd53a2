CREATE TABLE "evidence_cell_counts" (
	"period" text NOT NULL,
	"starts" date NOT NULL,
	"iso3" char(3) NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"visibility" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "evidence_cell_counts_period_starts_iso3_recommendation_id_visibility_pk" PRIMARY KEY("period","starts","iso3","recommendation_id","visibility")
);
