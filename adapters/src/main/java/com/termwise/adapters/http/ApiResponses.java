package com.termwise.adapters.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** API Gateway v2 responses in the shapes of API.md: JSON bodies, and errors as {"error": {"code", "message", "field"?}}. */
public final class ApiResponses {

    static final JsonFactory JSON = new JsonFactory();
    private static final Map<String, String> HEADERS = Map.of("content-type", "application/json; charset=utf-8");

    private ApiResponses() {}

    @FunctionalInterface
    public interface JsonBody {
        void write(JsonGenerator json) throws IOException;
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonBody body) {
        var out = new StringWriter();
        try (var json = JSON.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(HEADERS).withBody(out.toString()).build();
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return json(status, json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeEndObject();
            json.writeEndObject();
        });
    }
}
