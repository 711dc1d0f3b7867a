package com.termwise.app;

import java.time.Instant;
import java.util.Optional;

/**
 * A mail or domain event a state change causes, written in the same transaction and sent later,
 * once, by dispatch. A mail is rendered when it is recorded, so what is sent is what the state
 * said at that moment; an event's {@code body} is its JSON detail.
 */
public record OutboxRecord(String id, String customerId, Channel channel, String template, Optional<String> to,
                           String subject, String body, Optional<String> html, Instant createdAt) {

    public enum Channel { MAIL, EVENT }
}
