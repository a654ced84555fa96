/**
 * Composition of repositories and services: one place that wires the object graph, used by the
 * server, the CLI and the tests alike.
 */
import type { DataSource } from 'typeorm';
import type { PubSub } from './lib/pubsub.js';
import { AreaRepository } from './modules/area/area.repository.js';
import { AreaService } from './modules/area/area.service.js';
import { AuditRepository } from './modules/audit/audit.repository.js';
import { MediaRepository } from './modules/media/media.repository.js';
import { MediaService } from './modules/media/media.service.js';
import { FileMediaStorage } from './modules/media/media.storage.js';
import { ServiceDefinitionRepository } from './modules/service-definition/service-definition.repository.js';
import { ServiceDefinitionService } from './modules/service-definition/service-definition.service.js';
import { ServiceRequestRepository } from './modules/service-request/service-request.repository.js';
import { ServiceRequestService } from './modules/service-request/service-request.service.js';
import { UserRepository } from './modules/user/user.repository.js';
import { UserService } from './modules/user/user.service.js';

/** Every service of the process. */
export interface Services {
  dataSource: DataSource;
  pubsub: PubSub;
  definitions: ServiceDefinitionService;
  areas: AreaService;
  media: MediaService;
  serviceRequests: ServiceRequestService;
  users: UserService;
}

/** Wires repositories and services over one DataSource and one pub/sub. */
export function createServices(
  dataSource: DataSource,
  pubsub: PubSub,
  options: { mediaDir: string },
): Services {
  const definitions = new ServiceDefinitionService(new ServiceDefinitionRepository(dataSource));
  const areas = new AreaService(new AreaRepository(dataSource));
  const media = new MediaService(
    new MediaRepository(dataSource),
    new FileMediaStorage(options.mediaDir),
  );
  const serviceRequests = new ServiceRequestService(
    dataSource,
    new ServiceRequestRepository(dataSource),
    definitions,
    areas,
    media,
    new AuditRepository(),
    pubsub,
  );
  const users = new UserService(dataSource, new UserRepository(dataSource));
  return { dataSource, pubsub, definitions, areas, media, serviceRequests, users };
}
