import type { AssessmentStatus } from './vocabulary';

/** Bumped whenever a rule below changes; every scorecard reports the version it was computed with. */
export const methodologyVersion = '1.0.0';

/** Score each status contributes; `null` means the cell is excluded and counts against coverage. */
export const statusScore: Record<AssessmentStatus, number | null> = {
  not_assessed: null,
  regressed: 0,
  no_action: 0,
  committed: 25,
  framework_adopted: 50,
  implementing: 75,
  effective: 100,
};
