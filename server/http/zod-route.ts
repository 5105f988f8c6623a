import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/app-error';
import { apiErrorSchema } from '../../core/sync/protocol';
import type { AuthContext, AuthKind, AuthOf } from './auth-context';

/** How a route wants its caller established. */
export interface AuthenticateOptions {
  /** The route reads a terminal's standing in its own transaction (see `ZodRoute.standingInTransaction`). */
  readonly standingInTransaction?: boolean;
}

/** Establishes the caller of a request for a route's declared auth kind; throws `unauthorized` when it cannot. */
export type Authenticate = (
  kind: AuthKind,
  request: FastifyRequest,
  options?: AuthenticateOptions,
) => Promise<AuthContext>;

/** One API route: its zod schemas are the validation and the OpenAPI documentation at once. */
export interface ZodRoute<K extends AuthKind, P, Q, B, R> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: K;
  /**
   * A terminal route whose handler reads the terminal's standing itself, in the transaction that acts for it (the
   * push): a token this process already knows is then not looked up again, and the handler receives its hash as
   * `auth.standingTokenHash` to check under its lock. Every other route reads the standing with the token.
   */
  readonly standingInTransaction?: true;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  readonly response: z.ZodType<R>;
  /** Success status (200 unless set). */
  readonly status?: number;
  /**
   * The input, validated, and the caller; `ip` is the source address (for per-address limits); `origin` is the API's
   * own origin as the caller reached it (`http://host:port`), for absolute URLs in answers.
   */
  readonly handler: (input: {
    params: P;
    query: Q;
    body: B;
    auth: AuthOf<K>;
    ip: string;
    origin: string;
  }) => Promise<R>;
}

/** The JSON Schema (OpenAPI 3.0 dialect) of a zod schema, as the request side accepts it. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, target: 'openapi-3.0', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete out.$schema;
  return out;
}

/** Registry of zod validators keyed by "METHOD url part", read by the validator compiler. */
const validators = new Map<string, z.ZodType>();

/** Installs the validator compiler (zod) and the serializer compiler (plain JSON; responses are checked by zod). */
export function installZodCompilers(app: FastifyInstance): void {
  app.setValidatorCompiler(({ method, url, httpPart }) => {
    const schema = validators.get(`${method} ${url} ${httpPart}`);
    return (data: unknown) => {
      if (!schema) return { value: data };
      const r = schema.safeParse(data ?? (httpPart === 'body' ? undefined : {}));
      return r.success ? { value: r.data } : { error: r.error.issues as never };
    };
  });
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

const EMPTY_QUERY = z.object({}).strict();

/** The caller each request's onRequest hook established, read by its handler. */
const authenticated = new WeakMap<FastifyRequest, AuthContext>();

/** Registers a route: validation by its zod schemas, auth by its declared kind, response checked by its schema. */
export function registerZodRoute<K extends AuthKind, P, Q, B, R>(
  app: FastifyInstance,
  authenticate: Authenticate,
  route: ZodRoute<K, P, Q, B, R>,
): void {
  const status = route.status ?? 200;
  const query = route.query ?? EMPTY_QUERY;
  const schema: Record<string, unknown> = {
    summary: route.summary,
    tags: [route.tag],
    querystring: jsonSchema(query, 'input'),
    response: {
      [status]: jsonSchema(route.response, 'output'),
      '4XX': jsonSchema(apiErrorSchema, 'output'),
    },
  };
  validators.set(`${route.method} ${route.url} querystring`, query);
  if (route.params) {
    schema.params = jsonSchema(route.params, 'input');
    validators.set(`${route.method} ${route.url} params`, route.params);
  }
  if (route.body) {
    schema.body = jsonSchema(route.body, 'input');
    validators.set(`${route.method} ${route.url} body`, route.body);
  }
  if (route.auth !== 'none') schema.security = [{ bearer: [] }];
  app.route({
    method: route.method,
    url: route.url,
    schema,
    // Authentication comes first, on the headers alone: an unauthenticated caller gets 401 before its body is
    // read, parsed or validated, so it learns nothing of the schemas. (A genuine terminal token this process knows,
    // on a `standingInTransaction` route, has its revocation and suspension read by the handler, after the body.)
    onRequest: async (request) => {
      const auth = await authenticate(route.auth, request, {
        standingInTransaction: route.standingInTransaction === true,
      });
      if (auth.kind !== route.auth) throw new AppError('unauthorized', 'missing or invalid bearer token');
      authenticated.set(request, auth);
    },
    handler: async (request, reply) => {
      const auth = authenticated.get(request);
      if (!auth) throw new AppError('unauthorized', 'missing or invalid bearer token');
      const result = await route.handler({
        params: request.params as P,
        query: request.query as Q,
        body: request.body as B,
        auth: auth as AuthOf<K>,
        ip: request.ip,
        origin: `${request.protocol}://${request.host}`,
      });
      const checked = route.response.safeParse(result);
      if (!checked.success) {
        throw new Error(
          `response of ${route.method} ${route.url} breaks its schema: ${checked.error.message}`,
        );
      }
      return reply.status(status).send(checked.data);
    },
  });
}
