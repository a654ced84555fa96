/**
 * The service groups' names in the interface language. A group is the catalogue's English name
 * ("Streets & Transportation"), which stays the key in filters and links; a group an
 * administrator adds later, with no Spanish name here, reads in English.
 */
import { i18n } from './index.svelte';

const ES: Readonly<Record<string, string>> = {
  'Streets & Transportation': 'Calles y transporte',
  'Sanitation & Garbage': 'Limpieza y basura',
  'Graffiti & Vandalism': 'Grafiti y vandalismo',
  Trees: 'Árboles',
  'Street Lights & Signals': 'Alumbrado público y semáforos',
  Animals: 'Animales',
  'Buildings & Housing': 'Edificios y vivienda',
  'Water & Sewer': 'Agua y alcantarillado',
  'Vehicles & Parking': 'Vehículos y estacionamiento',
  'Business & Consumer': 'Negocios y consumidores',
  'Health & Environment': 'Salud y medio ambiente',
  'Information & Other': 'Información y otros',
};

/** A group's name in the current language (reactive: reads the language). */
export function groupName(group: string): string {
  return i18n.lang === 'es' ? (ES[group] ?? group) : group;
}
