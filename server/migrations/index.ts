import { sql as m0001 } from './0001-initial-schema';

/** One numbered, one-way schema step. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration the code knows, in order. Append only; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: '0001-initial-schema', sql: m0001 }];
