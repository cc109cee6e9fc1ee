import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../ports';
import { DynamoOrgStore } from './org-store';
import { DynamoRoundStore } from './round-store';
import { DynamoProgrammeStore } from './programme-store';
import { DynamoSchemeStore } from './scheme-store';
import { DynamoInvitationStore } from './invitation-store';
import { DynamoBallotStore } from './ballot-store';
import { DynamoTargetInputStore } from './target-input-store';
import { DynamoReviewStore } from './review-store';
import { DynamoPublicationStore } from './publication-store';
import { DynamoTaskStore } from './task-store';
import { DynamoRepresentativeStore } from './representative-store';
import { DynamoDrawStore } from './draw-store';
import { DynamoHearingStore } from './hearing-store';
import { DynamoAccountStore } from './account-store';
import { DynamoOfficeAuditLog } from './office-audit-store';
import { DynamoRecipientStore } from './recipient-store';
import { DynamoDisclosureStore } from './disclosure-store';

/** The production (and local) store: every port on one table. */
export function dynamoStore(db: DynamoDBDocumentClient, table: string): Store {
  return {
    officeAudit: new DynamoOfficeAuditLog(db, table),
    programmes: new DynamoProgrammeStore(db, table),
    schemes: new DynamoSchemeStore(db, table),
    review: new DynamoReviewStore(db, table),
    publications: new DynamoPublicationStore(db, table),
    tasks: new DynamoTaskStore(db, table),
    org: new DynamoOrgStore(db, table),
    targetInputs: new DynamoTargetInputStore(db, table),
    accounts: new DynamoAccountStore(db, table),
    rounds: new DynamoRoundStore(db, table),
    invitations: new DynamoInvitationStore(db, table),
    ballots: new DynamoBallotStore(db, table),
    representatives: new DynamoRepresentativeStore(db, table),
    draws: new DynamoDrawStore(db, table),
    hearings: new DynamoHearingStore(db, table),
    recipients: new DynamoRecipientStore(db, table),
    disclosure: new DynamoDisclosureStore(db, table),
  };
}
