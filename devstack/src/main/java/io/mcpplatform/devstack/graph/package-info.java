/**
 * A stand-in for Microsoft Graph v1.0 on 127.0.0.1: {@code /me}, paged {@code /me/transitiveMemberOf},
 * {@code checkMemberGroups}, {@code /me/drive/recent} per demo user, Graph-shaped errors and failure knobs for tests.
 * Must not be used outside tests and {@code bin/mcp-platform dev}; it checks tokens only loosely (audience, expiry).
 */
package io.mcpplatform.devstack.graph;
