/**
 * Open data exports: every public request matching the `serviceRequests` filters, as a stream.
 * Private services are never exported, whoever asks (staff use the API for those).
 */
import type { Readable } from 'node:stream';
import { BadInputError } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/errors.js';
import { CHANNELS, DETAILED_STATUSES } from '../service-request/service-request.entity.js';
import type { RequestFilter } from '../service-request/service-request.repository.js';
import type { Actor } from '../user/actor.js';
import { EXPORT_COLUMNS } from './export.repository.js';
import type { ExportRepository } from './export.repository.js';

/** The filters an export accepts: those of `serviceRequests`. */
export type ExportFilter = Pick<
  RequestFilter,
  | 'serviceCodes'
  | 'status'
  | 'detailedStatuses'
  | 'channels'
  | 'ward'
  | 'communityArea'
  | 'from'
  | 'to'
  | 'bbox'
  | 'near'
>;

/** Largest `near` radius of an export, in metres (as `serviceRequests`). */
export const MAX_EXPORT_RADIUS = 50_000;

/** Export rules. */
export class ExportService {
  constructor(private readonly repository: ExportRepository) {}

  /** The documented column list. */
  get columns(): readonly string[] {
    return EXPORT_COLUMNS;
  }

  /** Checks the filter, then opens the row stream (fields named as the query parameters). */
  async requests(_actor: Actor, filter: ExportFilter): Promise<Readable> {
    const problems: FieldProblem[] = [];
    const unknown = filter.detailedStatuses?.filter(
      (s) => !(DETAILED_STATUSES as readonly string[]).includes(s),
    );
    if (unknown?.length) {
      problems.push({
        field: 'detailed_status',
        message: `must be a comma list of ${DETAILED_STATUSES.join(', ')}`,
      });
    }
    const badChannels = filter.channels?.filter(
      (c) => !(CHANNELS as readonly string[]).includes(c),
    );
    if (badChannels?.length) {
      problems.push({
        field: 'channel',
        message: `must be a comma list of ${CHANNELS.join(', ')}`,
      });
    }
    if (filter.from && filter.to && filter.from >= filter.to) {
      problems.push({ field: 'to', message: 'must be after from' });
    }
    if (
      filter.near &&
      !(filter.near.radiusMeters > 0 && filter.near.radiusMeters <= MAX_EXPORT_RADIUS)
    ) {
      problems.push({
        field: 'near',
        message: `radius must be between 1 and ${MAX_EXPORT_RADIUS}`,
      });
    }
    if (
      filter.bbox &&
      !(filter.bbox.west < filter.bbox.east && filter.bbox.south < filter.bbox.north)
    ) {
      problems.push({ field: 'bbox', message: 'must have west < east and south < north' });
    }
    if (problems.length) throw new BadInputError(problems);
    return this.repository.stream({ ...filter, includePrivate: false });
  }
}
