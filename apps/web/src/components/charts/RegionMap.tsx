import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
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

/** A label that fits on the map: the name, or for a long one its code (the list below gives it in full). */
const labelOf = (s: MapState) => (s.name.length > 16 ? s.iso3 : s.name);

/** The legend's steps: the ramp's bounds, as the reader reads them. */
const STEPS: { from: number; to: number; colour: string }[] = [
  { from: 0, to: 12, colour: fill(0) },
  { from: 13, to: 37, colour: fill(25) },
  { from: 38, to: 62, colour: fill(50) },
  { from: 63, to: 87, colour: fill(75) },
  { from: 88, to: 100, colour: fill(100) },
];

/**
 * States shaded by score from Natural Earth boundaries shipped with the app (no map service), each
 * labelled with its name and the number of reported sites, with a numeric legend. Each State links to
 * its scorecard, by pointer or keyboard. States the source names outside the drawn region (countries
 * of origin far away) are listed beside the map with the same colours, so none is left out.
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
  const placed = states.map((s) => {
    const f = byNumeric.get(isoNumeric[s.iso3] ?? '');
    const [x, y] = f ? path.centroid(f) : [NaN, NaN];
    const inside = Number.isFinite(x) && Number.isFinite(y) && x >= 0 && x <= WIDTH && y >= 0 && y <= HEIGHT;
    return { state: s, x, y, inside };
  });
  const describe = (s: MapState) => `${s.name}: ${s.score === null ? t('status.none') : format.number(s.score)} · ${t('state.siteCount', { count: s.sites })}`;
  const open = (s: MapState) => void navigate(`/states/${s.iso3}`);

  return (
    <>
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
              data-iso3={state?.iso3}
              onClick={state ? () => open(state) : undefined}
            >
              <title>{state ? describe(state) : f.properties.name}</title>
            </path>
          );
        })}
        {placed
          .filter((p) => p.inside)
          .map(({ state: s, x, y }) => (
            <g key={s.iso3} transform={`translate(${x},${y})`} className="map-label" onClick={() => open(s)}>
              {s.sites > 0 ? (
                <>
                  <circle r={11} fill="#b2182b" stroke="#fff" strokeWidth={1.5} />
                  <text textAnchor="middle" dy="0.35em" fontSize={11} fontWeight={700} fill="#fff">
                    {s.sites}
                  </text>
                </>
              ) : null}
              <text textAnchor="middle" y={s.sites > 0 ? 24 : 4} fontSize={12} fontWeight={600} fill="#1b1f24" stroke="#ffffff" strokeWidth={3} paintOrder="stroke" data-iso3={s.iso3}>
                {labelOf(s)}
              </text>
            </g>
          ))}
        <g transform={`translate(20,${HEIGHT - 20 - 18 * (STEPS.length + 1)})`} className="map-legend">
          <rect x={-8} y={-20} width={150} height={18 * (STEPS.length + 1) + 26} fill="#ffffff" opacity={0.9} rx={4} />
          <text y={-6} fontSize={11} fontWeight={600} fill="#1b1f24">
            {t('map.legend')}
          </text>
          {[...STEPS.map((step) => ({ colour: step.colour, label: `${format.number(step.from)}–${format.number(step.to)}` })), { colour: fill(null), label: t('status.none') }].map((row, i) => (
            <g key={row.label} transform={`translate(0,${i * 18})`}>
              <rect width={14} height={12} y={2} fill={row.colour} stroke="#8a939c" strokeWidth={0.5} />
              <text x={20} y={12} fontSize={11} fill="#1b1f24">
                {row.label}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <div className="map-keys">
        <p className="small muted">{t('map.keyboard')}</p>
        <ul className="map-states">
          {placed.map(({ state: s, inside }) => (
            <li key={s.iso3} className={inside ? undefined : 'outside'}>
              <Link to={`/states/${s.iso3}`}>
                <span className="swatch" style={{ background: fill(s.score) }} aria-hidden="true" /> {describe(s)}
              </Link>
              {inside ? null : <span className="small muted"> · {t('map.outside')}</span>}
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
