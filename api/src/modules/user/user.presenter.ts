/** Entity → GraphQL mapping for the viewer. E-mail appears only here: on your own account. */
import type { AgencyEntity } from '../agency/agency.entity.js';
import { presentAgency } from '../service-definition/service-definition.presenter.js';
import type { UserEntity } from './user.entity.js';
import { RoleEnum, Viewer } from './user.type.js';

/** Maps the caller's own account. */
export function presentViewer(user: UserEntity, agency: AgencyEntity | null): Viewer {
  return Object.assign(new Viewer(), {
    id: user.id,
    displayName: user.displayName,
    email: user.email,
    role: user.role as RoleEnum,
    agency: agency ? presentAgency(agency) : null,
    locale: user.locale,
  });
}
