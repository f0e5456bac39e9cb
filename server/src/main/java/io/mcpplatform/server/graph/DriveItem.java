package io.mcpplatform.server.graph;

/** A recently used file from {@code /me/drive/recent}; absent fields are empty strings, size -1 when unknown. */
public record DriveItem(String id, String name, String webUrl, String lastModifiedDateTime, long size) {
}
