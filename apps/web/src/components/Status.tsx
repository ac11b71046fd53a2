import type { AssessmentStatus } from '@tracker/domain';
import { useTranslation } from 'react-i18next';

/**
 * Colour-blind-safe: progress is one blue ramp (lightness carries the order), regression a distinct
 * red, not assessed grey; the status is always written too, never shown by colour alone.
 */
export const statusColour: Record<AssessmentStatus | 'none', { background: string; text: string }> = {
  none: { background: '#e6e6e6', text: '#3d3d3d' },
  not_assessed: { background: '#e6e6e6', text: '#3d3d3d' },
  regressed: { background: '#b2182b', text: '#ffffff' },
  no_action: { background: '#f1eef6', text: '#1b1f24' },
  committed: { background: '#bdc9e1', text: '#1b1f24' },
  framework_adopted: { background: '#74a9cf', text: '#1b1f24' },
  implementing: { background: '#1f6fa8', text: '#ffffff' },
  effective: { background: '#045a8d', text: '#ffffff' },
};

export function StatusBadge({ status, short = false }: { status: AssessmentStatus | null; short?: boolean }) {
  const { t } = useTranslation();
  const key = status ?? 'none';
  const colour = statusColour[key];
  return (
    <span className="status" style={{ background: colour.background, color: colour.text }}>
      {status === 'regressed' ? '↓ ' : ''}
      {t(short ? `statusShort.${key}` : `status.${key}`)}
    </span>
  );
}
