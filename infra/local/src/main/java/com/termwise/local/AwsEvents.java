package com.termwise.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events as AWS documents them, not as Termwise's own code builds them:
 * <ul>
 * <li>API Gateway HTTP API, payload format 2.0 ("Working with AWS Lambda proxy integrations for HTTP APIs"):
 *     lower-case header names, {@code requestContext.authorizer.jwt.claims} flattened to strings (an array claim
 *     arrives as {@code "[admin service]"}), the body base64-encoded with {@code isBase64Encoded: true} when
 *     API Gateway treats it as binary;</li>
 * <li>SQS ("Using Lambda with Amazon SQS"): {@code Records} with {@code messageId}, {@code receiptHandle},
 *     {@code body}, {@code attributes}, {@code md5OfBody}, {@code eventSource}, {@code eventSourceARN}.</li>
 * </ul>
 * The local runner's Lambda mode writes its events with these too, so what a function reads there is what AWS sends.
 */
public final class AwsEvents {

    public static final ObjectMapper JSON = new ObjectMapper();

    private AwsEvents() {
    }

    /** A claim set as API Gateway's JWT authorizer passes it on: every value a string. */
    static Map<String, String> claims(String sub, String groupsClaim, String groups) {
        long now = Instant.now().getEpochSecond();
        var claims = new java.util.LinkedHashMap<String, String>();
        claims.put("sub", sub);
        claims.put("email", sub + "@example.test");
        claims.put("iss", "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_local");
        claims.put("token_use", "id");
        claims.put("auth_time", Long.toString(now));
        claims.put("iat", Long.toString(now));
        claims.put("exp", Long.toString(now + 3600));
        if (groups != null) claims.put(groupsClaim, groups);
        return claims;
    }

    static String httpApi(String method, String routeTemplate, String path, Map<String, String> pathParameters,
                          Map<String, String> claims, String body, boolean base64) {
        return httpApi(method, routeTemplate, path, pathParameters, claims, body, base64, Map.of());
    }

    public static String httpApi(String method, String routeTemplate, String path, Map<String, String> pathParameters,
                                 Map<String, String> claims, String body, boolean base64, Map<String, String> extraHeaders) {
        var routeKey = method + " " + routeTemplate;
        var event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        var headers = event.putObject("headers");
        headers.put("accept", "application/json");
        headers.put("content-length", body == null ? "0" : Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        headers.put("content-type", "application/json");
        headers.put("host", "abc123.execute-api.eu-west-2.amazonaws.com");
        headers.put("user-agent", "curl/8.5.0");
        headers.put("x-amzn-trace-id", "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-abcdef012345678912345678");
        headers.put("x-forwarded-for", "192.0.2.1");
        headers.put("x-forwarded-port", "443");
        headers.put("x-forwarded-proto", "https");
        if (claims != null && !extraHeaders.containsKey("authorization")) headers.put("authorization", "Bearer eyJraWQiOiJsb2NhbCJ9.e30.c2ln");
        extraHeaders.forEach((name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), value));
        var context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "abc123");
        if (claims != null) {
            var jwt = context.putObject("authorizer").putObject("jwt");
            var c = jwt.putObject("claims");
            claims.forEach(c::put);
            jwt.putArray("scopes");
        }
        context.put("domainName", "abc123.execute-api.eu-west-2.amazonaws.com");
        context.put("domainPrefix", "abc123");
        var http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "192.0.2.1");
        http.put("userAgent", "curl/8.5.0");
        context.put("requestId", UUID.randomUUID().toString().substring(0, 16) + "=");
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", "30/Nov/2026:10:00:00 +0000");
        context.put("timeEpoch", Instant.now().toEpochMilli());
        if (!pathParameters.isEmpty()) {
            var params = event.putObject("pathParameters");
            pathParameters.forEach(params::put);
        }
        if (body != null) event.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        event.put("isBase64Encoded", base64);
        return event.toString();
    }

    record Message(String messageId, String receiptHandle, String body) {}

    static String sqs(String queueArn, List<Message> messages) {
        var event = JSON.createObjectNode();
        var records = event.putArray("Records");
        for (var m : messages) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            var attributes = r.putObject("attributes");
            attributes.put("ApproximateReceiveCount", "1");
            attributes.put("SentTimestamp", Long.toString(Instant.now().toEpochMilli()));
            attributes.put("SenderId", "AROAEXAMPLE:termwise-renew-sweep");
            attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(Instant.now().toEpochMilli()));
            r.putObject("messageAttributes");
            r.put("md5OfBody", md5(m.body()));
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", queueArn);
            r.put("awsRegion", "eu-west-2");
        }
        return event.toString();
    }

    private static String md5(String body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
