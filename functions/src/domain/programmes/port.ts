import type { Programme, TargetLink } from '@shared/model/programme';
import type { Round } from '@shared/model/round';

/**
 * What the programme use cases need from storage. Programmes are written once (no update):
 * a programme's scheme version, cadence and target set never change under its rounds; target
 * identity links are appended, never edited.
 */
export interface ProgrammeStore {
  /**
   * Stores a new programme; ALREADY_EXISTS ({ programmeId }) when the id is taken. With `round`
   * (a solo programme made for a round created without one) the round is stored in the same
   * transaction: both or neither, ALREADY_EXISTS ({ roundId }) when the round id is taken.
   */
  createProgramme(programme: Programme, round?: Round): Promise<void>;
  getProgramme(id: string): Promise<Programme | undefined>;
  listProgrammes(): Promise<Programme[]>;
  /** Appends a link; the write is conditional on the programme existing (PROGRAMME_NOT_FOUND). */
  appendLink(programmeId: string, link: TargetLink): Promise<void>;
  /** Oldest first. */
  listLinks(programmeId: string): Promise<TargetLink[]>;
}
