/**
 * The one Apollo Client of the browser app: queries and mutations over HTTP (the session cookie
 * rides along), subscriptions over graphql-ws on the same origin (the cookie authenticates the
 * upgrade). The socket reconnects forever with back-off; `connection` tells the UI whether live
 * updates are flowing, and pages refetch after a reconnect so nothing missed stays missing.
 *
 * Catalogue text (service names, questions) comes in the interface language: every HTTP operation
 * sends it as `Accept-Language` and the socket as its `language` parameter; when the language
 * changes, the socket reconnects and the pages' queries refetch.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { i18n } from '$lib/i18n/index.svelte';
import { connection } from './connection.svelte';

function wsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

function build() {
  const ws = createClient({
    url: wsUrl(),
    lazy: true,
    connectionParams: () => ({ language: i18n.lang }),
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async (retries) => {
      await new Promise((r) =>
        setTimeout(r, Math.min(30_000, 500 * 2 ** retries) * (0.5 + Math.random())),
      );
    },
    on: {
      connected: (_socket, _payload, wasRetry) => connection.connected(wasRetry),
      closed: () => connection.closed(),
    },
  });
  const http = new HttpLink({ uri: '/graphql', credentials: 'same-origin' });
  const language = new ApolloLink((operation, forward) => {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, 'accept-language': i18n.lang },
    }));
    return forward(operation);
  });
  const link = ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(ws),
    ApolloLink.from([language, http]),
  );
  const client = new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: {
        Query: { fields: { serviceRequests: { keyArgs: ['filter', 'orderBy'] } } },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  i18n.onChange(() => {
    ws.terminate();
    void client.refetchQueries({ include: 'active' });
  });
  return { client, ws };
}

let instance: ReturnType<typeof build> | undefined;

/** The app's Apollo Client (created on first use, in the browser). */
export function apollo(): ApolloClient {
  instance ??= build();
  return instance.client;
}

/** Closes and reopens the socket, e.g. after sign-in so the new session cookie is used. */
export async function restartLive(): Promise<void> {
  if (!instance) return;
  instance.ws.terminate();
  await instance.client.resetStore();
}
