import type { Addressee, ObservationQualifier, SiteKind, StateRole } from '@tracker/domain';

/**
 * Facts taken from the UN Human Rights Office briefing paper of August 2023 (CC BY 3.0 IGO). Each
 * carries a citation to the part of the paper it comes from. Recommendation paraphrases are the
 * project's own words; the paper's text is not reproduced.
 */

export const FRAMEWORK_SLUG = 'ohchr-2023-scam-trafficking';
const paper = 'OHCHR (2023), Online Scam Operations and Trafficking into Forced Criminality in Southeast Asia';
export const cite = (part: string) => `${paper}, ${part}`;

export const framework = {
  slug: FRAMEWORK_SLUG,
  title:
    'Online Scam Operations and Trafficking into Forced Criminality in Southeast Asia: Recommendations for a Human Rights Response',
  publisher: 'United Nations Human Rights Office (OHCHR), Regional Office for South-East Asia',
  publishedOn: '2023-08-29',
  url: 'https://www.ohchr.org/en/press-releases/2023/08/hundreds-thousands-trafficked-work-online-scammers-se-asia-says-un-report',
  licence: 'CC BY 3.0 IGO',
  citation:
    'United Nations Human Rights Office of the High Commissioner (2023). Online Scam Operations and Trafficking into Forced Criminality in Southeast Asia: Recommendations for a Human Rights Response. Bangkok: OHCHR Regional Office for South-East Asia. Licensed under CC BY 3.0 IGO.',
};

export const group = {
  key: 'A',
  title: 'Promoting and protecting human rights',
  position: 1,
};

export interface SeedRecommendation {
  key: string;
  title: string;
  paraphrase: string;
  addressees: Addressee[];
  sdgTargets: string[];
}

export const recommendations: SeedRecommendation[] = [
  {
    key: 'A.1',
    title: 'Tackle the drivers of vulnerability',
    paraphrase:
      'States should reduce what makes people easy to traffic into scam compounds: poverty, inequality, discrimination, a shortage of decent jobs and migration rules so restrictive that people turn to irregular routes. Alongside this, they should use law, policy and other measures grounded in human rights to shut down the criminal operations and stop their exploitative practices.',
    addressees: ['all'],
    sdgTargets: ['8.7', '10.7'],
  },
  {
    key: 'A.2',
    title: 'Bring anti-trafficking law up to international standards',
    paraphrase:
      'States should amend or adopt legislation so that trafficking in persons, and every practice its international definition covers, is a clearly defined crime in national law, and so that anti-trafficking law itself guarantees the human rights and protection of the people who have been trafficked.',
    addressees: ['all'],
    sdgTargets: ['16.2', '8.7'],
  },
  {
    key: 'A.3',
    title: 'Undo harmful side effects of laws and policies',
    paraphrase:
      'States should review laws and policies, including counter-trafficking and border-control measures, that end up harming trafficking victims or migrants in vulnerable situations, and change them so that the response to trafficking does not itself punish or endanger the people it is meant to protect.',
    addressees: ['all'],
    sdgTargets: ['10.7'],
  },
  {
    key: 'A.4',
    title: 'Keep business out of trafficking and clean up recruitment',
    paraphrase:
      'States should make sure that no business, private or backed by the State and including those in conflict areas, takes part in trafficking for labour exploitation or forced criminality. They should set transparent, strict requirements for the whole recruitment process and firm rules for recruitment, placement and employment agencies.',
    addressees: ['all', 'business'],
    sdgTargets: ['8.7', '8.8'],
  },
  {
    key: 'A.5',
    title: 'Hold businesses in special economic zones to human rights',
    paraphrase:
      'States should actually enforce their laws and regulations so that every business, including those operating inside special economic zones, respects human rights in all it does and deals effectively with the risk of being involved in abuses.',
    addressees: ['destination', 'business'],
    sdgTargets: ['8.7', '16.4'],
  },
  {
    key: 'A.6',
    title: 'Train law enforcement in rights-based investigation',
    paraphrase:
      'States should give police and prosecutors proper training to investigate and prosecute trafficking cases in a way that respects human rights and responds to what trafficked people need, including joint investigations and shared prosecution methods across borders where useful, and should make it safe for victims to take part in prosecutions.',
    addressees: ['all'],
    sdgTargets: ['16.2', '16.3'],
  },
  {
    key: 'A.7',
    title: 'Protect journalists and human rights defenders',
    paraphrase:
      'States should respect and support journalists and other human rights defenders, including national human rights institutions and civil society organisations, give them a safe and enabling environment in law and in practice, and protect them from violence, reprisals and other pressure or arbitrary action, whether by State or non-State actors, because of their work.',
    addressees: ['all'],
    sdgTargets: ['16.10'],
  },
];

