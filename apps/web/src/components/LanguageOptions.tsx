import { languages } from '../languages';

/** The interface languages as a select's options, each named in itself. */
export function LanguageOptions() {
  return languages.map((l) => (
    <option key={l.tag} value={l.tag} lang={l.tag}>
      {l.name}
    </option>
  ));
}
