package io.mcpplatform.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The SDK's schema validation for one tenant server, with the tenant's tool schemas (input and output) compiled once
 * when the server is built. The SDK's default validator finds a compiled schema by serialising the schema map to a
 * string on every call (twice per {@code tools/call}: arguments and structured result); here the map the SDK passes,
 * which is the very instance the tool was registered with, is the key. Same dialect (JSON Schema 2020-12), same
 * library; anything else (a schema not known here, a failed validation, an error) goes to the default validator,
 * so answers and error texts are exactly the SDK's.
 */
final class CompiledSchemaValidator implements JsonSchemaValidator {
    private final ObjectMapper json;
    private final DefaultJsonSchemaValidator sdk;
    private final Map<Map<String, Object>, Schema> compiled; // by identity; never changed after construction

    /**
     * @param json  the mapper the transport uses
     * @param tools the tenant's tools, whose schemas are compiled now
     */
    CompiledSchemaValidator(ObjectMapper json, Collection<McpSchema.Tool> tools) {
        this.json = json;
        this.sdk = new DefaultJsonSchemaValidator(json);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());
        Map<Map<String, Object>, Schema> schemas = new IdentityHashMap<>();
        for (McpSchema.Tool tool : tools) {
            compile(registry, tool.inputSchema(), schemas);
            compile(registry, tool.outputSchema(), schemas);
        }
        this.compiled = schemas;
    }

    private void compile(SchemaRegistry registry, Map<String, Object> schema, Map<Map<String, Object>, Schema> into) {
        if (schema == null || schema.isEmpty()) {
            return;
        }
        try {
            into.put(schema, registry.getSchema(json.valueToTree(schema)));
        } catch (RuntimeException e) {
            // left to the SDK's validator, which reports it in its own words when the tool is called
        }
    }

    /** How many schemas were compiled up front (for tests). */
    int compiledCount() {
        return compiled.size();
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        Schema known = schema == null || structuredContent == null ? null : compiled.get(schema);
        if (known == null) {
            return sdk.validate(schema, structuredContent);
        }
        try {
            JsonNode node = structuredContent instanceof String text ? json.readTree(text)
                    : json.valueToTree(structuredContent);
            if (known.validate(node).isEmpty()) {
                return ValidationResponse.asValid(node.toString());
            }
        } catch (Exception e) {
            // the SDK's validator answers with its own message
        }
        return sdk.validate(schema, structuredContent);
    }
}
