package io.mcpplatform.server.tools.conformance;

import io.modelcontextprotocol.spec.McpSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Constant data of the conformance fixtures: media samples and elicitation schemas. */
final class Fixtures {
    /** A 1x1 red PNG. */
    static final String IMAGE_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    /** A minimal WAV file. */
    static final String AUDIO_BASE64 = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

    private static final Pattern TEMPLATE_URI = Pattern.compile("test://template/([^/]+)/data");

    private Fixtures() {
    }

    static McpSchema.ImageContent image() {
        return new McpSchema.ImageContent(null, IMAGE_BASE64, "image/png");
    }

    static String templateId(String uri) {
        Matcher m = TEMPLATE_URI.matcher(uri);
        return m.matches() ? m.group(1) : "";
    }

    static Map<String, Object> jsonSchema202012() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("$defs", Map.of("address", Map.of("type", "object", "properties",
                Map.of("street", Map.of("type", "string"), "city", Map.of("type", "string")))));
        schema.put("properties", Map.of("name", Map.of("type", "string"),
                "address", Map.of("$ref", "#/$defs/address")));
        schema.put("additionalProperties", false);
        return schema;
    }

    static Map<String, Object> simpleElicitationSchema() {
        return Map.of("type", "object",
                "properties", Map.of("response", Map.of("type", "string", "description", "User's response")),
                "required", List.of("response"));
    }

    static Map<String, Object> defaultsSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("name", Map.of("type", "string", "description", "User name", "default", "John Doe"));
        props.put("age", Map.of("type", "integer", "description", "User age", "default", 30));
        props.put("score", Map.of("type", "number", "description", "User score", "default", 95.5));
        props.put("status", Map.of("type", "string", "description", "User status",
                "enum", List.of("active", "inactive", "pending"), "default", "active"));
        props.put("verified", Map.of("type", "boolean", "description", "Verification status", "default", true));
        return Map.of("type", "object", "properties", props, "required", List.of());
    }

    static Map<String, Object> enumsSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("untitledSingle", Map.of("type", "string", "description", "Select one option",
                "enum", List.of("option1", "option2", "option3")));
        props.put("titledSingle", Map.of("type", "string", "description", "Select one option with titles",
                "oneOf", List.of(titled("value1", "First Option"), titled("value2", "Second Option"),
                        titled("value3", "Third Option"))));
        props.put("legacyEnum", Map.of("type", "string", "description", "Select one option (legacy)",
                "enum", List.of("opt1", "opt2", "opt3"),
                "enumNames", List.of("Option One", "Option Two", "Option Three")));
        props.put("untitledMulti", Map.of("type", "array", "description", "Select multiple options",
                "minItems", 1, "maxItems", 3,
                "items", Map.of("type", "string", "enum", List.of("option1", "option2", "option3"))));
        props.put("titledMulti", Map.of("type", "array", "description", "Select multiple options with titles",
                "minItems", 1, "maxItems", 3,
                "items", Map.of("anyOf", List.of(titled("value1", "First Choice"), titled("value2", "Second Choice"),
                        titled("value3", "Third Choice")))));
        return Map.of("type", "object", "properties", props, "required", List.of());
    }

    private static Map<String, Object> titled(String value, String title) {
        return Map.of("const", value, "title", title);
    }
}
