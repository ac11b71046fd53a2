-- evidence_cell_counts is derived data: these triggers keep it equal to a recount of verified,
-- unretracted evidence per State × recommendation × visibility and date, whoever writes.
CREATE FUNCTION evidence_cell_counts_bump(p_iso3 char(3), p_recommendation uuid, p_visibility text, p_day date, p_delta integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_day IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO evidence_cell_counts AS c (period, starts, iso3, recommendation_id, visibility, n)
  VALUES ('day', p_day, p_iso3, p_recommendation, p_visibility, p_delta),
         ('month', date_trunc('month', p_day)::date, p_iso3, p_recommendation, p_visibility, p_delta)
  ON CONFLICT (period, starts, iso3, recommendation_id, visibility) DO UPDATE SET n = c.n + excluded.n;
END;
$$;
--> statement-breakpoint
-- The date evidence counts from: when it was published, else the day it was verified (UTC).
CREATE FUNCTION evidence_counted_on(p_published_on date, p_reviewed_at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(p_published_on, (p_reviewed_at AT TIME ZONE 'UTC')::date) $$;
--> statement-breakpoint
CREATE FUNCTION evidence_cell_counts_on_evidence() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  link record;
  was_counted boolean := false;
  is_counted boolean := false;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    was_counted := OLD.status = 'verified' AND OLD.retracted_at IS NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    is_counted := NEW.status = 'verified' AND NEW.retracted_at IS NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND was_counted = is_counted AND (NOT was_counted OR (
       OLD.iso3 = NEW.iso3 AND OLD.visibility = NEW.visibility
       AND evidence_counted_on(OLD.published_on, OLD.reviewed_at) IS NOT DISTINCT FROM evidence_counted_on(NEW.published_on, NEW.reviewed_at))) THEN
    RETURN NULL;
  END IF;
  IF was_counted THEN
    FOR link IN SELECT recommendation_id FROM evidence_recommendations WHERE evidence_id = OLD.id LOOP
      PERFORM evidence_cell_counts_bump(OLD.iso3, link.recommendation_id, OLD.visibility, evidence_counted_on(OLD.published_on, OLD.reviewed_at), -1);
    END LOOP;
  END IF;
  IF is_counted THEN
    FOR link IN SELECT recommendation_id FROM evidence_recommendations WHERE evidence_id = NEW.id LOOP
      PERFORM evidence_cell_counts_bump(NEW.iso3, link.recommendation_id, NEW.visibility, evidence_counted_on(NEW.published_on, NEW.reviewed_at), 1);
    END LOOP;
  END IF;
  -- As a BEFORE DELETE trigger it must hand the row back, or the delete would not happen.
  IF TG_WHEN = 'BEFORE' THEN
    RETURN OLD;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Before a delete, while the item's links still exist (the cascade removes them afterwards).
CREATE TRIGGER evidence_cell_counts_evidence_delete
  BEFORE DELETE ON evidence
  FOR EACH ROW EXECUTE FUNCTION evidence_cell_counts_on_evidence();
--> statement-breakpoint
CREATE TRIGGER evidence_cell_counts_evidence_write
  AFTER INSERT OR UPDATE ON evidence
  FOR EACH ROW EXECUTE FUNCTION evidence_cell_counts_on_evidence();
--> statement-breakpoint
CREATE FUNCTION evidence_cell_counts_on_link() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  item record;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    -- Not found when the item itself is being deleted: its trigger has already subtracted it.
    SELECT iso3, visibility, published_on, reviewed_at INTO item FROM evidence
      WHERE id = OLD.evidence_id AND status = 'verified' AND retracted_at IS NULL;
    IF FOUND THEN
      PERFORM evidence_cell_counts_bump(item.iso3, OLD.recommendation_id, item.visibility, evidence_counted_on(item.published_on, item.reviewed_at), -1);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT iso3, visibility, published_on, reviewed_at INTO item FROM evidence
      WHERE id = NEW.evidence_id AND status = 'verified' AND retracted_at IS NULL;
    IF FOUND THEN
      PERFORM evidence_cell_counts_bump(item.iso3, NEW.recommendation_id, item.visibility, evidence_counted_on(item.published_on, item.reviewed_at), 1);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER evidence_cell_counts_link_write
  AFTER INSERT OR UPDATE OR DELETE ON evidence_recommendations
  FOR EACH ROW EXECUTE FUNCTION evidence_cell_counts_on_link();
--> statement-breakpoint
-- Recounts everything from the evidence: what is already there now, and after bulk loads made
-- with the triggers disabled.
CREATE FUNCTION evidence_cell_counts_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM evidence_cell_counts;
  INSERT INTO evidence_cell_counts (period, starts, iso3, recommendation_id, visibility, n)
  SELECT p.period, CASE WHEN p.period = 'day' THEN d.day ELSE date_trunc('month', d.day)::date END, d.iso3, d.recommendation_id, d.visibility, sum(d.n)::int
  FROM (
    SELECT e.iso3, er.recommendation_id, e.visibility, evidence_counted_on(e.published_on, e.reviewed_at) AS day, count(*) AS n
    FROM evidence e JOIN evidence_recommendations er ON er.evidence_id = e.id
    WHERE e.status = 'verified' AND e.retracted_at IS NULL AND evidence_counted_on(e.published_on, e.reviewed_at) IS NOT NULL
    GROUP BY 1, 2, 3, 4
  ) d CROSS JOIN (VALUES ('day'), ('month')) AS p(period)
  GROUP BY 1, 2, 3, 4, 5;
END;
$$;
--> statement-breakpoint
SELECT evidence_cell_counts_rebuild();
