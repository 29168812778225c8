export type LifecycleStatus = 'active' | 'deprecated' | 'retired';

export type Lifecycle = {
  status: LifecycleStatus;
  /** ISO date the maker announced the deprecation. */
  deprecatedAt?: string | undefined;
  /** ISO date the model stops (or stopped) working upstream. */
  retiredAt?: string | undefined;
  /** Catalog ids to move to. */
  successors: string[];
  note?: string | undefined;
};

/** The model card: what the model is, independent of who serves it. */
export type CatalogModel = {
  id: string;
  name: string;
  /** Who made it (`openai`, `google`). */
  creator: string;
  family: string;
  tags: string[];
  lifecycle: Lifecycle;
};
