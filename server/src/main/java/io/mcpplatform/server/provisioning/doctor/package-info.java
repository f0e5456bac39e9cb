/**
 * {@code doctor}: reads a tenant's live Entra configuration (metadata, clock, app, service principal, consent,
 * credential) and reports each problem with a one-line fix. Must not change anything in the directory.
 */
package io.mcpplatform.server.provisioning.doctor;
