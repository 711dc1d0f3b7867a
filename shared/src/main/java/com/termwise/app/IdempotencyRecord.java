package com.termwise.app;

import java.time.Instant;
import java.util.Optional;

/**
 * A customer's {@code Idempotency-Key} (API.md): the request it was first used with (a hash), the
 * resource that request created, and once finished the response to replay. Kept until {@code expiresAt}.
 */
public record IdempotencyRecord(String customerId, String key, String requestHash, String resourceId,
                                Optional<StoredResponse> response, Instant expiresAt) {

    public record StoredResponse(int status, String body) {}

    /** A customer's {@code Idempotency-Key} and a hash of the request it was sent with. */
    public record Key(String key, String requestHash) {}

    public boolean sameRequest(String hash) {
        return requestHash.equals(hash);
    }
}
