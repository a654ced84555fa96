/**
 * Prometheus metrics at `/metrics`: process defaults, HTTP requests by route and status, GraphQL
 * operations by name and outcome, and open WebSocket connections. One registry per server, so tests
 * can run several servers in one process.
 */
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The metrics of one server. */
export interface StoopMetrics {
  registry: Registry;
  /** Express middleware timing every request. */
  http: (req: Request, res: Response, next: NextFunction) => void;
  graphqlOperations: Counter<'operation' | 'type' | 'outcome'>;
  wsConnections: Gauge;
}

/** Creates the registry and its instruments. */
export function createMetrics(): StoopMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'stoop_' });
  const duration = new Histogram({
    name: 'stoop_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const graphqlOperations = new Counter({
    name: 'stoop_graphql_operations_total',
    help: 'GraphQL operations by name, type and outcome',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [registry],
  });
  const wsConnections = new Gauge({
    name: 'stoop_websocket_connections',
    help: 'Open graphql-ws connections',
    registers: [registry],
  });
  const routeOf = (req: Request): string => {
    const path = req.baseUrl + req.path;
    if (path.startsWith('/graphql')) return '/graphql';
    if (path.startsWith('/media')) return '/media';
    if (path.startsWith('/open311')) return '/open311';
    if (['/healthz', '/readyz', '/metrics', '/'].includes(path)) return path;
    return 'other';
  };
  return {
    registry,
    graphqlOperations,
    wsConnections,
    http(req, res, next) {
      const end = duration.startTimer();
      res.on('finish', () =>
        end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }),
      );
      next();
    },
  };
}