export const recommendationsLocator = cite('section B, recommendations on promoting and protecting human rights');

export interface SeedState {
  iso3: string;
  name: string;
  region: string;
  roles: { role: StateRole; basis: string; citation: string }[];
}

const victimsFrom = {
  basis: 'Named among the places victims trafficked into online scam operations have come from.',
  citation: cite('Changing profiles'),
};
const asOrigin = (): SeedState['roles'] => [{ role: 'origin', ...victimsFrom }];

export const states: SeedState[] = [
  {
    iso3: 'KHM',
    name: 'Cambodia',
    region: 'South-eastern Asia',
    roles: [
      {
        role: 'destination',
        basis:
          'Online scam centres reportedly operating in several provinces; credible estimates of at least 100,000 people forced into online scams.',
        citation: cite('History and background'),
      },
      {
        role: 'origin',
        basis: 'Historically a country of origin of trafficked persons, now shifted to a destination country.',
        citation: cite('Changing profiles'),
      },
    ],
  },
  {
    iso3: 'MMR',
    name: 'Myanmar',
    region: 'South-eastern Asia',
    roles: [
      {
        role: 'destination',
        basis:
          'Scam centres reported in Shwe Kokko, Myawaddy, Kokang and Mong La; credible sources indicate at least 120,000 people held.',
        citation: cite('History and background'),
      },
      { role: 'origin', ...victimsFrom },
    ],
  },
  {
    iso3: 'LAO',
    name: "Lao People's Democratic Republic",
    region: 'South-eastern Asia',
    roles: [
      {
        role: 'destination',
        basis: 'The industry is said to be centred on the Golden Triangle Special Economic Zone.',
        citation: cite('History and background'),
      },
      { role: 'origin', ...victimsFrom },
    ],
  },
  {
    iso3: 'PHL',
    name: 'Philippines',
    region: 'South-eastern Asia',
    roles: [
      {
        role: 'destination',
        basis:
          'Scam centres reportedly operating within some offshore gaming operators (POGOs) and in zones such as the Clark Freeport Zone.',
        citation: cite('History and background'),
      },
      { role: 'origin', ...victimsFrom },
    ],
  },
  {
    iso3: 'THA',
    name: 'Thailand',
    region: 'South-eastern Asia',
    roles: [
      {
        role: 'transit',
        basis:
          'Increasingly a transit country: people travel into Thailand before being moved across the border, or transit through it between scam operations.',
        citation: cite('Changing profiles'),
      },
      { role: 'origin', ...victimsFrom },
    ],
  },
  { iso3: 'IDN', name: 'Indonesia', region: 'South-eastern Asia', roles: asOrigin() },
  { iso3: 'MYS', name: 'Malaysia', region: 'South-eastern Asia', roles: asOrigin() },
  { iso3: 'SGP', name: 'Singapore', region: 'South-eastern Asia', roles: asOrigin() },
  { iso3: 'VNM', name: 'Viet Nam', region: 'South-eastern Asia', roles: asOrigin() },
  {
    iso3: 'CHN',
    name: 'China',
    region: 'Eastern Asia',
    roles: [
      {
        role: 'origin',
        basis:
          'Named among the places victims have come from; the source lists "China (including Hong Kong, Taiwan)".',
        citation: cite('Changing profiles'),
      },
    ],
  },
  { iso3: 'BGD', name: 'Bangladesh', region: 'Southern Asia', roles: asOrigin() },
  { iso3: 'IND', name: 'India', region: 'Southern Asia', roles: asOrigin() },
  { iso3: 'NPL', name: 'Nepal', region: 'Southern Asia', roles: asOrigin() },
  { iso3: 'PAK', name: 'Pakistan', region: 'Southern Asia', roles: asOrigin() },
  { iso3: 'ETH', name: 'Ethiopia', region: 'Eastern Africa', roles: asOrigin() },
  { iso3: 'KEN', name: 'Kenya', region: 'Eastern Africa', roles: asOrigin() },
  { iso3: 'TZA', name: 'United Republic of Tanzania', region: 'Eastern Africa', roles: asOrigin() },
  { iso3: 'EGY', name: 'Egypt', region: 'Northern Africa', roles: asOrigin() },
  { iso3: 'TUR', name: 'Türkiye', region: 'Western Asia', roles: asOrigin() },
  { iso3: 'BRA', name: 'Brazil', region: 'South America', roles: asOrigin() },
];

