import {
  assessmentHistory,
  listCommitments,
  listEvidence,
  listReplies,
  scorecardMatrix,
  type Database,
} from '@tracker/db';
import { commitmentExportFilter, evidenceExportFilter, methodologyVersion, replyExportFilter, type EvidenceExportFilter } from '@tracker/domain';
import type { z } from 'zod';

/**
 * The open datasets: what the public may see, flattened to rows. Every column is described in the
 * data dictionary, which is generated from these same definitions.
 */
export interface Dataset {
  description: string;
  columns: Record<string, string>;
  /** The query parameters it is filtered by, besides `asOf` and `excel` (none when absent). */
  filter?: z.ZodType<Record<string, unknown>>;
  rows(db: Database, asOf: string, filter: Record<string, unknown>): Promise<Record<string, unknown>[]>;
}

async function allPublicEvidence(db: Database, filter: EvidenceExportFilter) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await listEvidence(db, null, { ...filter, limit: 100, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export const datasets: Record<string, Dataset> = {
  evidence: {
    description:
      'Verified public evidence, newest first. Retracted items stay, with the reason. Filtered like the evidence list: iso3, recommendationKey, siteId, kind, direction, publishedFrom, publishedTo and q.',
    filter: evidenceExportFilter,
    columns: {
      id: 'Stable identifier of the item.',
      iso3: 'State, ISO 3166-1 alpha-3.',
      title: 'Title.',
      summary: 'Summary in the words of the monitor who logged it.',
      kind: 'law_regulation, policy_plan, court_decision, enforcement_action, official_statement, un_ngo_report, media_report, testimony, dataset or other.',
      direction: 'progress, setback or context.',
      sourceUrl: 'Address of the source.',
      publisher: 'Publisher of the source.',
      publishedOn: 'Publication date of the source (YYYY-MM-DD).',
      language: 'Language of the source (BCP 47 tag).',
      reliability: 'Source reliability, A (completely reliable) to F (cannot be judged).',
      credibility: 'Information credibility, 1 (confirmed) to 6 (cannot be judged).',
      recommendationKeys: 'Recommendations it bears on, separated by |.',
      sites: 'Sites it concerns, separated by |.',
      attachments: 'SHA-256 of each attached file, separated by |.',
      verifiedAt: 'When a second person verified it (ISO 8601).',
      retractedAt: 'When it was retracted, if it was.',
      retractionReason: 'Why it was retracted.',
      isDemo: 'true for illustrative demo records that describe no real event.',
    },
    async rows(db, _asOf, filter) {
      return (await allPublicEvidence(db, evidenceExportFilter.parse(filter))).map((e) => ({
        ...e,
        sites: e.sites.map((s) => s.name),
        attachments: e.attachments.map((a) => a.sha256),
        retractedAt: e.retraction?.at ?? null,
        retractionReason: e.retraction?.reason ?? null,
      }));
    },
  },
  assessments: {
    description: 'Every approved assessment, oldest first: the append-only history the scorecards are computed from.',
    columns: {
      id: 'Stable identifier.',
      iso3: 'State, ISO 3166-1 alpha-3.',
      recommendationKey: 'Recommendation, e.g. A.2.',
      status: 'Verified status: regressed, no_action, committed, framework_adopted, implementing, effective or not_assessed.',
      claimedStatus: 'Status the State itself claims, if recorded.',
      effectiveFrom: 'Date from which the judgement holds (YYYY-MM-DD).',
      rationale: 'Why.',
      publicSources: 'Verified public evidence it rests on.',
      restrictedSources: 'Verified restricted evidence it rests on (count only).',
      confidentialSources: 'Verified confidential evidence it rests on (count only).',
      reviewedAt: 'When a second person approved it.',
      isDemo: 'true for illustrative demo records.',
    },
    async rows(db) {
      return (await assessmentHistory(db, null, {})).map((a) => ({
        ...a,
        publicSources: a.evidenceCounts.public,
        restrictedSources: a.evidenceCounts.restricted,
        confidentialSources: a.evidenceCounts.confidential,
      }));
    },
  },
  matrix: {
    description: 'Every State × recommendation cell as of a date (?asOf=YYYY-MM-DD, default today).',
    columns: {
      asOf: 'The date the cell describes.',
      iso3: 'State.',
      recommendationKey: 'Recommendation.',
      status: 'Verified status in force on that date; empty when not assessed.',
      claimedStatus: 'Status the State claims.',
      confidence: 'none, low, medium or high, from the grades of the evidence behind it.',
      effectiveFrom: 'Since when the status holds.',
      publicSources: 'Verified public evidence about the cell.',
      restrictedSources: 'Verified restricted evidence (count only).',
      confidentialSources: 'Verified confidential evidence (count only).',
      methodologyVersion: 'Version of the methodology used.',
    },
    async rows(db, asOf) {
      const m = await scorecardMatrix(db, asOf);
      return m.cells.map((c) => ({
        ...c,
        asOf: m.asOf,
        publicSources: c.evidence.public,
        restrictedSources: c.evidence.restricted,
        confidentialSources: c.evidence.confidential,
        methodologyVersion: m.methodologyVersion,
      }));
    },
  },
  scorecards: {
    description: 'Score and coverage of every State as of a date (?asOf=YYYY-MM-DD, default today).',
    columns: {
      asOf: 'The date.',
      iso3: 'State.',
      name: 'UN short name.',
      score: 'Mean score over assessed recommendations, 0–100; empty when none is assessed.',
      coverage: 'Assessed recommendations over all, 0–1.',
      assessed: 'Recommendations assessed.',
      total: 'Recommendations in the catalogue.',
      regressed: 'Recommendations on which the State regressed.',
      methodologyVersion: 'Version of the methodology used.',
    },
    async rows(db, asOf) {
      const m = await scorecardMatrix(db, asOf);
      return m.states.map((s) => ({ asOf: m.asOf, iso3: s.iso3, name: s.name, ...s.summary, methodologyVersion }));
    },
  },
  replies: {
    description: 'Accepted replies of States (official replies, self-assessments, responses to reviews), with the tracker’s answer. Filtered by iso3 and recommendationKey.',
    filter: replyExportFilter,
    columns: {
      id: 'Stable identifier.',
      iso3: 'State, ISO 3166-1 alpha-3.',
      recommendationKey: 'Recommendation it answers, e.g. A.2.',
      kind: 'official_reply, self_assessment, review_response or other.',
      publishedOn: 'Date of the State’s communication (YYYY-MM-DD).',
      summary: 'What the State says, in the words of the monitor who entered it.',
      claimedStatus: 'Status the State claims for itself, if it claims one.',
      sourceUrl: 'Address of the State’s communication.',
      answer: 'The tracker’s answer: the note of the second person who accepted it.',
      acceptedAt: 'When a second person accepted it (ISO 8601).',
    },
    async rows(db, _asOf, filter) {
      return listReplies(db, null, replyExportFilter.parse(filter));
    },
  },
  commitments: commitmentsDataset(
    'Accepted commitments of States with their deadline and their state as of a date (?asOf=YYYY-MM-DD, default today). Filtered by iso3, recommendationKey and state (open, due_soon, overdue, met, withdrawn).',
    null,
  ),
  'commitments-overdue': commitmentsDataset('Accepted commitments past their deadline and not met or withdrawn as of a date (?asOf=YYYY-MM-DD, default today). Filtered by iso3 and recommendationKey.', 'overdue'),
};

function commitmentsDataset(description: string, only: 'overdue' | null): Dataset {
  return {
    description,
    filter: commitmentExportFilter,
    columns: {
      asOf: 'The date the state is derived for.',
      id: 'Stable identifier.',
      iso3: 'State, ISO 3166-1 alpha-3.',
      recommendationKeys: 'Recommendations it concerns, separated by |.',
      text: 'What the State committed to.',
      sourceUrl: 'Address of the State’s communication.',
      madeOn: 'When the commitment was made (YYYY-MM-DD).',
      dueBy: 'Its deadline, if it has one.',
      state: 'open, due_soon (within 60 days of the deadline), overdue, met or withdrawn, as of asOf.',
      metOn: 'When it was met, shown by verified evidence.',
      withdrawnOn: 'When the State withdrew it.',
      withdrawalReason: 'Why it was withdrawn.',
      evidenceIds: 'Verified public evidence that shows it met, separated by |.',
      answer: 'The tracker’s note on it.',
    },
    async rows(db, asOf, filter) {
      const parsed = commitmentExportFilter.parse(filter);
      return listCommitments(db, null, { ...parsed, asOf, ...(only ? { state: only } : {}) });
    },
  };
}
