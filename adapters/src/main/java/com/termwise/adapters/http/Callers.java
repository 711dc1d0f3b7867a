package com.termwise.adapters.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.termwise.app.Caller;
import com.termwise.app.RequestRefused;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;

/**
 * The caller, from the claims API Gateway's JWT authorizer verified ({@code requestContext.authorizer.jwt.claims}).
 * No claims means no verified token: 401.
 */
public final class Callers {

    private static final String[] GROUP_CLAIMS = {"cognito:groups", "groups"};

    private Callers() {}

    public static Caller of(APIGatewayV2HTTPEvent event) {
        var claims = Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt).map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims);
        var sub = claims.map(c -> c.get("sub")).filter(s -> !s.isBlank())
                .orElseThrow(() -> new RequestRefused(401, "UNAUTHENTICATED", "Sign in: this needs a bearer token.", Optional.empty(), Optional.empty()));
        // Cognito issues groups as "cognito:groups", other providers as "groups"; API Gateway flattens an array claim
        // to "[admin service]" or "admin,service"
        var groups = new HashSet<String>();
        for (var claim : GROUP_CLAIMS) {
            claims.map(c -> c.get(claim)).ifPresent(g -> Arrays.stream(g.replaceAll("[\\[\\]\"]", "").split("[,\\s]+"))
                    .filter(s -> !s.isBlank()).forEach(groups::add));
        }
        return new Caller(sub, claims.map(c -> c.get("email")).orElse(""), groups);
    }

    /** Systems' endpoints need the {@code service} group, operators' the {@code admin} group (docs/api.md). */
    public static Caller inGroup(APIGatewayV2HTTPEvent event, String group) {
        var caller = of(event);
        if (!caller.groups().contains(group)) {
            throw new RequestRefused(403, "FORBIDDEN", "This needs the '" + group + "' group.", Optional.empty(), Optional.empty());
        }
        return caller;
    }
}
