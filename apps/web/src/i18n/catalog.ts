import type { nl } from './nl';

/** The shape every catalog must have: exactly the keys of the Dutch one (the default), each a string. */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Catalog = Strings<typeof nl>;
