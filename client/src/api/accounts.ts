import { CreateAccountRequest, CreateAccountResponse } from '@shared/api/auth';
import { CreateNodeRequest } from '@shared/api/org';
import { OrgNode } from '@shared/model/org';
import { apiRequest } from './http';

/** Office accounts and single organisation nodes, created by the county's administrator. */
export function createAccount(req: CreateAccountRequest) {
  return apiRequest({ method: 'POST', path: '/admin/accounts', body: req, auth: 'staff', schema: CreateAccountResponse });
}

export function createNode(req: CreateNodeRequest) {
  return apiRequest({ method: 'POST', path: '/admin/nodes', body: req, auth: 'staff', schema: OrgNode });
}
