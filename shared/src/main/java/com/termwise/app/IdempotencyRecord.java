package com.termwise.app;

import java.time.Instant;
import java.util.Optional;

/**
 * A customer's {@code Idempotency-Key} (docs/api.md): the request it was first used with (a hash), the
 * resource that request created, and once finished the response to replay. Kept until {@code expiresAt}.
 */
public record IdempotencyRecord(String customerId, String key, String requestHash, String resourceId,
                                Optional<StoredResponse> response, Instant expiresAt) {

    public record StoredResponse(int status, String body) {}

    /** A customer's {@code Idempotency-Key} and a hash of the request it was sent with. */
    public record Key(String key, String requestHash) {}

    /** This record, if {@code key} came with the request it was first used with; docs/api.md's 422 otherwise. */
    public IdempotencyRecord sameRequestAs(Key key) {
        if (!requestHash.equals(key.requestHash())) {
            throw new RequestRefused(422, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request.",
                    Optional.empty(), Optional.empty());
        }
        return this;
    }
}
