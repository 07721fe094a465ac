/**
 * Tenants: {@link dev.keelson.governance.tenant.TenantSpec} describes a team's namespaces with quota, limits,
 * Pod Security, network isolation and RBAC; {@link dev.keelson.governance.tenant.Tenants} onboards and offboards
 * them through plan and apply.
 */
package dev.keelson.governance.tenant;
