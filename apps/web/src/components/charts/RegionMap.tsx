import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../format';
import { isoNumeric } from './iso-numeric';

export interface MapState {
  iso3: string;
  name: string;
  score: number | null;
  sites: number;
}

const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const world = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
const byNumeric = new Map(world.features.map((f) => [String(f.id), f]));

/** Where the paper documents operations and transit, plus Viet Nam: the frame of the regional map. */
const FRAME = ['KHM', 'MMR', 'LAO', 'THA', 'PHL', 'VNM'];
const WIDTH = 640;
const HEIGHT = 520;

/** Same ramp as the status colours: light (low) to dark blue (high); grey when not assessed. */
function fill(score: number | null): string {
  if (score === null) return '#e6e6e6';
  if (score < 12.5) return '#f1eef6';
  if (score < 37.5) return '#bdc9e1';
  if (score < 62.5) return '#74a9cf';
  if (score < 87.5) return '#1f6fa8';
  return '#045a8d';
}

/**
 * States shaded by score from Natural Earth boundaries shipped with the app (no map service), with
 * the number of reported sites on each. Each State links to its scorecard.
 */
export default function RegionMap({ states }: { states: MapState[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const frame: FeatureCollection = {
    type: 'FeatureCollection',
    features: FRAME.flatMap((iso3) => {
      const f = byNumeric.get(isoNumeric[iso3] ?? '');
      return f ? [f] : [];
    }),
  };
  const projection = geoMercator().fitExtent(
    [
      [12, 12],
      [WIDTH - 12, HEIGHT - 12],
    ],
    frame,
  );
  const path = geoPath(projection);
  const tracked = new Map(states.map((s) => [isoNumeric[s.iso3], s]));

  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="region-map" role="img" aria-label={t('map.label')}>
      <rect width={WIDTH} height={HEIGHT} fill="#dbe7f0" />
      {world.features.map((f) => {
        const state = tracked.get(String(f.id));
        const d = path(f);
        if (!d) return null;
        return (
          <path
            key={String(f.id)}
            d={d}
            fill={state ? fill(state.score) : '#f7f7f4'}
            stroke="#8a939c"
            strokeWidth={state ? 0.9 : 0.4}
            className={state ? 'map-state' : undefined}
            onClick={state ? () => void navigate(`/states/${state.iso3}`) : undefined}
          >
            <title>
              {state
                ? `${state.name}: ${state.score === null ? t('status.none') : format.number(state.score)} · ${t('state.siteCount', { count: state.sites })}`
                : f.properties.name}
            </title>
          </path>
        );
      })}
      {states.map((s) => {
        const f = byNumeric.get(isoNumeric[s.iso3] ?? '');
        if (!f || s.sites === 0) return null;
        const [x, y] = path.centroid(f);
        if (!Number.isFinite(x) || x < 0 || x > WIDTH || y < 0 || y > HEIGHT) return null;
        return (
          <g key={s.iso3} transform={`translate(${x},${y})`} aria-hidden="true">
            <circle r={11} fill="#b2182b" stroke="#fff" strokeWidth={1.5} />
            <text textAnchor="middle" dy="0.35em" fontSize={11} fontWeight={700} fill="#fff">
              {s.sites}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
