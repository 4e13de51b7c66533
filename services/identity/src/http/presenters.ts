import type { identityApi } from '@homi/contracts';
import type { MeView } from '../application/get-me';
import type { Invitation } from '../domain/invitation';
import type { PrivacyStatement } from '../domain/privacy-statement';
import type { Tenant } from '../domain/tenant';
import type { MemberRow } from '../application/ports';

export function presentMe({ user, memberships, acceptedVersion, currentVersion, pendingEmail }: MeView): identityApi.Me {
  return {
    id: user.id,
    email: user.email,
    pendingEmail: pendingEmail ? { email: pendingEmail.email, expiresAt: pendingEmail.expiresAt.toISOString() } : null,
    name: user.name,
    phone: user.phone,
    acceptedPrivacyStatementVersion: acceptedVersion,
    currentPrivacyStatementVersion: currentVersion,
    memberships: memberships.map(({ tenantId, instituteName, membership }) => ({
      tenantId,
      instituteName,
      role: membership.role,
      permissions: membership.permissions,
    })),
    createdAt: user.createdAt.toISOString(),
  };
}

export function presentMember({ membership, email, name }: MemberRow): identityApi.Member {
  return {
    userId: membership.userId,
    email,
    name,
    role: membership.role,
    permissions: membership.permissions,
    createdAt: membership.createdAt.toISOString(),
    updatedAt: membership.updatedAt.toISOString(),
  };
}

/** A colleague as the agenda names them: id and name, nothing of their address or rights. */
export function presentStaffMember({ membership, name }: MemberRow): identityApi.StaffMember {
  return { userId: membership.userId, name };
}

export function presentStatement(statement: PrivacyStatement): identityApi.PrivacyStatement {
  return { version: statement.version, publishedAt: statement.publishedAt.toISOString(), text: statement.text };
}

export function presentInstituteDetails(tenant: Tenant): identityApi.InstituteDetails {
  return { tenantId: tenant.id, name: tenant.instituteName, kvkNumber: tenant.kvkNumber, address: tenant.address, phone: tenant.phone };
}

/** An invitation as the institute sees it; says nothing of whether the address has an account. */
export function presentInvitation(i: Invitation): identityApi.Invitation {
  return {
    id: i.id, email: i.email, role: i.role, permissions: i.permissions, status: i.status, invitedBy: i.invitedBy,
    createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString(),
  };
}

export function presentInvitationPreview({ invitation: i, instituteName }: { invitation: Invitation; instituteName: string }): identityApi.InvitationPreview {
  return {
    id: i.id, instituteName, email: i.email, role: i.role, permissions: i.permissions, suggestedName: i.suggestedName,
    expiresAt: i.expiresAt.toISOString(),
  };
}
