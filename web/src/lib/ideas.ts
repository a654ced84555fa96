/** Small helpers the ideas pages share. */

/** A service as the idea filters and form list it. */
export interface ServiceChoice {
  code: string;
  name: string;
  group: string;
}

/** Services grouped by their category group, groups and names in alphabetical order. */
export function groupServices(services: readonly ServiceChoice[]): [string, ServiceChoice[]][] {
  const groups: Record<string, ServiceChoice[]> = {};
  for (const s of services) (groups[s.group] ??= []).push(s);
  return Object.entries(groups)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, list]) => [group, [...list].sort((a, b) => a.name.localeCompare(b.name))]);
}
