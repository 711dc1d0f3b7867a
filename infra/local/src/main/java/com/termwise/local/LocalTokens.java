package com.termwise.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local runner's identity provider and JWT authorizer: {@code /_local/token} mints HS256
 * tokens with a key made at start-up, and every authenticated route verifies them as API
 * Gateway would, passing the claims on the way the authorizer does (arrays as {@code [a b]}).
 */
final class LocalTokens {

    static final String ISSUER = "https://termwise.local/", AUDIENCE = "termwise";
    private final byte[] key = new byte[32];

    LocalTokens() {
        new SecureRandom().nextBytes(key);
    }

    String mint(String sub, String email, List<String> groups) {
        var now = System.currentTimeMillis();
        var claims = new JWTClaimsSet.Builder().subject(sub).issuer(ISSUER).audience(AUDIENCE).claim("email", email)
                .claim("groups", groups).issueTime(new Date(now)).expirationTime(new Date(now + 12 * 3600_000L)).build();
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) return Optional.empty();
        try {
            var jwt = SignedJWT.parse(authorization.substring(7).trim());
            if (!jwt.verify(new MACVerifier(key))) return Optional.empty();
            var c = jwt.getJWTClaimsSet();
            if (c.getExpirationTime() == null || c.getExpirationTime().before(new Date()) || !ISSUER.equals(c.getIssuer())
                    || !c.getAudience().contains(AUDIENCE) || c.getSubject() == null) {
                return Optional.empty();
            }
            var claims = new HashMap<String, String>();
            claims.put("sub", c.getSubject());
            claims.put("email", String.valueOf(c.getClaim("email")));
            var groups = c.getStringListClaim("groups");
            claims.put("groups", "[" + String.join(" ", groups == null ? List.of() : groups) + "]");
            return Optional.of(claims);
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
