import type { Body } from '../../schemes/model/values';

/** What every editor section gets: the body, a way to replace it, and whether it may change. */
export type SectionProps = { body: Body; change: (next: Body) => void; readOnly: boolean };
