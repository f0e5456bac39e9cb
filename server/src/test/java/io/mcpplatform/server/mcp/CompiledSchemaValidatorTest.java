package io.mcpplatform.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompiledSchemaValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final McpSchema.Tool ECHO = McpSchema.Tool.builder()
            .name("echo")
            .inputSchema(Map.of("type", "object",
                    "properties", Map.of("message", Map.of("type", "string", "maxLength", 5)),
                    "required", List.of("message"), "additionalProperties", false))
            .outputSchema(Map.of("type", "object", "properties", Map.of("message", Map.of("type", "string")),
                    "required", List.of("message")))
            .build();

    private final CompiledSchemaValidator validator = new CompiledSchemaValidator(JSON, List.of(ECHO));
    private final DefaultJsonSchemaValidator sdk = new DefaultJsonSchemaValidator(JSON);

    @Test
    void constructWhenToolHasInputAndOutputSchemaThenBothCompiled() {
        assertEquals(2, validator.compiledCount());
    }

    @Test
    void validateWhenArgumentsConformThenSameAnswerAsTheSdk() {
        Map<String, Object> args = Map.of("message", "hi");

        ValidationResponse ours = validator.validate(ECHO.inputSchema(), args);

        assertTrue(ours.valid());
        assertEquals(sdk.validate(ECHO.inputSchema(), args), ours);
    }

    @Test
    void validateWhenArgumentsBreakTheSchemaThenInvalidWithTheSdksMessage() {
        for (Map<String, Object> args : List.<Map<String, Object>>of(Map.of(), Map.of("message", "far too long"),
                Map.of("message", "ok", "extra", 1), Map.of("message", 42))) {
            ValidationResponse ours = validator.validate(ECHO.inputSchema(), args);

            assertFalse(ours.valid(), args.toString());
            assertEquals(sdk.validate(ECHO.inputSchema(), args), ours);
        }
    }

    @Test
    void validateWhenStructuredOutputGivenAsTextThenParsedLikeTheSdk() {
        assertEquals(sdk.validate(ECHO.outputSchema(), "{\"message\":\"x\"}"),
                validator.validate(ECHO.outputSchema(), "{\"message\":\"x\"}"));
        assertFalse(validator.validate(ECHO.outputSchema(), "{\"other\":1}").valid());
        assertEquals(sdk.validate(ECHO.outputSchema(), "not json"), validator.validate(ECHO.outputSchema(), "not json"));
    }

    @Test
    void validateWhenSchemaNotOneOfTheToolsThenTheSdkDecides() {
        Map<String, Object> equalButOther = new HashMap<>(ECHO.inputSchema());

        assertEquals(sdk.validate(equalButOther, Map.of("message", 42)), validator.validate(equalButOther, Map.of("message", 42)));
        assertTrue(validator.validate(equalButOther, Map.of("message", "hi")).valid());
    }
}
