/**
 * Links and names for what a notification or a follow points at (a request, an area, a block
 * club or an idea), from the `target` the API resolves with the viewer's visibility.
 */
import { t } from '$lib/i18n/index.svelte';

/** The shapes `target` comes in (inline fragments in me.graphql). */
export type Target =
  | { id: string; trackingNumber: string; service: { name: string } }
  | { id: string; kind: string; number: number; name: string }
  | { id: string; slug: string; name: string }
  | { id: string; title: string }
  | { id: string };

/** The page of a target, or null when it is gone or unknown. */
export function targetHref(target: Target | null | undefined): string | null {
  if (!target) return null;
  if ('trackingNumber' in target) return `/requests/${target.trackingNumber}`;
  if ('kind' in target) {
    return target.kind === 'WARD'
      ? `/areas/wards/${target.number}`
      : `/areas/community-areas/${target.number}`;
  }
  if ('slug' in target) return `/clubs/${target.slug}`;
  if ('title' in target) return `/ideas/${encodeURIComponent(target.id)}`;
  return null;
}

/** A short name of a target for a list. */
export function targetLabel(target: Target | null | undefined): string {
  if (!target) return t('account.target.gone');
  if ('trackingNumber' in target) return `${target.service.name} · ${target.trackingNumber}`;
  if ('kind' in target) {
    return target.kind === 'WARD'
      ? t('account.target.ward', { n: target.number })
      : `${target.name} (${t('account.target.communityArea', { n: target.number })})`;
  }
  if ('slug' in target) return target.name;
  if ('title' in target) return target.title;
  return t('account.target.gone');
}
