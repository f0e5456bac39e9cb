package io.mcpplatform.server.graph;

/** The signed-in user as {@code /me} describes them; absent fields are empty strings. */
public record GraphUser(String id, String displayName, String userPrincipalName, String mail, String jobTitle) {
}
