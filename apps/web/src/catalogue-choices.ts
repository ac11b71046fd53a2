import { useQuery } from '@tanstack/react-query';
import { useCatalogueText } from './catalogue-text';
import type { Choice } from './components/Form';
import { useTRPC } from './trpc';

/** The States as choices for a select, named in the interface language. */
export function useStateChoices(): Choice[] {
  const trpc = useTRPC();
  const text = useCatalogueText();
  const states = useQuery(trpc.states.list.queryOptions());
  return (states.data ?? []).map((s) => ({ value: s.iso3, label: text('state', s.iso3, 'name', s.name).text }));
}

/** The recommendations as choices, each with its key and title in the interface language. */
export function useRecommendationChoices(): Choice[] {
  const trpc = useTRPC();
  const text = useCatalogueText();
  const recommendations = useQuery(trpc.catalogue.recommendations.queryOptions());
  return (recommendations.data ?? []).map((r) => ({ value: r.key, label: `${r.key} ${text('recommendation', r.key, 'title', r.title).text}` }));
}
