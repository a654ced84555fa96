/**
 * The report being written, kept in localStorage so a half-filled report survives a reload or a
 * closed tab (photos included: they are already uploaded, the draft keeps their media ids). The
 * idempotency key is made once per draft, so sending twice (a double click, a retry after a lost
 * answer) files one request. Submitting successfully clears the draft.
 *
 * Terms: a *step* is one screen of the flow (1 service, 2 details, 3 place, 4 contact and check);
 * the *location mode* is how the resident gives the place (typed address, device location, map
 * pin, or ward plus a description).
 */

/** The flow's screens. */
export type Step = 1 | 2 | 3 | 4;
/** How the place is given. */
export type LocationMode = 'ADDRESS' | 'DEVICE' | 'MAP' | 'WARD';

/** An uploaded photo. */
export interface DraftPhoto {
  id: string;
  url: string;
  thumbnailUrl: string;
  name: string;
}

/** The chosen place, resolved to a point and a ward. */
export interface DraftLocation {
  latitude: number;
  longitude: number;
  ward: number | null;
  communityArea: number | null;
  /** What the resident sees as the place: the geocoded or nearest address, or the ward. */
  label: string;
}

/** Everything the draft remembers. */
export interface DraftData {
  version: 1;
  key: string;
  step: Step;
  search: string;
  group: string;
  serviceCode: string | null;
  serviceName: string;
  answers: Record<string, string | string[]>;
  description: string;
  photos: DraftPhoto[];
  locationMode: LocationMode;
  addressQuery: string;
  /** Submitted as the request's address (typed place, nearest address, or the place note). */
  address: string;
  wardId: string;
  placeNote: string;
  location: DraftLocation | null;
  contact: { name: string; email: string; phone: string };
  follow: boolean;
  /** Without an account: updates by e-mail and/or text at the contact given. */
  updatesBy: ('EMAIL' | 'SMS')[];
  savedAt: string;
}

const STORAGE_KEY = 'stoop.report.draft';

function newKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-web`;
}

/** Now, as ISO 8601 (a plain value, not reactive state). */
function timestamp(): string {
  return new Date().toISOString();
}

function empty(): DraftData {
  return {
    version: 1,
    key: newKey(),
    step: 1,
    search: '',
    group: '',
    serviceCode: null,
    serviceName: '',
    answers: {},
    description: '',
    photos: [],
    locationMode: 'ADDRESS',
    addressQuery: '',
    address: '',
    wardId: '',
    placeNote: '',
    location: null,
    contact: { name: '', email: '', phone: '' },
    follow: true,
    updatesBy: [],
    savedAt: timestamp(),
  };
}

function read(): DraftData | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<DraftData>;
    if (parsed.version !== 1 || typeof parsed.key !== 'string') return null;
    return { ...empty(), ...parsed } as DraftData;
  } catch {
    return null;
  }
}

/** Whether a draft holds anything worth restoring. */
function hasContent(d: DraftData): boolean {
  return Boolean(
    d.serviceCode ||
    d.search ||
    d.description ||
    d.photos.length ||
    d.location ||
    d.addressQuery ||
    d.contact.name ||
    d.contact.email ||
    d.contact.phone,
  );
}

/** The one report draft of the page; every change is saved. */
export class ReportDraft {
  data = $state<DraftData>(empty());
  /** When a saved draft was restored at load, its save time (for the "we kept your report" note). */
  restoredFrom = $state<string | null>(null);

  /** Loads a saved draft, if any. Call once in the browser. */
  load() {
    const saved = read();
    if (saved && hasContent(saved)) {
      this.data = saved;
      this.restoredFrom = saved.savedAt;
    }
  }

  /**
   * Writes the draft now (reads every field, so an effect calling it re-runs on any change). An
   * empty draft is not kept: after sending or discarding, nothing lingers.
   */
  save() {
    try {
      const snapshot = { ...$state.snapshot(this.data), savedAt: timestamp() };
      if (!hasContent(snapshot)) localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, JSON.stringify(snapshot));
    } catch {
      // Private mode or a full quota: the report still works, it just will not survive a reload.
    }
  }

  /** Forgets the draft (after sending it, or to start over) and begins a new one. */
  clear() {
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
    this.data = empty();
    this.restoredFrom = null;
  }
}
