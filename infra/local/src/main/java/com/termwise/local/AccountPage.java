package com.termwise.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.ApiResponses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * "Your Account" (infra/account-page), served at {@code /account/} as S3 and CloudFront serve it in AWS: the same
 * files, the same security headers (template.yaml's AccountSiteHeaders), and a {@code config.json} that tells the page
 * to call this runner's API on its own origin and to sign in through {@code /_local/token}.
 */
final class AccountPage {

    static final String PATH = "/account/";
    /** The API on the page's own origin, and the sign-in form over /_local/token. */
    private static final String CONFIG = ApiResponses.render(json -> {
        json.writeStartObject();
        json.writeStringField("api", "");
        json.writeStringField("signIn", "local");
        json.writeEndObject();
    });
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "json", "application/json; charset=utf-8");
    /** As CloudFront's response headers policy sets them: scripts and styles from the page's own origin, calls to the API only. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private AccountPage() {}

    static APIGatewayV2HTTPResponse serve(String path, String method) {
        if (!method.equals("GET") && !method.equals("HEAD")) return ApiResponses.error(404, "ROUTE_NOT_FOUND", "No route " + method + " " + path + ".");
        if (path.equals("/account")) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(301).withHeaders(Map.of("Location", PATH)).withBody("").build();
        }
        var file = path.substring(PATH.length());
        if (file.isEmpty()) file = "index.html";
        if (file.equals("config.json")) return file(CONFIG, "json");
        if (!file.matches("[a-z-]+\\.(html|css|js)")) return notFound(path);
        try (var in = AccountPage.class.getResourceAsStream("/account-page/" + file)) {
            if (in == null) return notFound(path);
            return file(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), file.substring(file.lastIndexOf('.') + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static APIGatewayV2HTTPResponse file(String body, String extension) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("Content-Type", TYPES.get(extension),
                "Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer",
                "Cache-Control", "no-cache")).withBody(body).build();
    }

    private static APIGatewayV2HTTPResponse notFound(String path) {
        return ApiResponses.error(404, "NOT_FOUND", "No page " + path + ".");
    }
}