/** The five States where the paper documents scam operations or transit (the demo set uses them). */
export const focusStates = ['KHM', 'MMR', 'LAO', 'PHL', 'THA'] as const;

export interface SeedSite {
  iso3: string;
  name: string;
  kind: SiteKind;
  adminArea: string | null;
  status: { observedOn: string; note: string };
}

const cambodiaJuly2023 = {
  observedOn: '2023-07-31',
  note: 'Reported as of July 2023 as a location where online scam centres are or were operating.',
};
const reportedAtPublication = {
  observedOn: '2023-08-29',
  note: 'Reported in the briefing paper as a location of scam centres.',
};

export const sitesCitation = cite('History and background');

export const sites: SeedSite[] = [
  { iso3: 'KHM', name: 'Dara Sakor SEZ', kind: 'sez', adminArea: 'Koh Kong', status: cambodiaJuly2023 },
  { iso3: 'KHM', name: 'Henge Thmorda SEZ', kind: 'sez', adminArea: 'Koh Kong', status: cambodiaJuly2023 },
  ...['Phnom Penh', 'Kandal', 'Pursat', 'Koh Kong', 'Bavet', 'Preah Sihanouk', 'Oddar Meanchey', 'Svay Rieng'].map(
    (name): SeedSite => ({ iso3: 'KHM', name, kind: 'locality', adminArea: name, status: cambodiaJuly2023 }),
  ),
  { iso3: 'MMR', name: 'Shwe Kokko', kind: 'casino_hub', adminArea: 'Myawaddy, Kayin State', status: reportedAtPublication },
  { iso3: 'MMR', name: 'KK Zone', kind: 'compound', adminArea: 'Myawaddy, Kayin State', status: reportedAtPublication },
  {
    iso3: 'MMR',
    name: 'Compounds along the Moei River',
    kind: 'compound',
    adminArea: 'Myawaddy, Kayin State',
    status: reportedAtPublication,
  },
  {
    iso3: 'MMR',
    name: 'Kokang Self-Administered Zone',
    kind: 'locality',
    adminArea: 'Shan State',
    status: reportedAtPublication,
  },
  { iso3: 'MMR', name: 'Mong La', kind: 'casino_hub', adminArea: 'Shan State', status: reportedAtPublication },
  { iso3: 'LAO', name: 'Golden Triangle SEZ', kind: 'sez', adminArea: 'Bokeo', status: reportedAtPublication },
  { iso3: 'PHL', name: 'Clark Freeport Zone', kind: 'sez', adminArea: 'Pampanga', status: reportedAtPublication },
];

export interface SeedIndicator {
  key: string;
  name: string;
  unit: string;
  description: string;
  observations: {
    iso3: string;
    observedOn: string;
    value: string;
    qualifier: ObservationQualifier;
    citation: string;
  }[];
}

export const indicators: SeedIndicator[] = [
  {
    key: 'people_held_estimate',
    name: 'People estimated held in scam operations',
    unit: 'people',
    description: 'Credible estimates of people forced to carry out online scams in the State.',
    observations: [
      { iso3: 'MMR', observedOn: '2023-08-29', value: '120000', qualifier: 'at_least', citation: cite('History and background') },
      { iso3: 'KHM', observedOn: '2023-08-29', value: '100000', qualifier: 'at_least', citation: cite('History and background') },
    ],
  },
  {
    key: 'casinos',
    name: 'Casinos',
    unit: 'casinos',
    description: 'Number of casinos in the State.',
    observations: [
      { iso3: 'KHM', observedOn: '2014-12-31', value: '57', qualifier: 'exact', citation: cite('History and background') },
      { iso3: 'KHM', observedOn: '2019-12-31', value: '150', qualifier: 'exact', citation: cite('History and background') },
    ],
  },
  {
    key: 'licensed_pogos',
    name: 'Licensed offshore gaming operators (POGOs)',
    unit: 'operators',
    description: 'Philippine offshore gaming operators holding a licence; more operate illegally.',
    observations: [
      { iso3: 'PHL', observedOn: '2023-08-29', value: '30', qualifier: 'over', citation: cite('History and background') },
    ],
  },
];
