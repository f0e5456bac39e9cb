/**
 * Microsoft Graph's application-management calls (applications, service principals, credentials, grants, groups)
 * on the shared {@code graph.GraphTransport}. Must not decide anything: what to create or change is the provisioning
 * steps' job; never logs a token or a secret.
 */
package io.mcpplatform.server.provisioning.directory;
