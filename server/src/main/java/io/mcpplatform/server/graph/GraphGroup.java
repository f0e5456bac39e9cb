package io.mcpplatform.server.graph;

/** A group (or directory role) the user belongs to, directly or transitively. */
public record GraphGroup(String id, String displayName, String type) {
}
