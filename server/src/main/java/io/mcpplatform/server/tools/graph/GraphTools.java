package io.mcpplatform.server.tools.graph;

import io.modelcontextprotocol.spec.McpSchema;

import java.util.List;
import java.util.Map;

/** The graph pack's tool definitions: precise input schemas ({@code additionalProperties: false}) and outputs. */
final class GraphTools {
    static final int MAX_TOP = 25;
    static final int DEFAULT_TOP = 10;
    static final int MAX_GROUP_IDS = 20;
    static final String GUID_PATTERN =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private static final Map<String, Object> STRING = Map.of("type", "string");
    private static final Map<String, Object> NO_INPUT =
            Map.of("type", "object", "properties", Map.of(), "additionalProperties", false);

    static final McpSchema.Tool WHOAMI = McpSchema.Tool.builder()
            .name("whoami")
            .title("Who am I (Microsoft Graph)")
            .description("Your Microsoft 365 profile from Microsoft Graph /me: id, name, user principal name, mail, "
                    + "job title.")
            .inputSchema(NO_INPUT)
            .outputSchema(object(Map.of("id", STRING, "displayName", STRING, "userPrincipalName", STRING,
                    "mail", STRING, "jobTitle", STRING), List.of("id", "displayName", "userPrincipalName")))
            .build();

    static final McpSchema.Tool LIST_MY_GROUPS = McpSchema.Tool.builder()
            .name("list_my_groups")
            .title("My groups")
            .description("The groups and directory roles you belong to, directly or through other groups.")
            .inputSchema(NO_INPUT)
            .outputSchema(object(Map.of(
                    "groups", Map.of("type", "array", "items", object(Map.of("id", STRING, "displayName", STRING),
                            List.of("id", "displayName"))),
                    "count", Map.of("type", "integer", "minimum", 0),
                    "truncated", Map.of("type", "boolean")), List.of("groups", "count", "truncated")))
            .build();

    static final McpSchema.Tool CHECK_GROUP_MEMBERSHIP = McpSchema.Tool.builder()
            .name("check_group_membership")
            .title("Check group membership")
            .description("Which of the given groups (Entra object ids) you are a member of, directly or "
                    + "transitively.")
            .inputSchema(Map.of(
                    "type", "object",
                    "properties", Map.of("group_ids", Map.of(
                            "type", "array",
                            "description", "Entra group object ids (GUIDs), 1 to " + MAX_GROUP_IDS,
                            "minItems", 1, "maxItems", MAX_GROUP_IDS, "uniqueItems", true,
                            "items", Map.of("type", "string", "pattern", GUID_PATTERN))),
                    "required", List.of("group_ids"),
                    "additionalProperties", false))
            .outputSchema(object(Map.of(
                    "memberOf", Map.of("type", "array", "items", STRING),
                    "notMemberOf", Map.of("type", "array", "items", STRING)), List.of("memberOf", "notMemberOf")))
            .build();

    static final McpSchema.Tool RECENT_FILES = McpSchema.Tool.builder()
            .name("recent_files")
            .title("Recent files")
            .description("Files you used recently in OneDrive and SharePoint, newest first.")
            .inputSchema(Map.of(
                    "type", "object",
                    "properties", Map.of("top", Map.of("type", "integer", "minimum", 1, "maximum", MAX_TOP,
                            "default", DEFAULT_TOP, "description", "How many files, 1 to " + MAX_TOP)),
                    "additionalProperties", false))
            .outputSchema(object(Map.of(
                    "files", Map.of("type", "array", "items", object(Map.of("id", STRING, "name", STRING,
                            "webUrl", STRING, "lastModifiedDateTime", STRING, "size", Map.of("type", "integer")),
                            List.of("id", "name")))), List.of("files")))
            .build();

    static final McpSchema.Tool TENANT_ADMIN_REPORT = McpSchema.Tool.builder()
            .name("tenant_admin_report")
            .title("Tenant admin report")
            .description("Administrators only (members of the tenant's administrators group): the tenant's "
                    + "platform settings.")
            .inputSchema(NO_INPUT)
            .outputSchema(object(Map.of(
                    "tenant", STRING, "displayName", STRING, "status", STRING, "entraTenantId", STRING,
                    "toolPacks", Map.of("type", "array", "items", STRING),
                    "graphScopes", Map.of("type", "array", "items", STRING),
                    "adminGroupId", STRING), List.of("tenant", "displayName", "status")))
            .build();

    private GraphTools() {
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        return Map.of("type", "object", "properties", properties, "required", required);
    }
}
